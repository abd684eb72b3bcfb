// expect: column_of_a_user_type_needs_an_override_as_column_colon_cpp_type.*notifications.*notification_level
#include <sqlx/sqlx.hpp>
void f(sqlx::pg::connection& db) { (void)SQLX_QUERY("SELECT notifications FROM guild_settings").fetch_all(db); }
