// expect: field_of_a_view_type_would_dangle_read_into_an_owning_type.*display_name.*text.*std::string_view.*use std::string
#include <sqlx/sqlx.hpp>
struct user { std::int64_t id; std::string_view display_name; std::optional<std::string> email; };
void f(sqlx::pg::connection& db) { (void)SQLX_QUERY_AS(user, "SELECT id, display_name, email FROM users ORDER BY id").fetch_all(db); }
