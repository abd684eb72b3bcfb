// The SQL argument's literal tokens and their values (translation phases 5-6): escapes, octal,
// hex and universal character names, code units of the literal's encoding.
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <tuple>

#include "scan/file_scanner.hpp"

namespace sqlx::core::scan_detail {

// Whether a string literal token starts at `at`; fills in `literal` without consuming it.
bool file_scanner::string_literal_at(std::size_t at, literal_token& literal) {
  literal = literal_token{};
  literal.begin = at;
  const int c = char_at(at);
  if (c == '"') {
    literal.quote = at;
    return true;
  }
  if (!is_identifier_start(c)) return false;
  const std::size_t saved = pos_;
  pos_ = at;
  const std::optional<literal_kind> kind = string_prefix(read_identifier());
  literal.quote = settle(pos_);
  pos_ = saved;
  if (!kind || char_at(literal.quote) != '"') return false;
  literal.kind = *kind;
  return true;
}

// Reads the adjacent literal tokens of the SQL argument into literals_ (pos_ after the last).
// Their values are decoded afterwards: the encoding of the whole concatenation decides how
// an escape in an unprefixed piece is read (`L"" "\x100"` is one wide character).
void file_scanner::read_literal_tokens(std::string_view macro) {
  literals_.clear();
  for (;;) {
    skip_trivia();
    literal_token literal;
    if (!string_literal_at(pos_, literal)) {
      if (literals_.empty()) fail_not_literal(pos_, macro);
      return;
    }
    if (literal.kind.raw) {
      std::tie(literal.body_begin, literal.body_end) = raw_body(literal.quote);
    } else if (const std::size_t close = find_closing_quote(literal.quote, '"');
               close != std::string_view::npos) {
      pos_ = close + 1;
    } else {
      fail(literal.quote, "unterminated string literal");
    }
    if (const std::size_t suffix = settle(pos_); skip_ud_suffix()) {
      fail_not_literal(suffix, macro, " (not a user-defined literal)");
    }
    literals_.push_back(literal);
  }
}

// After the literal tokens: a `,` (more arguments follow) or the call's `)`.
void file_scanner::finish_sql_argument(std::string_view macro, std::size_t macro_offset) {
  const int c = char_at(pos_);
  if (c == ')') {
    ++pos_;
  } else if (c == ',') {
    ++pos_;
    ++depth_;
    open_calls_.push_back({macro_offset, macro, depth_});
  } else if (c < 0) {
    fail(macro_offset, fmt::format("unterminated argument list of {} (missing ')')", macro));
  } else {
    fail_not_literal(pos_, macro);
  }
}

encoding file_scanner::common_encoding() {
  encoding common = encoding::ordinary;
  for (const literal_token& literal : literals_) {
    const encoding enc = literal.kind.enc;
    if (enc == encoding::ordinary || enc == common) continue;
    if (common != encoding::ordinary) {
      fail(literal.begin, "cannot concatenate string literals with different encoding prefixes");
    }
    common = enc;
  }
  return common;
}

void file_scanner::fail_not_literal(std::size_t at, std::string_view macro,
                                    std::string_view detail) {
  fail(at, fmt::format("the SQL argument of {} must be a string literal{}", macro, detail));
}

// Source characters are copied as they are, whatever the prefix: the source is UTF-8 and the
// query text is always UTF-8 (PostgreSQL receives UTF-8), so a u"..." or L"..." literal gives
// the same text as its u8"..." spelling. Only escapes differ between encodings.
void file_scanner::decode_quoted(const literal_token& literal, encoding enc,
                                 query_occurrence& out) {
  std::size_t p = literal.quote + 1;
  for (;;) {
    p = settle(p);
    if (p >= src_.size() || src_[p] == '"') return;  // termination was checked when lexing
    if (src_[p] == '\\') {
      p = decode_escape(p, enc, out);
    } else {
      emit_source_byte(p, out);
      ++p;
    }
  }
}

// Decodes the escape sequence at `backslash`; returns the offset after it.
std::size_t file_scanner::decode_escape(std::size_t backslash, encoding enc,
                                        query_occurrence& out) {
  const std::size_t at = settle(backslash + 1);
  const int c = char_at(at);
  if (const char simple = simple_escape(c); simple != 0) {
    out.text.push_back(simple);
    out.text_positions.push_back(lines_.at(backslash));
    return at + 1;
  }
  if (is_octal_digit(c)) return decode_octal(backslash, at, enc, out);
  if (c == 'x') return decode_hex(backslash, at + 1, enc, out);
  if (c == 'u' || c == 'U') return decode_ucn(backslash, at + 1, c == 'u' ? 4 : 8, out);
  if (c > ' ' && c < 0x7F) {
    fail(backslash, fmt::format("unknown escape sequence '\\{}'", static_cast<char>(c)));
  }
  fail(backslash, "unknown escape sequence");
}

// One to three octal digits, the first at `first_digit`.
std::size_t file_scanner::decode_octal(std::size_t backslash, std::size_t first_digit, encoding enc,
                                       query_occurrence& out) {
  std::uint64_t value = 0;
  std::size_t p = first_digit;
  for (int digits = 0; digits < 3 && is_octal_digit(char_at(settle(p))); ++digits) {
    p = settle(p);
    value = value * 8 + static_cast<std::uint64_t>(src_[p] - '0');
    ++p;
  }
  emit_code_unit(backslash, value, enc, out);
  return p;
}

// Any number of hex digits, from `first_digit`.
std::size_t file_scanner::decode_hex(std::size_t backslash, std::size_t first_digit, encoding enc,
                                     query_occurrence& out) {
  std::uint64_t value = 0;
  std::size_t p = first_digit;
  bool any = false;
  for (int digit = hex_value(char_at(settle(p))); digit >= 0;
       digit = hex_value(char_at(settle(p)))) {
    // Saturate: any value past 32 bits is out of range for every encoding alike.
    value = std::min<std::uint64_t>(value * 16 + static_cast<std::uint64_t>(digit),
                                    std::uint64_t{1} << 40);
    p = settle(p) + 1;
    any = true;
  }
  if (!any) fail(backslash, "\\x used with no following hex digits");
  emit_code_unit(backslash, value, enc, out);
  return p;
}

// A universal character name names a code point: it becomes that character in UTF-8.
std::size_t file_scanner::decode_ucn(std::size_t backslash, std::size_t first_digit, int digits,
                                     query_occurrence& out) {
  std::uint32_t value = 0;
  std::size_t p = first_digit;
  for (int i = 0; i < digits; ++i) {
    p = settle(p);
    const int digit = hex_value(char_at(p));
    if (digit < 0) fail(backslash, "incomplete universal character name");
    value = value * 16 + static_cast<std::uint32_t>(digit);
    ++p;
  }
  if (!is_scalar_value(value)) {
    fail(backslash, fmt::format("\\U{:08X} is not a valid universal character name", value));
  }
  const std::size_t bytes = append_utf8(out.text, value);
  out.text_positions.append(bytes, lines_.at(backslash));
  return p;
}

// A numeric escape gives one code unit of the literal's encoding. Narrow code units are
// emitted as the raw byte (as the compiler does); wider ones name a code point, which is
// encoded in UTF-8 like the rest of the text.
void file_scanner::emit_code_unit(std::size_t backslash, std::uint64_t value, encoding enc,
                                  query_occurrence& out) {
  const bool narrow = enc == encoding::ordinary || enc == encoding::utf8;
  const std::uint64_t max = narrow ? 0xFF : enc == encoding::utf16 ? 0xFFFF : 0xFFFFFFFF;
  if (value > max) fail(backslash, "escape sequence out of range");
  if (narrow) {
    out.text.push_back(static_cast<char>(value));
    out.text_positions.push_back(lines_.at(backslash));
    return;
  }
  if (!is_scalar_value(static_cast<std::uint32_t>(value))) {
    fail(backslash, fmt::format("escape sequence value 0x{:X} is not a Unicode character; the "
                                "query text must be UTF-8",
                                value));
  }
  const std::size_t bytes = append_utf8(out.text, static_cast<std::uint32_t>(value));
  out.text_positions.append(bytes, lines_.at(backslash));
}

void file_scanner::emit_source_byte(std::size_t at, query_occurrence& out) {
  out.text.push_back(src_[at]);
  out.text_positions.push_back(lines_.at(at));
}

}  // namespace sqlx::core::scan_detail
