// expect: bind_argument_type_does_not_match_parameter.*\$1.*int4.*int16
#include <sqlx/sqlx.hpp>
void f(sqlx::pg::connection& db, std::int16_t n) { (void)SQLX_QUERY("SELECT display_name FROM users LIMIT $1::int4", n).fetch_all(db); }
