// expect: struct_has_no_field_for_column.*score.*REAL
#include "metadata.hpp"
struct feed { std::int64_t id; std::string name; };
void f(sqlx::sqlite::connection& db) { (void)SQLX_QUERY_AS(feed, FEEDS_BY_GUILD, 1).fetch_all(db); }
