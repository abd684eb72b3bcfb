// Small helpers the rules share over libpg_query's tree (nullability/parse_tree.hpp holds the
// general ones).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "describe/pg/nullability/parse_tree.hpp"

namespace sqlx::core::vet {

// A node's location as a byte offset in the query text; nothing for -1 (unknown).
[[nodiscard]] inline std::optional<std::size_t> location_of(std::int32_t location) {
  if (location < 0) return std::nullopt;
  return static_cast<std::size_t>(location);
}

// `schema.name` or `name` as written.
[[nodiscard]] std::string relation_display_name(const PgQuery__RangeVar* relation);

// An expression under casts: `NULL::int` is still the NULL constant.
[[nodiscard]] const nullability_detail::pg_node* strip_casts(const nullability_detail::pg_node* n);

// Whether `n` (under casts) is the constant NULL.
[[nodiscard]] bool is_null_constant(const nullability_detail::pg_node* n);

}  // namespace sqlx::core::vet
