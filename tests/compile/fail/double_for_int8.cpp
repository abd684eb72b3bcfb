// expect: bind_argument_type_does_not_match_parameter.*\$1.*int8.*double
#include <sqlx/sqlx.hpp>
void f(sqlx::pg::connection& db) { (void)SQLX_QUERY("SELECT display_name FROM users WHERE id = $1", 1.5).fetch_one(db); }
