// expect: query_scalar_needs_exactly_one_column.*2
#include <sqlx/sqlx.hpp>
void f(sqlx::pg::connection& db) { (void)SQLX_QUERY_SCALAR("SELECT id, display_name FROM users").fetch_all(db); }
