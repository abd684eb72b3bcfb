// Silencing a rule for one query: a `sqlx-vet: ignore=RULE[,RULE...]` directive (`all` for
// every rule) in a SQL comment of the query text, or in a C++ comment on the macro's line or
// the line before it. Design and reasons in docs/vet.md.
#pragma once

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

// Whether `rules` silences `rule` (by name or through `all`).
[[nodiscard]] bool silences(const rule_set& rules, std::string_view rule);

}  // namespace sqlx::core::vet
