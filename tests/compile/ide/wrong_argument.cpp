// A wrong bind argument where the result is returned: `clangd --check` must report the failed
// check first (no error about the returned value's type before it), on line 10.
#include <sqlx/sqlx.hpp>

struct user {
  std::optional<std::string> display_name;
};

std::optional<user> find_user(sqlx::pg::connection& db, double id) {
  return SQLX_QUERY_AS(user, "SELECT display_name FROM users WHERE id = $1", id).fetch_optional(db);
}
