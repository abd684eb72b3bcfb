// `sqlcheck vet`: lint every tagged query of the sources against a live database
// (docs/vet.md).
#pragma once

#include <string_view>
#include <vector>

namespace sqlx::cli {

// Parses the arguments after `vet` and runs it. Exit status: 0 no error-level finding, 1 an
// error-level finding or a failure, 2 usage or configuration error.
[[nodiscard]] int vet_main(const std::vector<std::string_view>& args);

}  // namespace sqlx::cli
