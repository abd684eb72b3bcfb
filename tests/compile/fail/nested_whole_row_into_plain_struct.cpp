// expect: nullable_column_needs_std_optional_field.*credential\.discord_user_id.*text
#include <sqlx/sqlx.hpp>
// The outer-joined row is NULL for a user without credentials: std::optional<credential_row>.
struct credential_row { std::string discord_user_id; std::int64_t anilist_id; std::optional<std::string> anilist_username; std::string access_token; std::chrono::sys_time<std::chrono::microseconds> expires_at; };
struct user_row { std::string display_name; credential_row credential; };
void f(sqlx::pg::connection& db) { (void)SQLX_QUERY_AS(user_row, "SELECT u.display_name, c AS \"credential.*\" FROM users u LEFT JOIN oauth_credentials c ON c.discord_user_id = u.discord_user_id").fetch_all(db); }
