// SQLite's tokens, as its tokenizer splits a statement: enough for the structural parser
// (parser.hpp) that nullability and parameter types are read from. Comments and whitespace
// are dropped; keywords stay identifiers (SQLite lets most of them name columns), compared
// case-insensitively by the parser.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sqlx::core::sqlite {

enum class token_kind : std::uint8_t {
  identifier,   // a bare word (keyword or name)
  quoted_name,  // "x", [x] or `x`: always a name
  string,       // 'text'
  blob,         // x'00ff'
  integer,      // 12, 0x1f
  real,         // 1.5, 1e3
  parameter,    // ?, ?NNN, :name, @name, $name
  op,           // punctuation and operators: ( ) , ; . + - * / % || = == != <> < <= > >= ...
  end,
};

struct token {
  token_kind kind = token_kind::end;
  std::string text;        // names unquoted; strings unescaped; operators as written
  std::size_t offset = 0;  // byte offset in the statement
  int parameter = 0;       // for a parameter: its 1-based index as SQLite numbers them
};

// Splits `sql` into tokens ending with one `end` token. Parameters are numbered as SQLite
// does: `?` takes the largest index so far + 1, `?NNN` is NNN, a name keeps the index of its
// first occurrence. Text SQLite would reject gives a best-effort token stream (prepare has
// already reported the error).
[[nodiscard]] std::vector<token> tokenize(std::string_view sql);

// ASCII case-insensitive equality (SQL keywords and names).
[[nodiscard]] bool iequals(std::string_view a, std::string_view b) noexcept;

// Lower-cased ASCII copy (map keys for names).
[[nodiscard]] std::string to_lower(std::string_view s);

}  // namespace sqlx::core::sqlite
