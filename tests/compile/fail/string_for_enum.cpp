// expect: bind_argument_type_does_not_match_parameter.*\$1.*notification_level.*string
#include <sqlx/sqlx.hpp>
void f(sqlx::pg::connection& db, std::string level) { (void)SQLX_QUERY("SELECT guild_id FROM guild_settings WHERE notifications = $1", level).fetch_all(db); }
