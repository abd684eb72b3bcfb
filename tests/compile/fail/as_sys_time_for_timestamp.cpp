// expect: timestamp_without_time_zone_is_local_time_not_sys_time.*at.*timestamp.*sys_time<microseconds>.*use local_time<microseconds>
#include <sqlx/sqlx.hpp>
struct sample { std::chrono::sys_time<std::chrono::microseconds> at; double r; };
void f(sqlx::pg::connection& db) { (void)SQLX_QUERY_AS(sample, "SELECT localtimestamp AS \"at!\", random() AS \"r!\"").fetch_one(db); }
