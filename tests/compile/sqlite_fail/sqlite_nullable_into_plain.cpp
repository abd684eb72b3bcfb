// expect: nullable_column_needs_std_optional_field.*score.*REAL.*double
#include "metadata.hpp"
struct feed { std::int64_t id; std::string name; double score; };
void f(sqlx::sqlite::connection& db) { (void)SQLX_QUERY_AS(feed, FEEDS_BY_GUILD, 1).fetch_all(db); }
