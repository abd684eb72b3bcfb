// expect: wrong_number_of_bind_arguments.*SELECT display_name.*1.*0
#include <sqlx/sqlx.hpp>
void f(sqlx::pg::connection& db) { (void)SQLX_QUERY("SELECT display_name FROM users WHERE discord_user_id = $1").fetch_one(db); }
