// expect: nullable_column_needs_std_optional_field.*credential\.anilist_id.*int8
#include <sqlx/sqlx.hpp>
// The group's key is its first column, anilist_username, which can be NULL in a present row:
// then it says nothing of anilist_id.
struct credential_part { std::optional<std::string> anilist_username; std::int64_t anilist_id; };
struct user_row { std::string display_name; std::optional<credential_part> credential; };
void f(sqlx::pg::connection& db) { (void)SQLX_QUERY_AS(user_row, "SELECT u.display_name, c.anilist_username AS \"credential.anilist_username\", c.anilist_id AS \"credential.anilist_id\" FROM users u LEFT JOIN oauth_credentials c ON c.discord_user_id = u.discord_user_id").fetch_all(db); }
