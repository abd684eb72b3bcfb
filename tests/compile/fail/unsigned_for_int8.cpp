// expect: unsigned_integer_has_no_sql_type_use_a_signed_integer.*\$1.*int8.*std::uint32_t.*use std::int64_t
#include <sqlx/sqlx.hpp>
void f(sqlx::pg::connection& db, unsigned id) { (void)SQLX_QUERY("SELECT display_name FROM users WHERE id = $1", id).fetch_one(db); }
