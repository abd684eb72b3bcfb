// A correct file: `clangd --check` must report no error in it (the IDE path of the checks).
#include <sqlx/sqlx.hpp>

namespace app {
struct user {
  std::int64_t id;
  std::string display_name;
  std::optional<std::string> email;
};

inline std::vector<user> users(sqlx::pg::connection& db) {
  return SQLX_QUERY_AS(user, "SELECT id, display_name, email FROM users ORDER BY id").fetch_all(db);
}

inline std::optional<std::string> name_of(sqlx::pg::connection& db, std::int64_t id) {
  auto row = SQLX_QUERY("SELECT display_name FROM users WHERE id = $1", id).fetch_optional(db);
  if (!row) return std::nullopt;
  return row->display_name;
}
}  // namespace app
