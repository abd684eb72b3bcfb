// SQLX_QUERY_AS on a SQLite query: each mismatch at the struct field, with a note at the column
// in the SQL.
#include <sqlx/sqlx.hpp>

// expected-error@+1:8 {{struct `no_title` has no field for column `title` (TEXT) [sqlx-struct-field]}}
struct no_title {
  std::int64_t id;
  std::string platform;
};

struct text_id {
  // expected-error@+1:15 {{field type does not match column `id`: SQLite INTEGER, C++ std::string [sqlx-struct-field]}}
  std::string id;
  std::string platform;
};

struct plain_title {
  // expected-error@+1:15 {{nullable column `title` (TEXT) needs a std::optional field, not std::string [sqlx-struct-field]}}
  std::string title;
};

struct deleted_title {
  // expected-error@+1:15 {{nullable column `title` (TEXT) needs a std::optional field, not std::string [sqlx-struct-field]}}
  std::string title;
};

struct extra_field {
  std::string platform;
  // expected-error@+1:10 {{struct field `rank` has no column in the query's result [sqlx-struct-field]}}
  double rank;
};

struct right {
  std::int64_t id;
  std::string platform;
  std::optional<std::string> title;
};

void sqlite_struct_fields(sqlx::sqlite::connection& db) {
  (void)SQLX_QUERY_AS(no_title,
                      // expected-note@+1:45 {{column `title` (TEXT, nullable) of the query}}
                      "SELECT id, platform, title FROM feeds")
      .fetch_all(db);
  // expected-note@+1:40 {{column `id` (INTEGER, not null) of the query}}
  (void)SQLX_QUERY_AS(text_id, "SELECT id, platform FROM feeds").fetch_all(db);
  // expected-note@+1:44 {{column `title` (TEXT, nullable) of the query}}
  (void)SQLX_QUERY_AS(plain_title, "SELECT title FROM feeds").fetch_all(db);
  (void)SQLX_QUERY_AS(extra_field, "SELECT platform FROM feeds").fetch_all(db);
  (void)SQLX_QUERY_AS(right, "SELECT id, platform, title FROM feeds WHERE score >= ?", 0.5)
      .fetch_all(db);
  // RETURNING: the note at the column in the RETURNING list.
  // expected-note@+1:80 {{column `title` (TEXT, nullable) of the query}}
  (void)SQLX_QUERY_AS(deleted_title, "DELETE FROM feeds WHERE id = ? RETURNING title", 1)
      .fetch_all(db);
}
