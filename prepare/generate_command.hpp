// `sqlcheck generate`: the checked-query header from `.sqlx-cpp/`, no database.
#pragma once

#include <filesystem>

namespace sqlx::cli {

// Writes `out` only when its content changes, so builds redo nothing for unchanged metadata.
// Exit status as for prepare.
[[nodiscard]] int run_generate(const std::filesystem::path& metadata_dir,
                               const std::filesystem::path& out);

}  // namespace sqlx::cli
