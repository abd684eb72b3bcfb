// expect: wrong_number_of_bind_arguments.*1.*2
#include <sqlx/sqlx.hpp>
void f(sqlx::pg::connection& db, const std::string& id) { (void)SQLX_QUERY("SELECT display_name FROM users WHERE discord_user_id = $1", id, id).fetch_one(db); }
