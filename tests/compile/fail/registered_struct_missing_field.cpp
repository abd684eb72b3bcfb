// expect: struct_has_no_field_for_column.*anilist_username.*text
#define SQLX_CPP_REFLECT_FIELD_NAMES 0  // as on a compiler that cannot read field names
#include <sqlx/sqlx.hpp>
struct credential { std::string discord_user_id; std::int64_t anilist_id; };
SQLX_FIELDS(credential, discord_user_id, anilist_id)
void f(sqlx::pg::connection& db, const std::string& id) { (void)SQLX_QUERY_AS(credential, "SELECT discord_user_id, anilist_id, anilist_username FROM oauth_credentials WHERE discord_user_id = $1", id).fetch_optional(db); }
