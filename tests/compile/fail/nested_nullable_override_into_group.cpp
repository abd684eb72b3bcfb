// expect: nullable_column_needs_std_optional_field.*credential\.access_token.*text
#include <sqlx/sqlx.hpp>
// "?" says the column may be NULL: the outer row's promise no longer holds.
struct credential_part { std::int64_t anilist_id; std::string access_token; };
struct user_row { std::string display_name; std::optional<credential_part> credential; };
void f(sqlx::pg::connection& db) { (void)SQLX_QUERY_AS(user_row, "SELECT u.display_name, c.anilist_id AS \"credential.anilist_id\", c.access_token AS \"credential.access_token?\" FROM users u LEFT JOIN oauth_credentials c ON c.discord_user_id = u.discord_user_id").fetch_all(db); }
