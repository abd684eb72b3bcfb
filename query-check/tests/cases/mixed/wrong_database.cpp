// One program, both databases: a query run on the other database's executor is reported at the
// executor, with a note at the query when the call is made on the macro's result.
#include <sqlx/sqlx.hpp>

void wrong_database(sqlx::pg::connection& pg, sqlx::sqlite::connection& lite, std::int64_t id) {
  // expected-note@+2:20 {{the SQLite query}}
  // expected-error@+1:74 {{this query was prepared for SQLite (its .sqlx-cpp/ metadata says so): it cannot run on a PostgreSQL connection, pool or transaction (sqlx::pg::connection) [sqlx-wrong-database]}}
  (void)SQLX_QUERY("SELECT title FROM feeds WHERE id = ?", id).fetch_all(pg);

  const auto by_id = SQLX_QUERY("SELECT display_name FROM users WHERE id = $1", id);
  // expected-error@+1:30 {{this query was prepared for PostgreSQL (its .sqlx-cpp/ metadata says so): it cannot run on a SQLite connection, pool or transaction (sqlx::sqlite::connection) [sqlx-wrong-database]}}
  (void)by_id.fetch_optional(lite);

  // Right: no diagnostic.
  (void)SQLX_QUERY("SELECT title FROM feeds WHERE id = ?", id).fetch_all(lite);
  (void)by_id.fetch_optional(pg);
}
