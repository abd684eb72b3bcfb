// prepare's side of dynamic queries (docs/dynamic-queries.md): a literal with optional parts
// and choices is described once per combination, every combination must return the same
// columns, and .sqlx-cpp/ gets each combination's query file plus the literal's index.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "describe/pg/describe.hpp"
#include "metadata_dir.hpp"
#include "scan/dynamic_parts.hpp"
#include "scan/scanner.hpp"

namespace sqlx::cli {

struct query_expansion {
  std::optional<core::dynamic_query_text> dynamic;      // nullopt: a plain query
  std::vector<core::dynamic_combination> combinations;  // in combination order
};

// The query's combinations, or a plain query's nothing. A malformed dynamic query (or one on
// SQLite, which does not have them yet) is reported at each occurrence, gcc-style; then nullopt.
[[nodiscard]] std::optional<query_expansion> expand_query(
    std::string_view text, const std::vector<core::query_occurrence>& occurrences, bool sqlite);

// Checks what the server said of each combination (`results` in combination order) and adds
// the query's files to `files`. Reports a rejected combination at the literal's character and
// a combination whose columns differ from the first one's at the literal; false then.
[[nodiscard]] bool add_dynamic_files(const query_expansion& expansion,
                                     const std::vector<core::query_occurrence>& occurrences,
                                     std::span<const core::describe_result* const> results,
                                     metadata_files& files, std::vector<std::string>& names);

}  // namespace sqlx::cli
