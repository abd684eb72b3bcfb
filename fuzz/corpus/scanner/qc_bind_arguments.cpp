// Bind arguments checked against .sqlx-cpp/: the type of each argument (at the argument) and
// their count (at the call).
#include <sqlx/sqlx.hpp>

void bind_arguments(sqlx::pg::connection& db, std::int32_t narrow, std::int64_t id,
                    const std::string& name) {
  // expected-error@+1:68 {{bind argument type does not match parameter $1: PostgreSQL int8, C++ std::int32_t [sqlx-bind-argument-type]}}
  (void)SQLX_QUERY("SELECT display_name FROM users WHERE id = $1", narrow).execute(db);

  (void)SQLX_QUERY("SELECT id FROM users WHERE discord_user_id = $1 AND display_name = $2",
                   name,
                   // expected-error@+1:20 {{bind argument type does not match parameter $2: PostgreSQL text, C++ std::int64_t [sqlx-bind-argument-type]}}
                   id)
      .execute(db);

  // expected-error@+1:9 {{wrong number of bind arguments: the query has 1 parameter, 0 given [sqlx-bind-argument-count]}}
  (void)SQLX_QUERY("SELECT display_name FROM users WHERE id = $1").execute(db);

  // Right: no diagnostic.
  (void)SQLX_QUERY("SELECT display_name FROM users WHERE id = $1", id).execute(db);
  (void)SQLX_QUERY("SELECT display_name FROM users WHERE id = $1", std::optional<std::int64_t>{})
      .execute(db);
  (void)SQLX_QUERY("SELECT id FROM users WHERE discord_user_id = $1 AND display_name = $2",
                   "literal", std::string_view(name))
      .execute(db);
}
