// expect: std_byte_is_one_byte_binary_data_is_std_vector_of_std_byte.*\$1.*text.*std::byte
#include <sqlx/sqlx.hpp>
void f(sqlx::pg::connection& db, std::byte id) { (void)SQLX_QUERY("SELECT display_name FROM users WHERE discord_user_id = $1", id).fetch_one(db); }
