// The nullability lattice: not_null < unknown < nullable. `worst` combines the inputs of a
// strict expression (any NULL input gives NULL), `best` those of COALESCE-like expressions
// (one non-null input is enough).
#pragma once

#include "describe/pg/nullability.hpp"

namespace sqlx::core::nullability_detail {

using nb = nullability;

[[nodiscard]] constexpr int rank(nb v) {
  return v == nb::not_null ? 0 : v == nb::unknown ? 1 : 2;
}

// A strict combination: NULL when any input is NULL.
[[nodiscard]] constexpr nb worst(nb a, nb b) {
  return rank(a) >= rank(b) ? a : b;
}

// A COALESCE-like combination: not NULL when any input is not NULL.
[[nodiscard]] constexpr nb best(nb a, nb b) {
  return rank(a) <= rank(b) ? a : b;
}

}  // namespace sqlx::core::nullability_detail
