// expect: query_scalar_needs_exactly_one_column.*0
#include <sqlx/sqlx.hpp>
void f(sqlx::pg::connection& db) { (void)SQLX_QUERY_SCALAR("DELETE FROM oauth_sessions").fetch_all(db); }
