#include <sqlx/sqlx.hpp>

namespace per_source {

std::size_t c(sqlx::pg::connection& db) {
  return sizeof(SQLX_QUERY_SCALAR("SELECT 1 + 1").fetch_one(db));
}

}  // namespace per_source
