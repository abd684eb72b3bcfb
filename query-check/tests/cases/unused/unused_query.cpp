// Prepared into the test's .sqlx-cpp/ but not in the checked sources: its file is unused.
#include <sqlx/sqlx.hpp>

void unused(sqlx::pg::connection& db) { (void)SQLX_QUERY("SELECT 1 AS one").execute(db); }
