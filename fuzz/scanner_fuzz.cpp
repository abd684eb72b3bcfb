// The source scanner on arbitrary bytes: a scan_error or queries whose every byte has a
// position inside the file; nothing else (no crash, no other exception, no sanitizer report).
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "scan/scanner.hpp"

namespace {

using sqlx::core::source_position;

// Where each line starts, to check that positions are inside the file.
std::vector<std::size_t> line_lengths(std::string_view content) {
  std::vector<std::size_t> lengths{0};
  for (const char c : content) {
    if (c == '\n') {
      lengths.push_back(0);
    } else {
      ++lengths.back();
    }
  }
  return lengths;
}

// Inside the file: a line that exists, a column on it (one past its end for a new-line).
void check_inside(const source_position& at, const std::vector<std::size_t>& lengths) {
  if (at.line < 1 || at.line > lengths.size()) __builtin_trap();
  if (at.column < 1 || at.column > lengths[at.line - 1] + 1) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view content(reinterpret_cast<const char*>(data), size);
  const auto lengths = line_lengths(content);
  try {
    for (const auto& query : sqlx::core::scan_source(content, "fuzz.cpp")) {
      if (query.text_positions.size() != query.text.size()) __builtin_trap();
      check_inside(query.macro_position, lengths);
      check_inside(query.literal_position, lengths);
      for (const auto& at : query.text_positions.expand()) check_inside(at, lengths);
      if (query.macro.rfind("SQLX_QUERY", 0) != 0) __builtin_trap();
    }
  } catch (const sqlx::core::scan_error& e) {
    // End of file is one past the last character.
    if (e.position().line != 0) check_inside(e.position(), lengths);
  }
  return 0;
}
