// expect: column_label_is_not_a_cpp_identifier_alias_it_with_as.*[?]column[?]
#include <sqlx/sqlx.hpp>
void f(sqlx::pg::connection& db) { (void)SQLX_QUERY("SELECT 1 + 1").fetch_one(db); }
