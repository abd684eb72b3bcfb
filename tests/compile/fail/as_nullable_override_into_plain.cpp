// expect: nullable_column_needs_std_optional_field.*display_name
#include <sqlx/sqlx.hpp>
struct row_t { std::string display_name; };
void f(sqlx::pg::connection& db) { (void)SQLX_QUERY_AS(row_t, "SELECT display_name AS \"display_name?\" FROM users").fetch_all(db); }
