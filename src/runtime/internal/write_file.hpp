// The one whole-file writer of the tools (metadata files, caches, new migrations), beside the
// one reader (read_file.hpp): open, write every byte, close, and one error that names the file.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string_view>

namespace sqlx::detail {

// Creates `file` or truncates it, with `content` as its bytes; `mode` for a new file (before
// the umask). Throws sqlx::error "<file>: cannot write: <reason>".
void write_file(const std::filesystem::path& file, std::string_view content, mode_t mode = 0644);

}  // namespace sqlx::detail
