// Dynamic queries (docs/dynamic-queries.md) in query-check: every combination's arguments and
// columns, reported as the plain queries' checks report them, with the literal's parameter
// numbers.
#pragma once

#include <span>

#include "checks.hpp"
#include "scan/dynamic_parts.hpp"

namespace sqlx::query_check {

class dynamic_query_check {
 public:
  // `combinations`: what is known of each combination's text, in combination order.
  static void run(const check_context& context, const tagged_query& query,
                  const core::dynamic_query_text& dynamic,
                  std::span<const query_lookup> combinations);
};

}  // namespace sqlx::query_check
