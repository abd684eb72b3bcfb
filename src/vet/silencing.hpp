// Silencing a rule for one query: a `sqlx-vet: ignore=RULE[,RULE...]` directive (`all` for
// every rule) in a SQL comment of the query text, or in a C++ comment on the macro's line or
// on the lines just above it within the same statement. Design and reasons in docs/vet.md.
#pragma once

#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <string_view>

namespace sqlx::core::vet {

using rule_set = std::set<std::string, std::less<>>;

// The rules named by the directives in `comment` (any text; the directive may appear
// anywhere in it, several times).
[[nodiscard]] rule_set directive_rules(std::string_view comment);

// The rules silenced by directives in the SQL comments (-- and /* */) of a query text. The
// comments are found by libpg_query's scanner, so a string literal holding the same words
// silences nothing.
[[nodiscard]] rule_set ignored_in_sql(std::string_view text);

// The rules silenced by a directive in a C++ comment (// or /* */) of one source line.
[[nodiscard]] rule_set ignored_in_source_line(std::string_view line);

// The rules silenced by C++ comments for a macro on line `macro_line` (1-based): the macro's
// line, then up to 3 lines above it, stopping at a line whose code ends a previous statement
// or block (`;`, `{`, `}`), so that `auto q =` on the line above the macro (as clang-format
// breaks a long line) keeps the comment above it in reach. `line(n)` is line n of the file.
[[nodiscard]] rule_set ignored_above(const std::function<std::string_view(std::uint32_t)>& line,
                                     std::uint32_t macro_line);

// Whether `rules` silences `rule` (by name or through `all`).
[[nodiscard]] bool silences(const rule_set& rules, std::string_view rule);

}  // namespace sqlx::core::vet
