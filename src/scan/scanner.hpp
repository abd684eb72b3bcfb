// Finds the SQL literals tagged with SQLX_QUERY / SQLX_QUERY_AS / SQLX_QUERY_SCALAR in C++
// sources and takes each literal's value exactly as a compiler would.
#pragma once

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "scan/text_positions.hpp"
#include "sqlx/error.hpp"

namespace sqlx::core {

struct query_occurrence {
  std::filesystem::path file;
  std::string macro;                 // "SQLX_QUERY", "SQLX_QUERY_AS" or "SQLX_QUERY_SCALAR"
  source_position macro_position;    // the macro name
  source_position literal_position;  // the first character of the first literal token
  std::string text;                  // the literal's value (UTF-8), the query text
  // For every byte of `text`, where in the file it came from (for an escape sequence: the
  // backslash). Lets a server error position be reported at the exact source character.
  core::text_positions text_positions;
};

// A source that cannot be scanned: names the file and the position.
class scan_error : public sqlx::error {
 public:
  scan_error(std::filesystem::path file, source_position position, const std::string& message);
  [[nodiscard]] const std::filesystem::path& file() const noexcept { return file_; }
  [[nodiscard]] source_position position() const noexcept { return position_; }
  [[nodiscard]] const std::string& message() const noexcept { return message_; }

 private:
  std::filesystem::path file_;
  source_position position_;
  std::string message_;
};

// Scans one file's content. Throws scan_error on bad input.
[[nodiscard]] std::vector<query_occurrence> scan_source(std::string_view content,
                                                        const std::filesystem::path& file);

// Reads a file's bytes into `content` (a buffer callers may reuse across files) with the one
// reader (runtime/internal/read_file.hpp). Throws scan_error naming the file when it cannot be
// read, so that a scan has one error type.
void read_source_file(const std::filesystem::path& file, std::string& content);

// Scans every C/C++ source (.cpp .cc .cxx .hpp .h .hh .ipp) under each root, in a stable
// order (sorted paths). Skips hidden directories, `.git` and build directories (any directory
// holding a CMakeCache.txt, or named build / cmake-build-*). A root may also be a single file.
// Throws scan_error on the first bad file. With a `cache`, a file it holds unchanged is not
// read (scan/scan_cache.hpp) and the files read are recorded in it.
class scan_cache;
[[nodiscard]] std::vector<query_occurrence> scan_tree(
    const std::vector<std::filesystem::path>& roots, scan_cache* cache = nullptr);

}  // namespace sqlx::core
