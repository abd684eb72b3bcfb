// expect: bind_argument_type_does_not_match_parameter.*\$1.*int8.*int32.*use std::int64_t
#include <sqlx/sqlx.hpp>
void f(sqlx::pg::connection& db, std::optional<std::int32_t> id) { (void)SQLX_QUERY("SELECT display_name FROM users WHERE id = $1", id).fetch_one(db); }
