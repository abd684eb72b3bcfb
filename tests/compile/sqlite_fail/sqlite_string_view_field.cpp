// expect: field_of_a_view_type_would_dangle_read_into_an_owning_type.*name.*TEXT.*std::string_view.*use std::string
#include "metadata.hpp"
struct feed { std::int64_t id; std::string_view name; std::optional<double> score; };
void f(sqlx::sqlite::connection& db) { (void)SQLX_QUERY_AS(feed, FEEDS_BY_GUILD, 1).fetch_all(db); }
