#include <sqlx/sqlx.hpp>

#include "shared.hpp"

namespace per_source {

std::size_t b(sqlx::pg::connection& db) {
  const auto sessions = SQLX_QUERY("SELECT state FROM oauth_sessions").fetch_all(db);
  const auto n = count_credentials(db);
  return sessions.size() + sizeof(n);
}

}  // namespace per_source
