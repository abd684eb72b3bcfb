// The run-time half of dynamic queries (include/sqlx/detail/dynamic_query.hpp).
#include <fmt/format.h>

#include "sqlx/query.hpp"

namespace sqlx::detail {

std::size_t select_combination(std::span<const dynamic_part_info> parts,
                               std::span<const bool> engaged, std::span<const std::size_t> chosen,
                               std::string_view text) {
  std::size_t combination = 0;
  std::size_t stride = 1;
  std::size_t next_choice = 0;
  for (const dynamic_part_info& part : parts) {
    std::size_t value = 1;
    if (part.optional) {
      // Present when every argument of its parameters is (a std::optional that has a value).
      for (std::size_t p = 0; p < engaged.size(); ++p) {
        if ((part.parameters >> p & 1U) != 0 && !engaged[p]) value = 0;
      }
    } else {
      value = chosen[next_choice++];
      if (value >= part.values) {
        throw sqlx::error(fmt::format(
            "sqlx::choice({}) for choice {} of a dynamic query, which has {} alternatives "
            "(0 to {}): {}",
            value, next_choice, part.values, part.values - 1, text));
      }
    }
    combination += value * stride;
    stride *= part.values;
  }
  return combination;
}

}  // namespace sqlx::detail
