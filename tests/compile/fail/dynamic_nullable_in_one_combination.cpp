// expect: nullable_column_needs_std_optional_field.*email.*text.*std::string
#include <sqlx/sqlx.hpp>
struct row { std::string email; };
void f(sqlx::pg::connection& db, std::optional<std::string> like) { (void)SQLX_QUERY_AS(row, "SELECT email FROM users WHERE true [[ AND email LIKE $1 ]]", like).fetch_all(db); }
