// expect: struct_has_no_field_for_column.*credential\.expires_at.*timestamptz
#include <sqlx/sqlx.hpp>
// A whole row is every column of the table: the struct must take them all.
struct credential_row { std::string discord_user_id; std::int64_t anilist_id; std::optional<std::string> anilist_username; std::string access_token; };
struct user_row { std::string display_name; std::optional<credential_row> credential; };
void f(sqlx::pg::connection& db) { (void)SQLX_QUERY_AS(user_row, "SELECT u.display_name, c AS \"credential.*\" FROM users u LEFT JOIN oauth_credentials c ON c.discord_user_id = u.discord_user_id").fetch_all(db); }
