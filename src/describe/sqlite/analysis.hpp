// What the structure of a SQLite statement says about its result columns and parameters:
// each column's nullability and inferred type, each parameter's type where the SQL implies
// it. The rule that must never break: never `not_null` for a column that can be NULL; when in
// doubt, `unknown`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "describe/sqlite/schema.hpp"
#include "describe/sqlite/types.hpp"

namespace sqlx::core::sqlite {

enum class nullability : std::uint8_t { not_null, nullable, unknown };

struct analyzed_column {
  nullability null = nullability::unknown;
  sql_type type = sql_type::null;  // null: not inferred
  // Nested structs: the outer-joined FROM item whose missing row is the only way this column
  // is NULL (a plain reference to a column not NULL in a real row of it), else empty.
  std::string outer_row{};
};

struct statement_analysis {
  // One per result column; empty when the statement could not be analysed (not parsed, or a
  // column count other than `column_count`).
  std::vector<analyzed_column> columns;
  // parameters[i] is the type of parameter i + 1; nullopt when the SQL does not say or says
  // two different things.
  std::vector<std::optional<sql_type>> parameters;
};

// `column_count` and `parameter_count` are SQLite's (sqlite3_column_count,
// sqlite3_bind_parameter_count): answers that do not match them are dropped.
[[nodiscard]] statement_analysis analyze_statement(std::string_view sql, schema_catalog& catalog,
                                                   std::size_t column_count,
                                                   std::size_t parameter_count);

}  // namespace sqlx::core::sqlite
