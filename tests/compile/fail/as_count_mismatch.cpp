// expect: wrong_number_of_bind_arguments
#include <sqlx/sqlx.hpp>
struct credential { std::string discord_user_id; std::int64_t anilist_id; std::optional<std::string> anilist_username; };
void f(sqlx::pg::connection& db) { (void)SQLX_QUERY_AS(credential, "SELECT discord_user_id, anilist_id, anilist_username FROM oauth_credentials WHERE discord_user_id = $1").fetch_optional(db); }
