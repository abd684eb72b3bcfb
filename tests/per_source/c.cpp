#include <sqlx/sqlx.hpp>

namespace per_source {

std::size_t c(sqlx::pg::connection& db) {
  const auto expires_at =
      SQLX_QUERY_SCALAR("SELECT expires_at FROM oauth_credentials").fetch_one(db);
  return sizeof(expires_at);
}

}  // namespace per_source
