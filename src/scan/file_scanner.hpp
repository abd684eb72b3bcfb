// The scanner is a small C++ lexer: translation phases 1-3 (line splices, comments, tokens)
// plus the part of phases 5-6 that gives a string literal its value. It is deliberately exact
// about what the compiler sees, because the query text is hashed and must match the text the
// header library sees at compile time byte for byte.
//
// Line splices are not removed up front; they are skipped on the fly (`settle`), so every
// character keeps its physical offset and positions need no mapping table.
//
// Internal to the scanner: file_scanner.cpp lexes (phases 1-3, the macro calls),
// literal_decoding.cpp reads the SQL argument's literal tokens and gives them their value.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "scan/characters.hpp"
#include "scan/line_index.hpp"
#include "scan/scanner.hpp"

namespace sqlx::core::scan_detail {

namespace fs = std::filesystem;

enum class token_kind { identifier, literal, punctuator };

struct token {
  token_kind kind = token_kind::punctuator;
  std::size_t begin = 0;
  char punctuator = 0;
  std::string_view identifier;  // valid until the next identifier is read
};

inline token literal_at(std::size_t begin) {
  return {token_kind::literal, begin, 0, {}};
}
inline token punctuator_at(std::size_t begin, char c) {
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

// Phase 2 is inline: it is asked about on every character, by the lexer and the decoder alike.
// A backslash, optional horizontal space and a new-line: returns its length, else 0.
inline std::size_t file_scanner::splice_length(std::size_t at) const {
  std::size_t p = at + 1;
  while (p < src_.size() && is_horizontal_space(src_[p])) ++p;
  return p < src_.size() && src_[p] == '\n' ? p + 1 - at : 0;
}

// The offset of the next character that survives phase 2, starting at `at`.
inline std::size_t file_scanner::settle(std::size_t at) const {
  while (at < src_.size() && src_[at] == '\\') {
    const std::size_t length = splice_length(at);
    if (length == 0) break;
    at += length;
  }
  return at;
}

}  // namespace sqlx::core::scan_detail
