#include <sqlx/sqlx.hpp>

#include "shared.hpp"

namespace per_source {

std::size_t b(sqlx::pg::connection& db) {
  const auto sessions = SQLX_QUERY("SELECT state FROM oauth_sessions").fetch_all(db);
  return sessions.size() + sizeof(count_credentials(db));
}

}  // namespace per_source
