// expect: nullable_column_needs_std_optional_field.*credential\.anilist_username.*text
#include <sqlx/sqlx.hpp>
// anilist_username is nullable in its own table: a present credential may still lack it.
struct credential_part { std::int64_t anilist_id; std::string anilist_username; };
struct user_row { std::string display_name; std::optional<credential_part> credential; };
void f(sqlx::pg::connection& db) { (void)SQLX_QUERY_AS(user_row, "SELECT u.display_name, c.anilist_id AS \"credential.anilist_id\", c.anilist_username AS \"credential.anilist_username\" FROM users u LEFT JOIN oauth_credentials c ON c.discord_user_id = u.discord_user_id").fetch_all(db); }
