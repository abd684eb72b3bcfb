// expect: field_type_does_not_match_column.*extra.*jsonb.*string
#include <sqlx/sqlx.hpp>
struct settings { std::optional<std::string> extra; };
void f(sqlx::pg::connection& db) { (void)SQLX_QUERY_AS(settings, "SELECT extra FROM guild_settings").fetch_all(db); }
