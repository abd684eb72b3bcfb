// expect: field_type_does_not_match_column.*account\.name\.display.*text.*std::int64_t
#include <sqlx/sqlx.hpp>
struct names { std::int64_t display; };
struct account { names name; };
struct user_row { std::int64_t id; account account; };
void f(sqlx::pg::connection& db) { (void)SQLX_QUERY_AS(user_row, "SELECT id, display_name AS \"account.name.display\" FROM users").fetch_all(db); }
