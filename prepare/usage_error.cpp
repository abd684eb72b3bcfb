#include "usage_error.hpp"

#include <fmt/format.h>

namespace sqlx::cli {

int usage_error(std::string_view message) {
  fmt::print(stderr, "sqlcheck: {}\nRun `sqlcheck --help` for usage.\n", message);
  return 2;
}

}  // namespace sqlx::cli
