// expect: struct_field_has_no_column.*guild
#include "metadata.hpp"
struct feed { std::int64_t id; std::string name; std::optional<double> score; std::int64_t guild; };
void f(sqlx::sqlite::connection& db) { (void)SQLX_QUERY_AS(feed, FEEDS_BY_GUILD, 1).fetch_all(db); }
