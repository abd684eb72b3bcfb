// expect: field_type_can_be_sent_but_not_read_it_is_a_parameter_only_type.*expires_at.*timestamptz.*sys_seconds.*use sys_time<microseconds>
#include <sqlx/sqlx.hpp>
struct expiry { std::optional<std::chrono::sys_seconds> expires_at; };
void f(sqlx::pg::connection& db) { (void)SQLX_QUERY_AS(expiry, "SELECT expires_at FROM oauth_credentials").fetch_all(db); }
