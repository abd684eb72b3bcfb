#include "environment/sqlite_url.hpp"

namespace sqlx::core {

bool is_sqlite_url(std::string_view url) noexcept {
  return url.starts_with("sqlite:");
}

}  // namespace sqlx::core
