// expect: bind_argument_type_does_not_match_parameter.*\$1.*int8.*double.*use std::int64_t
#include <sqlx/sqlx.hpp>
struct user { std::optional<std::string> display_name; };
std::optional<user> f(sqlx::pg::connection& db) { return SQLX_QUERY_AS(user, "SELECT display_name FROM users WHERE id = $1", 1.5).fetch_optional(db); }
