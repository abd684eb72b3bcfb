// expect: timestamp_without_time_zone_is_local_time_not_sys_time.*\$2.*timestamp.*sys_time<nanoseconds>.*use local_time<microseconds>
#include <sqlx/sqlx.hpp>
void f(sqlx::pg::connection& db, std::chrono::system_clock::time_point at) { (void)SQLX_QUERY_SCALAR("SELECT count(*) AS \"n!\" FROM users WHERE $1::float4 < 1 AND $2::timestamp < localtimestamp", 0.5f, at).fetch_one(db); }
