// expect: bind_argument_type_does_not_match_parameter.*\$1.*_text.*vector
#include <sqlx/sqlx.hpp>
void f(sqlx::pg::connection& db, const std::vector<std::int32_t>& ids) { (void)SQLX_QUERY("SELECT anilist_id FROM oauth_credentials WHERE discord_user_id = ANY($1)", ids).fetch_all(db); }
