#include <cstdint>
#include <sqlx/sqlx.hpp>

#include "shared.hpp"

namespace per_source {

auto display_name(sqlx::pg::connection& db, std::int64_t id) {
  return SQLX_QUERY("SELECT display_name FROM users WHERE id = $1", id).fetch_one(db);
}

std::size_t a(sqlx::pg::connection& db) {
  const auto n = count_credentials(db);
  return display_name(db, 1).display_name.size() + sizeof(n);
}

}  // namespace per_source
