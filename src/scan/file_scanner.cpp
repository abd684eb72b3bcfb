// The lexing members of file_scanner: trivia, comments, tokens, strings, raw strings,
// directives and the macro calls.
#include "scan/file_scanner.hpp"

#include <fmt/format.h>

#include <array>
#include <cstring>
#include <optional>
#include <string>

namespace sqlx::core::scan_detail {
namespace {

constexpr std::size_t k_max_raw_delimiter = 16;
constexpr std::array<std::string_view, 3> k_macros = {"SQLX_QUERY", "SQLX_QUERY_AS",
                                                      "SQLX_QUERY_SCALAR"};

}  // namespace

std::vector<query_occurrence> file_scanner::run() {
  if (const std::size_t bad = first_invalid_utf8(src_); bad != std::string_view::npos) {
    fail(bad, "file is not valid UTF-8");
  }
  // A directive's `#` is the first token of a line: it follows a new-line, or the file start.
  // Comments do not count, even when they span lines ([cpp.pre]).
  bool line_start = true;
  for (;;) {
    if (skip_trivia()) line_start = true;
    if (at_end()) break;
    const token t = lex_token(/*lenient=*/false);
    const bool first_on_line = std::exchange(line_start, false);
    if (t.kind == token_kind::punctuator) {
      if (t.punctuator == '#' && first_on_line) {
        line_start = skip_directive();
      } else {
        on_punctuator(t.punctuator);
      }
    } else if (t.kind == token_kind::identifier) {
      if (const std::string_view* macro = macro_name(t.identifier)) on_macro(*macro, t.begin);
    }
  }
  if (!open_calls_.empty()) {
    const open_call& call = open_calls_.front();
    fail(call.macro_offset,
         fmt::format("unterminated argument list of {} (missing ')')", call.macro));
  }
  return std::move(found_);
}

// Skips whitespace and comments; returns whether a new-line outside comments was crossed.
bool file_scanner::skip_trivia() {
  bool newline = false;
  for (;;) {
    pos_ = settle(pos_);
    const int c = char_at(pos_);
    if (c == '\n') {
      newline = true;
      ++pos_;
    } else if (is_horizontal_space(c)) {
      ++pos_;
    } else if (c == '/') {
      const std::size_t next = settle(pos_ + 1);
      const int d = char_at(next);
      if (d == '/') {
        skip_line_comment(next + 1);
      } else if (d == '*') {
        skip_block_comment(pos_, next + 1);
      } else {
        return newline;
      }
    } else {
      return newline;
    }
  }
}

// Leaves pos_ on the new-line that ends the comment, so the caller sees the line end.
void file_scanner::skip_line_comment(std::size_t from) {
  const char* const data = src_.data();
  for (std::size_t p = from; p < src_.size();) {
    const void* hit = std::memchr(data + p, '\n', src_.size() - p);
    if (hit == nullptr) break;
    const auto nl = static_cast<std::size_t>(static_cast<const char*>(hit) - data);
    std::size_t back = nl;
    while (back > from && is_horizontal_space(src_[back - 1])) --back;
    if (back == from || src_[back - 1] != '\\') {
      pos_ = nl;
      return;
    }
    p = nl + 1;  // a line splice: the comment goes on
  }
  pos_ = src_.size();
}

void file_scanner::skip_block_comment(std::size_t opening, std::size_t from) {
  const char* const data = src_.data();
  for (std::size_t p = from; p < src_.size();) {
    const void* hit = std::memchr(data + p, '*', src_.size() - p);
    if (hit == nullptr) break;
    const auto star = static_cast<std::size_t>(static_cast<const char*>(hit) - data);
    const std::size_t next = settle(star + 1);
    if (char_at(next) == '/') {
      pos_ = next + 1;
      return;
    }
    p = star + 1;
  }
  fail(opening, "unterminated block comment");
}

// Lexes one preprocessing token at pos_ (which skip_trivia left on a token). `lenient`: an
// unterminated string is a lone `"` rather than an error (inside directives, where text such
// as `#error don"t` is not ours to judge and cannot hold a query).
token file_scanner::lex_token(bool lenient) {
  const std::size_t begin = pos_;
  const int c = char_at(begin);
  if (is_identifier_start(c)) return lex_word(lenient);
  if (is_digit(c) || (c == '.' && is_digit(char_at(settle(begin + 1))))) {
    skip_number();
    return literal_at(begin);
  }
  if (c == '"') {
    skip_string(begin, literal_kind{}, lenient);
    return literal_at(begin);
  }
  if (c == '\'') {
    skip_char(begin);
    return literal_at(begin);
  }
  if (c == '%') {
    // `%:` is the digraph of `#`, and may start a directive as well.
    const std::size_t next = settle(begin + 1);
    if (char_at(next) == ':') {
      pos_ = next + 1;
      return punctuator_at(begin, '#');
    }
  }
  pos_ = begin + 1;
  return punctuator_at(begin, static_cast<char>(c));
}

// An identifier, or a string literal introduced by an encoding prefix.
token file_scanner::lex_word(bool lenient) {
  const std::size_t begin = pos_;
  const std::string_view id = read_identifier();
  const std::size_t next = settle(pos_);
  const int c = char_at(next);
  // A character literal's prefix (u8'x') needs no case: lexed as an identifier followed by
  // the literal, it skips the same characters.
  if (c == '"') {
    if (const auto kind = string_prefix(id)) {
      skip_string(next, *kind, lenient);
      return literal_at(begin);
    }
  }
  return {token_kind::identifier, begin, 0, id};
}

std::string_view file_scanner::read_identifier() {
  const std::size_t begin = pos_;
  std::size_t p = begin;
  while (p < src_.size() && k_identifier[static_cast<unsigned char>(src_[p])]) ++p;
  if (p >= src_.size() || src_[p] != '\\' || splice_length(p) == 0) {
    pos_ = p;
    return src_.substr(begin, p - begin);
  }
  // Rare: a splice inside the identifier. Only here are characters copied.
  identifier_buffer_.assign(src_.substr(begin, p - begin));
  for (p = settle(p); is_identifier_char(char_at(p)); p = settle(p + 1)) {
    identifier_buffer_.push_back(src_[p]);
  }
  pos_ = p;
  return identifier_buffer_;
}

// A pp-number: must be consumed whole so that the digit separator in `1'000` does not start
// a character literal. (The sign of an exponent, `1e+5`, needs no case: lexed as separate
// tokens it skips the same characters.)
void file_scanner::skip_number() {
  std::size_t p = pos_ + 1;
  for (;;) {
    p = settle(p);
    const int c = char_at(p);
    if (is_identifier_char(c) || c == '.') {
      ++p;
    } else if (c == '\'' && is_identifier_char(char_at(settle(p + 1)))) {
      p = settle(p + 1) + 1;
    } else {
      break;
    }
  }
  pos_ = p;
}

// The closing quote of a non-raw literal, or npos when a new-line or the end comes first.
std::size_t file_scanner::find_closing_quote(std::size_t quote, char terminator) const {
  std::size_t p = quote + 1;
  for (;;) {
    while (p < src_.size() && src_[p] != terminator && src_[p] != '\\' && src_[p] != '\n') ++p;
    if (p >= src_.size() || src_[p] == '\n') return std::string_view::npos;
    if (src_[p] == terminator) return p;
    if (const std::size_t splice = splice_length(p); splice != 0) {
      p += splice;
      continue;
    }
    p = settle(p + 1);  // an escape: its next character cannot end the literal
    if (p >= src_.size() || src_[p] == '\n') return std::string_view::npos;
    ++p;
  }
}

void file_scanner::skip_string(std::size_t quote, literal_kind kind, bool lenient) {
  if (kind.raw) {
    raw_body(quote);
  } else if (const std::size_t close = find_closing_quote(quote, '"');
             close != std::string_view::npos) {
    pos_ = close + 1;
  } else if (lenient) {
    pos_ = quote + 1;
    return;
  } else {
    fail(quote, "unterminated string literal");
  }
  skip_ud_suffix();
}

// Character literals never hold a query; an unterminated one is taken as a lone `'`, as
// preprocessors do in skipped blocks (`#if 0` prose like "don't").
void file_scanner::skip_char(std::size_t quote) {
  const std::size_t close = find_closing_quote(quote, '\'');
  if (close == std::string_view::npos) {
    pos_ = quote + 1;
    return;
  }
  pos_ = close + 1;
  skip_ud_suffix();
}

// Reads a raw string from its opening quote, on the physical bytes: phase 2 is reverted
// between the quotes of a raw string. Returns the body; leaves pos_ after the closing quote.
std::pair<std::size_t, std::size_t> file_scanner::raw_body(std::size_t quote) {
  const std::size_t delimiter = quote + 1;
  std::size_t p = delimiter;
  for (; p < src_.size() && src_[p] != '('; ++p) {
    const int c = char_at(p);
    if (c <= ' ' || c >= 0x7F || c == ')' || c == '\\') {
      fail(p, c > ' ' && c < 0x7F ? fmt::format("invalid character '{}' in raw string delimiter",
                                                static_cast<char>(c))
                                  : std::string("invalid character in raw string delimiter"));
    }
    if (p - delimiter == k_max_raw_delimiter) {
      fail(quote, "raw string delimiter longer than 16 characters");
    }
  }
  if (p >= src_.size()) fail(quote, "unterminated raw string");
  const std::string_view delim = src_.substr(delimiter, p - delimiter);
  const std::size_t body = p + 1;
  for (std::size_t from = body; from < src_.size();) {
    const void* hit = std::memchr(src_.data() + from, ')', src_.size() - from);
    if (hit == nullptr) break;
    const auto paren = static_cast<std::size_t>(static_cast<const char*>(hit) - src_.data());
    if (src_.substr(paren + 1, delim.size()) == delim && char_at(paren + 1 + delim.size()) == '"') {
      pos_ = paren + delim.size() + 2;
      return {body, paren};
    }
    from = paren + 1;
  }
  fail(quote, "unterminated raw string");
}

// A user-defined literal suffix glued to a literal belongs to it (maximal munch).
bool file_scanner::skip_ud_suffix() {
  const std::size_t next = settle(pos_);
  if (!is_identifier_start(char_at(next))) return false;
  pos_ = next;
  read_identifier();
  return true;
}

// Skips the rest of a directive line (macro definitions of SQLX_QUERY included). Returns
// whether it stopped at a new-line (so the next token starts a line).
bool file_scanner::skip_directive() {
  for (;;) {
    if (skip_trivia()) return true;
    if (at_end()) return false;
    lex_token(/*lenient=*/true);
  }
}

const std::string_view* file_scanner::macro_name(std::string_view identifier) const {
  // Cheap reject first: this runs for every identifier of the file.
  if (identifier.size() < k_macros[0].size() || identifier[0] != 'S') return nullptr;
  for (const std::string_view& macro : k_macros) {
    if (identifier == macro) return &macro;
  }
  return nullptr;
}

// Tracks parentheses only while a macro call is open, to know when its `)` arrives.
void file_scanner::on_punctuator(char c) {
  if (open_calls_.empty()) return;
  if (c == '(') {
    ++depth_;
  } else if (c == ')') {
    --depth_;
    while (!open_calls_.empty() && depth_ < open_calls_.back().depth) open_calls_.pop_back();
  }
}

void file_scanner::on_macro(std::string_view macro, std::size_t macro_offset) {
  // Only a function-like invocation counts: `&SQLX_QUERY` or `SQLX_QUERY;` is no call.
  const std::size_t after_name = pos_;
  skip_trivia();
  if (char_at(pos_) != '(') {
    pos_ = after_name;  // let the main loop see any new-line (a directive may follow)
    return;
  }
  ++pos_;
  if (macro == "SQLX_QUERY_AS") skip_type_argument(macro, macro_offset);

  query_occurrence occurrence;
  occurrence.file = file_;
  occurrence.macro = std::string(macro);
  occurrence.macro_position = lines_.at(macro_offset);
  read_literal_tokens(macro);
  occurrence.literal_position = lines_.at(literals_.front().begin);
  const encoding enc = common_encoding();
  for (const literal_token& literal : literals_) {
    if (literal.kind.raw) {
      for (std::size_t p = literal.body_begin; p < literal.body_end; ++p) {
        emit_source_byte(p, occurrence);
      }
    } else {
      decode_quoted(literal, enc, occurrence);
    }
  }
  finish_sql_argument(macro, macro_offset);
  found_.push_back(std::move(occurrence));
}

// Skips the type argument of SQLX_QUERY_AS up to its comma. Like the preprocessor, only
// parentheses group: `std::pair<int, int>` or `T{1, 2}` would split the macro arguments too,
// so the scanner splits where the compiler does.
void file_scanner::skip_type_argument(std::string_view macro, std::size_t macro_offset) {
  long depth = 0;
  for (;;) {
    skip_trivia();
    if (at_end()) fail(macro_offset, fmt::format("unterminated argument list of {}", macro));
    const token t = lex_token(/*lenient=*/false);
    if (t.kind != token_kind::punctuator) continue;
    if (t.punctuator == '(') {
      ++depth;
    } else if (t.punctuator == ')') {
      if (depth == 0) fail_not_literal(t.begin, macro);
      --depth;
    } else if (t.punctuator == ',' && depth == 0) {
      return;
    }
  }
}

}  // namespace sqlx::core::scan_detail
