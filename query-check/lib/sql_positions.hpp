// Where things are inside a query's text, in bytes: the result columns' select-list items
// (from the parser sqlcheck's nullability inference uses for the query's database:
// libpg_query for PostgreSQL, src/describe/sqlite/parser for SQLite).
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "metadata/metadata.hpp"

namespace sqlx::query_check {

// The byte offset of each result column's expression in `sql`; empty when the columns do not
// map one to one onto select-list items (a `*`, a parse failure).
[[nodiscard]] std::vector<std::size_t> column_offsets(std::string_view sql,
                                                      core::database db = core::database::postgres);

}  // namespace sqlx::query_check
