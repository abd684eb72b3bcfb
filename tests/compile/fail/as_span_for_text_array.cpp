// expect: field_of_a_view_type_would_dangle_read_into_an_owning_type.*features.*_text.*std::span<const std::string>.*use std::vector<std::string>
#include <sqlx/sqlx.hpp>
struct settings { std::optional<std::span<const std::string>> features; };
void f(sqlx::pg::connection& db) { (void)SQLX_QUERY_AS(settings, "SELECT features FROM guild_settings").fetch_all(db); }
