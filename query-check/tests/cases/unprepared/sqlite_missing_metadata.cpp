// A SQLite query .sqlx-cpp/ does not know, checked offline: at the literal, as a PostgreSQL one.
#include <sqlx/sqlx.hpp>

void sqlite_missing_metadata(sqlx::sqlite::connection& db, const std::string& platform) {
  // expected-error@+2:20 {{query has no metadata in .sqlx-cpp/ [sqlx-missing-metadata]}}
  // expected-note@+1:20 {{run `sqlcheck prepare` to describe it and record its metadata}}
  (void)SQLX_QUERY("SELECT title FROM feeds WHERE platform = ? -- never prepared", platform)
      .execute(db);
}
