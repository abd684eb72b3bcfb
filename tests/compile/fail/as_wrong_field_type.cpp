// expect: field_type_does_not_match_column.*anilist_id.*int8.*int32
#include <sqlx/sqlx.hpp>
struct credential { std::string discord_user_id; std::int32_t anilist_id; std::optional<std::string> anilist_username; };
void f(sqlx::pg::connection& db, const std::string& id) { (void)SQLX_QUERY_AS(credential, "SELECT discord_user_id, anilist_id, anilist_username FROM oauth_credentials WHERE discord_user_id = $1", id).fetch_optional(db); }
