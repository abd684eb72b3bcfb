// A query .sqlx-cpp/ does not know, checked offline: at the literal, with what to do.
#include <sqlx/sqlx.hpp>

void missing_metadata(sqlx::pg::connection& db) {
  // expected-error@+2:20 {{query has no metadata in .sqlx-cpp/ [sqlx-missing-metadata]}}
  // expected-note@+1:20 {{run `sqlcheck prepare` to describe it and record its metadata}}
  (void)SQLX_QUERY("SELECT email FROM users WHERE display_name = 'never prepared'").execute(db);
}
