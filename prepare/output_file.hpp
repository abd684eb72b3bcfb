// Writing generated files so that builds redo nothing when nothing changed.
#pragma once

#include <filesystem>
#include <string_view>

namespace sqlx::cli {

// Replaces `out` with `content` (through a temporary file and a rename) unless it already
// holds exactly that, so its timestamp only moves when its content does. Throws on failure.
void write_if_changed(const std::filesystem::path& out, std::string_view content);

}  // namespace sqlx::cli
