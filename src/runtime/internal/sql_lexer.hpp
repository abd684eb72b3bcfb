// PostgreSQL's lexical rules that matter to code reading SQL without a parser: which characters
// start and continue a word, and where a comment, a quoted string or identifier, or a dollar
// quote ends. One home for them (docs/architecture.md): the migration splitter
// (sql_split.cpp), the dynamic-query reader (scan/dynamic_parts.cpp) and the async pipeline's
// read-only test (asio/shared_sync.cpp).
#pragma once

#include <cstddef>
#include <string_view>

namespace sqlx::detail::sql {

[[nodiscard]] constexpr bool is_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
[[nodiscard]] constexpr bool is_digit(char c) noexcept {
  return c >= '0' && c <= '9';
}
// PostgreSQL's ident_start: a letter, `_` or any byte of a non-ASCII character.
[[nodiscard]] constexpr bool is_ident_start(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}
[[nodiscard]] constexpr bool is_ident_cont(char c) noexcept {
  return is_ident_start(c) || is_digit(c) || c == '$';
}

[[nodiscard]] constexpr char lower(char c) noexcept {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}
// `word` is `lowercase` in any case (SQL keywords).
[[nodiscard]] constexpr bool equals_ci(std::string_view word, std::string_view lowercase) noexcept {
  if (word.size() != lowercase.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (lower(word[i]) != lowercase[i]) return false;
  }
  return true;
}

// Each skip_* gets the position of the construct's first character and returns the position
// just after it (the text's end when it is not terminated).

// -- to the end of the line.
[[nodiscard]] inline std::size_t skip_line_comment(std::string_view s, std::size_t i) noexcept {
  const auto end = s.find('\n', i);
  return end == std::string_view::npos ? s.size() : end + 1;
}

// /* ... */, nested.
[[nodiscard]] inline std::size_t skip_block_comment(std::string_view s, std::size_t i) noexcept {
  int depth = 0;
  while (i < s.size()) {
    if (s.compare(i, 2, "/*") == 0) {
      ++depth;
      i += 2;
    } else if (s.compare(i, 2, "*/") == 0) {
      i += 2;
      if (--depth == 0) return i;
    } else {
      ++i;
    }
  }
  return s.size();
}

// '...' or "..." with the quote doubled inside; `backslash` for E'...' (\ escapes anything).
[[nodiscard]] inline std::size_t skip_quoted(std::string_view s, std::size_t i,
                                             bool backslash) noexcept {
  const char quote = s[i++];
  while (i < s.size()) {
    const char c = s[i];
    if (backslash && c == '\\') {
      i += 2;
    } else if (c == quote) {
      if (i + 1 < s.size() && s[i + 1] == quote) {
        i += 2;
      } else {
        return i + 1;
      }
    } else {
      ++i;
    }
  }
  return s.size();
}

// The length of the dollar-quote opener at `i` ($$ or $tag$), 0 when there is none (a `$1`).
[[nodiscard]] inline std::size_t dollar_tag_length(std::string_view s, std::size_t i) noexcept {
  std::size_t j = i + 1;
  if (j < s.size() && is_ident_start(s[j])) {
    ++j;
    while (j < s.size() && (is_ident_start(s[j]) || is_digit(s[j]))) ++j;
  }
  return j < s.size() && s[j] == '$' ? j + 1 - i : 0;
}

// $tag$ ... $tag$ whose opener at `i` is `tag` characters long (dollar_tag_length).
[[nodiscard]] inline std::size_t skip_dollar_quoted(std::string_view s, std::size_t i,
                                                    std::size_t tag) noexcept {
  const auto close = s.find(s.substr(i, tag), i + tag);
  return close == std::string_view::npos ? s.size() : close + tag;
}

}  // namespace sqlx::detail::sql
