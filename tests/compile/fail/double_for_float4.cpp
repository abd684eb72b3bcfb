// expect: bind_argument_type_does_not_match_parameter.*\$1.*float4.*double.*use float
#include <sqlx/sqlx.hpp>
void f(sqlx::pg::connection& db, std::chrono::local_time<std::chrono::microseconds> at) { (void)SQLX_QUERY_SCALAR("SELECT count(*) AS \"n!\" FROM users WHERE $1::float4 < 1 AND $2::timestamp < localtimestamp", 0.5, at).fetch_one(db); }
