// expect: timestamptz_is_an_instant_use_sys_time_not_local_time.*expires_at.*timestamptz.*local_time<microseconds>.*use sys_time<microseconds>
#include <sqlx/sqlx.hpp>
struct expiry { std::optional<std::chrono::local_time<std::chrono::microseconds>> expires_at; };
void f(sqlx::pg::connection& db) { (void)SQLX_QUERY_AS(expiry, "SELECT expires_at FROM oauth_credentials").fetch_all(db); }
