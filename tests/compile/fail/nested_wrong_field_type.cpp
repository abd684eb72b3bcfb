// expect: field_type_does_not_match_column.*credential\.anilist_id.*int8.*std::int32_t
#include <sqlx/sqlx.hpp>
struct credential_part { std::int32_t anilist_id; };
struct user_row { std::string display_name; std::optional<credential_part> credential; };
void f(sqlx::pg::connection& db) { (void)SQLX_QUERY_AS(user_row, "SELECT u.display_name, c.anilist_id AS \"credential.anilist_id\" FROM users u LEFT JOIN oauth_credentials c ON c.discord_user_id = u.discord_user_id").fetch_all(db); }
