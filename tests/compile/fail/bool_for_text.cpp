// expect: bind_argument_type_does_not_match_parameter.*\$1.*text.*bool
#include <sqlx/sqlx.hpp>
void f(sqlx::pg::connection& db) { (void)SQLX_QUERY("SELECT display_name FROM users WHERE discord_user_id = $1", true).fetch_one(db); }
