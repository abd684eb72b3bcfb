// expect: bind_argument_type_does_not_match_parameter.*\$1.*text.*int64
#include <sqlx/sqlx.hpp>
void f(sqlx::pg::connection& db, std::int64_t id) { (void)SQLX_QUERY("SELECT display_name FROM users WHERE discord_user_id = $1", id).fetch_one(db); }
