// The one way sqlcheck reports a wrong command line: the message, a pointer to --help, exit 2.
#pragma once

#include <string_view>

namespace sqlx::cli {

// Prints "sqlcheck: <message>" and the hint to run `sqlcheck --help` to stderr; returns 2, the
// exit status of a usage error.
[[nodiscard]] int usage_error(std::string_view message);

}  // namespace sqlx::cli
