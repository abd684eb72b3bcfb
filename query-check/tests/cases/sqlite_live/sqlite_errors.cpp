// Described on a live SQLite database (DATABASE_URL=sqlite://...): a query SQLite rejects is
// reported at the character sqlite3_error_offset names, through escapes, concatenation and raw
// strings. A PostgreSQL query of the same program is judged by its .sqlx-cpp/ file.
#include <sqlx/sqlx.hpp>

void sqlite_rejected(sqlx::sqlite::connection& db, const std::string& name) {
  // expected-error@+1:32 {{no such column: nme [sqlx-rejected-query]}}
  (void)SQLX_QUERY("SELECT id, \x6eme FROM feeds").execute(db);
  (void)SQLX_QUERY(
      "SELECT 'é' AS e, id "
      // expected-error@+1:25 {{no such column: source [sqlx-rejected-query]}}
      "FROM feeds WHERE source = ?",
      name)
      .execute(db);
  (void)SQLX_QUERY(R"sql(
      SELECT id
      FROM feeds
      -- expected-error@+1:31 {{no such column: platfrm [sqlx-rejected-query]}}
      WHERE platform = 'a' OR platfrm = 'b'
  )sql")
      .execute(db);
  // Described live, then checked: the argument's type against the inferred parameter type.
  // expected-error@+1:60 {{bind argument type does not match parameter ?1: SQLite INTEGER, C++ std::string [sqlx-bind-argument-type]}}
  (void)SQLX_QUERY("SELECT title FROM feeds WHERE id = ?", name).execute(db);
}

void postgres_in_the_same_program(sqlx::pg::connection& db, std::int32_t narrow) {
  // expected-error@+1:68 {{bind argument type does not match parameter $1: PostgreSQL int8, C++ std::int32_t [sqlx-bind-argument-type]}}
  (void)SQLX_QUERY("SELECT display_name FROM users WHERE id = $1", narrow).execute(db);
}
