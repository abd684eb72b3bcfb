// A SQLite query's bind arguments checked against .sqlx-cpp/: each one's type against the type
// sqlcheck prepare inferred for its parameter (at the argument), their count (at the call).
#include <sqlx/sqlx.hpp>

struct not_a_value {
  int x;
};

void sqlite_bind_arguments(sqlx::sqlite::connection& db, std::int64_t id, const std::string& name,
                           double score) {
  // expected-error@+1:60 {{bind argument type does not match parameter ?1: SQLite INTEGER, C++ std::string [sqlx-bind-argument-type]}}
  (void)SQLX_QUERY("SELECT title FROM feeds WHERE id = ?", name).execute(db);

  (void)SQLX_QUERY("SELECT id FROM feeds WHERE platform = ? AND score > ?", name,
                   // expected-error@+1:20 {{bind argument type does not match parameter ?2: SQLite REAL, C++ std::string [sqlx-bind-argument-type]}}
                   name)
      .execute(db);

  // expected-error@+1:9 {{wrong number of bind arguments: the query has 2 parameters, 1 given [sqlx-bind-argument-count]}}
  (void)SQLX_QUERY("SELECT id FROM feeds WHERE platform = ? AND source_id = ?", name).execute(db);

  // A parameter with no inferred type still needs a value SQLite can store.
  // expected-error@+1:60 {{bind argument type does not match parameter ?1: SQLite (any type), C++ not_a_value [sqlx-bind-argument-type]}}
  (void)SQLX_QUERY("SELECT id FROM feeds WHERE ? IS NULL", not_a_value{1}).execute(db);

  // Right: no diagnostic. A parameter with no inferred type takes any SQLite-encodable value.
  (void)SQLX_QUERY("SELECT title FROM feeds WHERE id = ?", id).execute(db);
  (void)SQLX_QUERY("SELECT title FROM feeds WHERE id = ?", std::optional<std::int64_t>{})
      .execute(db);
  (void)SQLX_QUERY("SELECT id FROM feeds WHERE platform = ? AND score > ?", "youtube", score)
      .execute(db);
  (void)SQLX_QUERY("SELECT id FROM feeds WHERE ? IS NULL", name).execute(db);
  (void)SQLX_QUERY("SELECT id FROM feeds WHERE ? IS NULL", score).execute(db);
}
