// The scanner is a small C++ lexer: translation phases 1-3 (line splices, comments, tokens)
// plus the part of phases 5-6 that gives a string literal its value. It is deliberately exact
// about what the compiler sees, because the query text is hashed and must match the text the
// header library sees at compile time byte for byte.
//
// Line splices are not removed up front; they are skipped on the fly (`settle`), so every
// character keeps its physical offset and positions need no mapping table.
#include "scan/scanner.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <optional>
#include <system_error>
#include <unordered_set>
#include <utility>

#include "runtime/internal/read_file.hpp"

namespace sqlx::core {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t k_max_raw_delimiter = 16;
constexpr std::string_view k_bom = "\xEF\xBB\xBF";
constexpr std::array<std::string_view, 3> k_macros = {"SQLX_QUERY", "SQLX_QUERY_AS",
                                                      "SQLX_QUERY_SCALAR"};

// ---------------------------------------------------------------------------------------
// Character classes

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
constexpr std::array<bool, 256> k_identifier = make_identifier_table();

bool is_identifier_char(int c) {
  return c >= 0 && k_identifier[static_cast<unsigned char>(c)];
}
bool is_digit(int c) {
  return c >= '0' && c <= '9';
}
bool is_identifier_start(int c) {
  return is_identifier_char(c) && !is_digit(c);
}
bool is_octal_digit(int c) {
  return c >= '0' && c <= '7';
}

// Whitespace other than new-line; also what may sit between a backslash and the new-line of a
// line splice (gcc, clang and C++23 all accept that).
bool is_horizontal_space(int c) {
  return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r';
}

int hex_value(int c) {
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
std::optional<literal_kind> string_prefix(std::string_view id) {
  literal_kind kind;
  if (!id.empty() && id.back() == 'R') {
    kind.raw = true;
    id.remove_suffix(1);
  }
  if (id.empty()) {
    if (!kind.raw) return std::nullopt;
  } else if (id == "u8") {
    kind.enc = encoding::utf8;
  } else if (id == "u") {
    kind.enc = encoding::utf16;
  } else if (id == "U") {
    kind.enc = encoding::utf32;
  } else if (id == "L") {
    kind.enc = encoding::wide;
  } else {
    return std::nullopt;
  }
  return kind;
}

// The value of the simple escape sequence `\c`, or 0 when `\c` is none.
char simple_escape(int c) {
  constexpr std::string_view k_names = "ntrabfv\\'\"?";
  constexpr std::string_view k_values = "\n\t\r\a\b\f\v\\'\"?";
  const std::size_t i = k_names.find(static_cast<char>(c));
  return c < 0 || i == std::string_view::npos ? 0 : k_values[i];
}

bool is_scalar_value(std::uint32_t cp) {
  return cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF);
}

// Appends `cp` (a Unicode scalar value) as UTF-8; returns the number of bytes written.
std::size_t append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
    return 1;
  }
  if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    return 2;
  }
  if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    return 3;
  }
  out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
  out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
  out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
  out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  return 4;
}

// Length of the well-formed UTF-8 sequence starting at `s[i]` (a byte >= 0x80), or 0.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char lead = byte(0);
  std::size_t length = 0;
  unsigned char low = 0x80;  // range of the second byte: excludes overlongs and surrogates
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (s.size() - i < length || byte(1) < low || byte(1) > high) return 0;
  for (std::size_t k = 2; k < length; ++k) {
    if (byte(k) < 0x80 || byte(k) > 0xBF) return 0;
  }
  return length;
}

// Offset of the first byte that does not start a well-formed UTF-8 sequence, or npos.
std::size_t first_invalid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    // Sources are almost all ASCII: test eight bytes at a time.
    while (s.size() - i >= 8) {
      std::uint64_t word = 0;
      std::memcpy(&word, s.data() + i, sizeof word);
      if ((word & 0x8080808080808080ULL) != 0) break;
      i += 8;
    }
    if (i >= s.size()) break;
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    const std::size_t length = utf8_sequence_length(s, i);
    if (length == 0) return i;
    i += length;
  }
  return std::string_view::npos;
}

// ---------------------------------------------------------------------------------------
// Offsets to line/column

// Built only for files that need a position (an occurrence or an error), so files without
// queries cost one lexing pass and nothing else.
class line_index {
 public:
  explicit line_index(std::string_view text) : text_(text) {}

  source_position at(std::size_t offset) {
    if (starts_.empty()) build();
    if (!on_line(hint_, offset)) {
      // Text positions are requested in increasing order: try the next line first.
      if (on_line(hint_ + 1, offset)) {
        ++hint_;
      } else {
        hint_ = static_cast<std::size_t>(std::upper_bound(starts_.begin(), starts_.end(), offset) -
                                         starts_.begin()) -
                1;
      }
    }
    return {static_cast<std::uint32_t>(hint_ + 1),
            static_cast<std::uint32_t>(offset - starts_[hint_] + 1)};
  }

 private:
  bool on_line(std::size_t line, std::size_t offset) const {
    return line < starts_.size() && offset >= starts_[line] &&
           (line + 1 == starts_.size() || offset < starts_[line + 1]);
  }

  void build() {
    starts_.push_back(0);
    const char* const begin = text_.data();
    const char* const end = begin + text_.size();
    for (const char* p = begin; p < end;) {
      const void* nl = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
      if (nl == nullptr) break;
      p = static_cast<const char*>(nl) + 1;
      starts_.push_back(static_cast<std::size_t>(p - begin));
    }
  }

  std::string_view text_;
  std::vector<std::size_t> starts_;
  std::size_t hint_ = 0;
};

// ---------------------------------------------------------------------------------------
// The scanner of one file

enum class token_kind { identifier, literal, punctuator };

struct token {
  token_kind kind = token_kind::punctuator;
  std::size_t begin = 0;
  char punctuator = 0;
  std::string_view identifier;  // valid until the next identifier is read
};

token literal_at(std::size_t begin) {
  return {token_kind::literal, begin, 0, {}};
}
token punctuator_at(std::size_t begin, char c) {
  return {token_kind::punctuator, begin, c, {}};
}

// One literal token of a (possibly concatenated) SQL argument.
struct literal_token {
  std::size_t begin = 0;  // the prefix, or the quote
  std::size_t quote = 0;  // the opening quote
  literal_kind kind;
  std::size_t body_begin = 0;  // raw strings only: the bytes between the parentheses
  std::size_t body_end = 0;
};

// A macro call whose SQL argument was read but whose `)` is still to come.
struct open_call {
  std::size_t macro_offset = 0;
  std::string_view macro;
  long depth = 0;  // paren depth inside the call's parentheses
};

class file_scanner {
 public:
  file_scanner(std::string_view src, const fs::path& file) : src_(src), file_(file), lines_(src) {}

  std::vector<query_occurrence> run();

 private:
  // Characters (translation phase 2).
  std::size_t splice_length(std::size_t at) const;
  std::size_t settle(std::size_t at) const;
  int char_at(std::size_t at) const {
    return at < src_.size() ? static_cast<unsigned char>(src_[at]) : -1;
  }
  bool at_end() const { return pos_ >= src_.size(); }

  [[noreturn]] void fail(std::size_t offset, const std::string& message) {
    throw scan_error(file_, lines_.at(offset), message);
  }

  // Comments and tokens (phase 3).
  bool skip_trivia();
  void skip_line_comment(std::size_t from);
  void skip_block_comment(std::size_t opening, std::size_t from);
  token lex_token(bool lenient);
  token lex_word(bool lenient);
  std::string_view read_identifier();
  void skip_number();
  std::size_t find_closing_quote(std::size_t quote, char terminator) const;
  void skip_string(std::size_t quote, literal_kind kind, bool lenient);
  void skip_char(std::size_t quote);
  std::pair<std::size_t, std::size_t> raw_body(std::size_t quote);
  bool skip_ud_suffix();
  bool skip_directive();

  // The macro calls.
  const std::string_view* macro_name(std::string_view identifier) const;
  void on_punctuator(char c);
  void on_macro(std::string_view macro, std::size_t macro_offset);
  void skip_type_argument(std::string_view macro, std::size_t macro_offset);
  bool string_literal_at(std::size_t at, literal_token& literal);
  void read_literal_tokens(std::string_view macro);
  void finish_sql_argument(std::string_view macro, std::size_t macro_offset);
  encoding common_encoding();
  [[noreturn]] void fail_not_literal(std::size_t at, std::string_view macro,
                                     std::string_view detail = {});

  // Literal values (phases 5-6).
  void decode_quoted(const literal_token& literal, encoding enc, query_occurrence& out);
  std::size_t decode_escape(std::size_t backslash, encoding enc, query_occurrence& out);
  std::size_t decode_octal(std::size_t backslash, std::size_t first_digit, encoding enc,
                           query_occurrence& out);
  std::size_t decode_hex(std::size_t backslash, std::size_t first_digit, encoding enc,
                         query_occurrence& out);
  std::size_t decode_ucn(std::size_t backslash, std::size_t first_digit, int digits,
                         query_occurrence& out);
  void emit_code_unit(std::size_t backslash, std::uint64_t value, encoding enc,
                      query_occurrence& out);
  void emit_source_byte(std::size_t at, query_occurrence& out);

  std::string_view src_;
  const fs::path& file_;
  line_index lines_;
  std::size_t pos_ = 0;
  std::string identifier_buffer_;  // identifiers broken by line splices
  long depth_ = 0;
  std::vector<open_call> open_calls_;
  std::vector<literal_token> literals_;
  std::vector<query_occurrence> found_;
};

// A backslash, optional horizontal space and a new-line: returns its length, else 0.
std::size_t file_scanner::splice_length(std::size_t at) const {
  std::size_t p = at + 1;
  while (p < src_.size() && is_horizontal_space(src_[p])) ++p;
  return p < src_.size() && src_[p] == '\n' ? p + 1 - at : 0;
}

// The offset of the next character that survives phase 2, starting at `at`.
std::size_t file_scanner::settle(std::size_t at) const {
  while (at < src_.size() && src_[at] == '\\') {
    const std::size_t length = splice_length(at);
    if (length == 0) break;
    at += length;
  }
  return at;
}

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
  out.text_positions.insert(out.text_positions.end(), bytes, lines_.at(backslash));
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
  out.text_positions.insert(out.text_positions.end(), bytes, lines_.at(backslash));
}

void file_scanner::emit_source_byte(std::size_t at, query_occurrence& out) {
  out.text.push_back(src_[at]);
  out.text_positions.push_back(lines_.at(at));
}

// ---------------------------------------------------------------------------------------
// Trees of files

bool is_source_file(const fs::path& file) {
  static constexpr std::array<std::string_view, 7> k_extensions = {".cpp", ".cc", ".cxx", ".hpp",
                                                                   ".h",   ".hh", ".ipp"};
  const std::string extension = file.extension().string();
  return std::find(k_extensions.begin(), k_extensions.end(), extension) != k_extensions.end();
}

bool is_skipped_directory(const fs::path& dir) {
  const std::string name = dir.filename().string();
  if (name.starts_with('.') || name == "build" || name.starts_with("cmake-build-")) return true;
  std::error_code ec;
  return fs::exists(dir / "CMakeCache.txt", ec);
}

void collect_directory(const fs::path& root, std::vector<fs::path>& files) {
  std::error_code ec;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const fs::directory_entry& entry = *it;
    std::error_code type_ec;
    if (entry.is_directory(type_ec)) {
      if (is_skipped_directory(entry.path())) it.disable_recursion_pending();
    } else if (entry.is_regular_file(type_ec) && is_source_file(entry.path())) {
      files.push_back(entry.path().lexically_normal());
    }
  }
  if (ec) throw scan_error(root, {}, fmt::format("cannot list directory: {}", ec.message()));
}

// The root itself is never skipped: naming `build` or `.` explicitly means scanning it.
void collect(const fs::path& root, std::vector<fs::path>& files) {
  std::error_code ec;
  const fs::file_status status = fs::status(root, ec);
  if (status.type() == fs::file_type::not_found) {
    throw scan_error(root, {}, "no such file or directory");
  }
  if (ec) throw scan_error(root, {}, ec.message());
  if (fs::is_directory(status)) {
    collect_directory(root, files);
  } else {
    files.push_back(root.lexically_normal());
  }
}

// The same file named twice (`src` and `./src/a.cpp`) is scanned once.
std::string identity(const fs::path& file) {
  std::error_code ec;
  fs::path key = fs::canonical(file, ec);
  if (ec) key = fs::absolute(file, ec).lexically_normal();
  return key.string();
}

std::string format_what(const fs::path& file, source_position position,
                        const std::string& message) {
  if (position.line == 0) return fmt::format("{}: error: {}", file.string(), message);
  return fmt::format("{}:{}:{}: error: {}", file.string(), position.line, position.column, message);
}

}  // namespace

scan_error::scan_error(std::filesystem::path file, source_position position,
                       const std::string& message)
    : std::runtime_error(format_what(file, position, message)),
      file_(std::move(file)),
      position_(position),
      message_(message) {}

std::vector<query_occurrence> scan_source(std::string_view content,
                                          const std::filesystem::path& file) {
  // Positions on the first line count from after a byte order mark, as an editor shows them.
  if (content.starts_with(k_bom)) content.remove_prefix(k_bom.size());
  return file_scanner(content, file).run();
}

void read_source_file(const fs::path& file, std::string& content) {
  try {
    sqlx::detail::read_file(file, content);
  } catch (const sqlx::detail::file_read_error& e) {
    throw scan_error(file, {}, "cannot read: " + e.reason());
  }
}

std::vector<query_occurrence> scan_tree(const std::vector<std::filesystem::path>& roots) {
  std::vector<fs::path> files;
  for (const fs::path& root : roots) collect(root, files);
  std::sort(files.begin(), files.end());

  std::vector<query_occurrence> found;
  std::unordered_set<std::string> seen;
  std::string content;  // reused: one buffer for all files
  for (const fs::path& file : files) {
    if (!seen.insert(identity(file)).second) continue;
    read_source_file(file, content);
    std::vector<query_occurrence> occurrences = scan_source(content, file);
    std::move(occurrences.begin(), occurrences.end(), std::back_inserter(found));
  }
  return found;
}

}  // namespace sqlx::core
