// Splits SQL text into statements as psql does when it runs a file (docs/migrations.md,
// "-- no-transaction"), without a parser: the runtime does not depend on libpg_query.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace sqlx::pg::detail {

struct sql_statement {
  std::size_t offset = 0;  // of its first token, in bytes from the start of the text
  std::string_view text;   // from its first token to the end of its last, without the `;`
};

// The statements of `sql`, in order. A `;` ends a statement unless it is inside a string
// ('...', E'...' with backslash escapes, $$...$$ and $tag$...$tag$), a quoted identifier, a
// comment (`--` to the end of the line, nested /* */), parentheses (CREATE RULE ... (a; b)) or
// the BEGIN ... END body of CREATE [OR REPLACE] FUNCTION/PROCEDURE (BEGIN ATOMIC), the last two
// by psql's heuristic. Statements of only whitespace and comments are skipped; comments before
// a statement's first token are not part of it. An unterminated string or comment runs to the
// end (the server then reports it).
[[nodiscard]] std::vector<sql_statement> split_statements(std::string_view sql);

}  // namespace sqlx::pg::detail
