// expect: nullable_column_needs_std_optional_field.*shout.*text
#include <sqlx/sqlx.hpp>
struct shouted { std::string shout; };
void f(sqlx::pg::connection& db) { (void)SQLX_QUERY_AS(shouted, "SELECT current_setting('search_path') AS shout").fetch_all(db); }
