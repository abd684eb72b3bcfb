// expect: query_has_no_metadata_in_sqlx_cpp_dir_run_sqlcheck_prepare
#include "metadata.hpp"
void f(sqlx::sqlite::connection& db) { (void)SQLX_QUERY("SELECT 42 AS answer FROM feeds").fetch_all(db); }
