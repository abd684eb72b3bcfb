// The character level of the scanner: character classes, the kinds of string literal, simple
// escapes and UTF-8. Internal to the scanner (not in the public scan/scanner.hpp).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sqlx::core::scan_detail {

// ---------------------------------------------------------------------------------------
// Character classes
//
// Inline: they run on every byte of every scanned file.

constexpr std::array<bool, 256> make_identifier_table() {
  std::array<bool, 256> table{};
  for (int c = 0; c < 256; ++c) {
    // Bytes >= 0x80 belong to extended identifiers (UTF-8 letters); `$` is a gcc/clang
    // extension. Both matter for whole-identifier matching: `$SQLX_QUERY(` is not a call.
    table[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_' || c == '$' || c >= 0x80;
  }
  return table;
}
inline constexpr std::array<bool, 256> k_identifier = make_identifier_table();

inline bool is_identifier_char(int c) {
  return c >= 0 && k_identifier[static_cast<unsigned char>(c)];
}
inline bool is_digit(int c) {
  return c >= '0' && c <= '9';
}
inline bool is_identifier_start(int c) {
  return is_identifier_char(c) && !is_digit(c);
}
inline bool is_octal_digit(int c) {
  return c >= '0' && c <= '7';
}

// Whitespace other than new-line; also what may sit between a backslash and the new-line of a
// line splice (gcc, clang and C++23 all accept that).
inline bool is_horizontal_space(int c) {
  return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r';
}

inline int hex_value(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// ---------------------------------------------------------------------------------------
// Literal kinds and UTF-8

enum class encoding { ordinary, utf8, wide, utf16, utf32 };

struct literal_kind {
  encoding enc = encoding::ordinary;
  bool raw = false;
};

// The kind of string literal an identifier introduces when a `"` follows it directly.
std::optional<literal_kind> string_prefix(std::string_view id);

// The value of the simple escape sequence `\c`, or 0 when `\c` is none.
char simple_escape(int c);

inline bool is_scalar_value(std::uint32_t cp) {
  return cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF);
}

// Appends `cp` (a Unicode scalar value) as UTF-8; returns the number of bytes written.
std::size_t append_utf8(std::string& out, std::uint32_t cp);

// Length of the well-formed UTF-8 sequence starting at `s[i]` (a byte >= 0x80), or 0.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i);

// Offset of the first byte that does not start a well-formed UTF-8 sequence, or npos.
std::size_t first_invalid_utf8(std::string_view s);

}  // namespace sqlx::core::scan_detail
