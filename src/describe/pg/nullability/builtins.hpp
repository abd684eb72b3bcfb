// Built-in functions and operators whose NULL behaviour is known. Only names from
// pg_catalog (or unqualified) are looked up here; see builtin_name in parse_tree.hpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace sqlx::core::nullability_detail {

enum class fn_kind : std::uint8_t {
  never_null,  // never returns NULL (count, row_number, concat, now, jsonb_build_object, ...)
  preserves,   // strict, and never NULL for non-NULL arguments (lower, abs, md5, ...)
  first_arg,   // NULL exactly when the first argument is (concat_ws, format)
  nullable,    // can return NULL for non-NULL arguments (aggregates, regexp_match, ...)
  lag_lead,    // NULL past the partition edge unless a default is given
  substring,   // the positional form preserves; the regex form is NULL when nothing matches
};

// The kind of a known function; nothing when it is not in the tables.
[[nodiscard]] std::optional<fn_kind> function_kind(std::string_view name);

// Aggregates (without OVER) make a query without GROUP BY return exactly one row.
[[nodiscard]] bool is_aggregate(std::string_view name);

// Aggregates that collect their inputs (NULL inputs become elements): never NULL over a
// non-empty set of rows.
[[nodiscard]] bool collects_inputs(std::string_view name);

// Aggregates and window functions that return one of their first argument's values (or a
// combination of them) over a non-empty set of rows: NULL only when every input is NULL.
[[nodiscard]] bool follows_first_input(std::string_view name);

// Operators that are strict and never NULL for non-NULL operands.
[[nodiscard]] bool preserving_operator(std::string_view op);

// Comparisons: when one is true, its column operands are not NULL.
[[nodiscard]] bool comparison_operator(std::string_view op);

// json/jsonb field and path access: NULL when the key or element is missing.
[[nodiscard]] bool json_access_operator(std::string_view op);

}  // namespace sqlx::core::nullability_detail
