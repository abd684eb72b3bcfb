// expect: field_type_does_not_match_column.*name.*TEXT.*std::int64_t
#include "metadata.hpp"
struct feed { std::int64_t id; std::int64_t name; std::optional<double> score; };
void f(sqlx::sqlite::connection& db) { (void)SQLX_QUERY_AS(feed, FEEDS_BY_GUILD, 1).fetch_all(db); }
