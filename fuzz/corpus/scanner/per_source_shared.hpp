// A header's query, used by a.cpp and b.cpp (not by c.cpp).
#pragma once

#include <sqlx/sqlx.hpp>

namespace per_source {

inline auto count_credentials(sqlx::pg::connection& db) {
  return SQLX_QUERY_SCALAR("SELECT count(*) FROM oauth_credentials").fetch_one(db);
}

}  // namespace per_source
