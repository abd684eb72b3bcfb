// expect: unsigned_integer_has_no_sql_type_use_a_signed_integer.*id.*int8.*std::uint64_t.*use std::int64_t
#include <sqlx/sqlx.hpp>
struct user { std::uint64_t id; std::string display_name; std::optional<std::string> email; };
void f(sqlx::pg::connection& db) { (void)SQLX_QUERY_AS(user, "SELECT id, display_name, email FROM users ORDER BY id").fetch_all(db); }
