// Compiled with a.cpp's generated header (through <sqlx/sqlx.hpp>) and b.cpp's included again.
#include <cstdint>
#include <sqlx/sqlx.hpp>
#include SECOND_QUERIES_HEADER

#include "shared.hpp"

namespace per_source {

std::size_t two_headers(sqlx::pg::connection& db) {
  const auto sessions = SQLX_QUERY("SELECT state FROM oauth_sessions").fetch_all(db);  // b's
  const auto name =
      SQLX_QUERY("SELECT display_name FROM users WHERE id = $1", std::int64_t{1}).fetch_one(db);
  const auto n = count_credentials(db);  // in both
  return sessions.size() + name.display_name.size() + sizeof(n);
}

}  // namespace per_source
