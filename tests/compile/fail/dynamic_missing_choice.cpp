// expect: dynamic_query_needs_one_sqlx_choice_per_choice_part.*SELECT display_name.*1.*0
#include <sqlx/sqlx.hpp>
void f(sqlx::pg::connection& db) { (void)SQLX_QUERY("SELECT display_name FROM users ORDER BY {{ id | display_name }}").fetch_all(db); }
