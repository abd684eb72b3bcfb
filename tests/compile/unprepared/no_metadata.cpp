// expect: (query_has_no_metadata_in_sqlx_cpp_dir_run_sqlcheck_prepare.*SELECT 42 AS never_prepared|SELECT 42 AS never_prepared.*query_has_no_metadata_in_sqlx_cpp_dir_run_sqlcheck_prepare)
#include <sqlx/sqlx.hpp>
void f(sqlx::pg::connection& db) { (void)SQLX_QUERY("SELECT 42 AS never_prepared").fetch_one(db); }
