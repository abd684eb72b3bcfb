// expect: bind_argument_type_does_not_match_parameter.*"\$2".*"int8".*std::string
#include <sqlx/sqlx.hpp>
void f(sqlx::pg::connection& db, std::optional<std::string> name, std::optional<std::string> id) { (void)SQLX_QUERY("SELECT display_name FROM users WHERE true [[ AND discord_user_id = $1 ]] [[ AND id = $2 ]]", name, id).fetch_all(db); }
