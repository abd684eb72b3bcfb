// expect: column_of_a_user_type_needs_an_override_as_column_colon_cpp_type.*notifications
#include <sqlx/sqlx.hpp>
void f(sqlx::pg::connection& db) { (void)SQLX_QUERY_SCALAR("SELECT notifications FROM guild_settings LIMIT 1").fetch_all(db); }
