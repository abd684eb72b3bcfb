// expect: prepared for SQLite .its .sqlx-cpp/ metadata says so.: it cannot run on a PostgreSQL
#include "metadata.hpp"
void f(sqlx::pg::connection& db) { (void)SQLX_QUERY(FEEDS_BY_GUILD, 1).fetch_all(db); }
