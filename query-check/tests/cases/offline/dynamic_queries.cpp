// Dynamic queries (docs/dynamic-queries.md): every combination checked, a bind argument named
// by the literal's own parameter number, a field by the combination that needs it optional.
#include <sqlx/sqlx.hpp>

struct email_only {
  // expected-error@+1:15 {{nullable column `email` (text) needs a std::optional field, not std::string [sqlx-struct-field]}}
  std::string email;
};

void dynamic_queries(sqlx::pg::connection& db, std::optional<std::string> name,
                     std::optional<std::string> id_text, std::optional<std::int64_t> id) {
  (void)SQLX_QUERY(
      "SELECT display_name FROM users WHERE true [[ AND discord_user_id = $1 ]] [[ AND id = $2 ]]",
      name,
      // expected-error@+1:7 {{bind argument type does not match parameter $2: PostgreSQL int8, C++ std::optional<std::string> [sqlx-bind-argument-type]}}
      id_text)
      .fetch_all(db);

  (void)SQLX_QUERY_AS(email_only,
                      // expected-note@+1:23 {{column `email` (text, nullable) of the query}}
                      "SELECT email FROM users WHERE true [[ AND email LIKE $1 ]]", name)
      .fetch_all(db);

  // Right: no diagnostic.
  (void)SQLX_QUERY(
      "SELECT display_name FROM users WHERE true [[ AND discord_user_id = $1 ]] [[ AND id = $2 ]]",
      name, id)
      .fetch_all(db);
  (void)SQLX_QUERY("SELECT id FROM users ORDER BY id {{ LIMIT $1 | }}", std::int64_t{2},
                   sqlx::choice(1))
      .fetch_all(db);
}
