// expect: char_is_one_character_not_a_string_nor_an_integer.*\$1.*text.*char.*use std::string
#include <sqlx/sqlx.hpp>
void f(sqlx::pg::connection& db, char id) { (void)SQLX_QUERY("SELECT display_name FROM users WHERE discord_user_id = $1", id).fetch_one(db); }
