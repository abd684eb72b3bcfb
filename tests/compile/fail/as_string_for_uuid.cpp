// expect: field_type_does_not_match_column.*state.*uuid.*string
#include <sqlx/sqlx.hpp>
struct session { std::string state; };
void f(sqlx::pg::connection& db) { (void)SQLX_QUERY_AS(session, "SELECT state FROM oauth_sessions").fetch_all(db); }
