// `sqlcheck migrate ...` and `sqlcheck database ...`: sqlx-cli's commands over sqlx::migrator.
#pragma once

#include <string_view>
#include <vector>

namespace sqlx::cli {

// The arguments after `migrate` / `database`; returns the exit status (0, 1, or 2 for usage).
int migrate_main(const std::vector<std::string_view>& args);
int database_main(const std::vector<std::string_view>& args);

}  // namespace sqlx::cli
