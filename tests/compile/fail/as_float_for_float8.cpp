// expect: field_type_does_not_match_column.*r.*float8.*float.*use double
#include <sqlx/sqlx.hpp>
struct sample { std::chrono::local_time<std::chrono::microseconds> at; float r; };
void f(sqlx::pg::connection& db) { (void)SQLX_QUERY_AS(sample, "SELECT localtimestamp AS \"at!\", random() AS \"r!\"").fetch_one(db); }
