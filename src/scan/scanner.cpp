// The scanner's entry points: the error type, one file's content, reading a file. The lexer is
// scan/file_scanner.hpp; trees of files are source_tree.cpp.
#include "scan/scanner.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>

#include "runtime/internal/read_file.hpp"
#include "scan/file_scanner.hpp"

namespace sqlx::core {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view k_bom = "\xEF\xBB\xBF";

std::string format_what(const fs::path& file, source_position position,
                        const std::string& message) {
  if (position.line == 0) return fmt::format("{}: error: {}", file.string(), message);
  return fmt::format("{}:{}:{}: error: {}", file.string(), position.line, position.column, message);
}

}  // namespace

scan_error::scan_error(std::filesystem::path file, source_position position,
                       const std::string& message)
    : sqlx::error(format_what(file, position, message)),
      file_(std::move(file)),
      position_(position),
      message_(message) {}

std::vector<query_occurrence> scan_source(std::string_view content,
                                          const std::filesystem::path& file) {
  // Positions on the first line count from after a byte order mark, as an editor shows them.
  if (content.starts_with(k_bom)) content.remove_prefix(k_bom.size());
  return scan_detail::file_scanner(content, file).run();
}

void read_source_file(const fs::path& file, std::string& content) {
  try {
    sqlx::detail::read_file(file, content);
  } catch (const sqlx::detail::file_read_error& e) {
    throw scan_error(file, {}, "cannot read: " + e.reason());
  }
}

}  // namespace sqlx::core
