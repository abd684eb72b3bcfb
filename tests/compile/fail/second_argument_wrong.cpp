// expect: bind_argument_type_does_not_match_parameter.*\$2.*text.*int
#include <sqlx/sqlx.hpp>
void f(sqlx::pg::connection& db, const std::string& id) { (void)SQLX_QUERY("INSERT INTO users (discord_user_id, display_name) VALUES ($1, $2) RETURNING id", id, 7).fetch_one(db); }
