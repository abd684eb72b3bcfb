// expect: bind_argument_type_does_not_match_parameter.*\$1.*_text.*span
#include <sqlx/sqlx.hpp>
#include <span>
void f(sqlx::pg::connection& db, std::span<const std::int64_t> ids) { (void)SQLX_QUERY("SELECT anilist_id FROM oauth_credentials WHERE discord_user_id = ANY($1)", ids).fetch_all(db); }
