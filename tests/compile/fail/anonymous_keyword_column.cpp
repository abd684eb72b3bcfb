// expect: column_label_is_not_a_cpp_identifier_alias_it_with_as.*class
#include <sqlx/sqlx.hpp>
void f(sqlx::pg::connection& db) { (void)SQLX_QUERY("SELECT display_name AS class FROM users").fetch_all(db); }
