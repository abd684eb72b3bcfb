// expect: field_type_does_not_match_column.*features.*_text.*vector
#include <sqlx/sqlx.hpp>
struct settings { std::vector<int> features; };
void f(sqlx::pg::connection& db) { (void)SQLX_QUERY_AS(settings, "SELECT features FROM guild_settings").fetch_all(db); }
