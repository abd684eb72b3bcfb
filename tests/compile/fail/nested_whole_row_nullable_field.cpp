// expect: nullable_column_needs_std_optional_field.*credential\.anilist_username.*text.*std::string
#include <sqlx/sqlx.hpp>
// A whole row's field keeps its table's nullability: anilist_username may be NULL.
struct credential_row { std::string discord_user_id; std::int64_t anilist_id; std::string anilist_username; std::string access_token; std::chrono::sys_time<std::chrono::microseconds> expires_at; };
struct user_row { std::string display_name; std::optional<credential_row> credential; };
void f(sqlx::pg::connection& db) { (void)SQLX_QUERY_AS(user_row, "SELECT u.display_name, c AS \"credential.*\" FROM users u LEFT JOIN oauth_credentials c ON c.discord_user_id = u.discord_user_id").fetch_all(db); }
