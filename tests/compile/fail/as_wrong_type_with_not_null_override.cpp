// expect: field_type_does_not_match_column.*email.*text.*int64
#include <sqlx/sqlx.hpp>
struct row_t { std::int64_t email; };
void f(sqlx::pg::connection& db) { (void)SQLX_QUERY_AS(row_t, "SELECT email AS \"email!\" FROM users WHERE email IS NOT NULL").fetch_all(db); }
