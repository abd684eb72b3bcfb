// What the generated header says about a dynamic query (docs/dynamic-queries.md): the
// query_metadata of its literal lists its parts and its combinations; each combination has
// its own query_metadata, keyed by the hash of its expanded text, like any query.
#pragma once

#include <cstddef>
#include <cstdint>

namespace sqlx::detail {

struct dynamic_part_info {
  bool optional;             // `[[ ... ]]`, else a choice `{{ a | b }}`
  std::size_t values;        // 2 for an optional part (absent, present), else the alternatives
  std::uint64_t parameters;  // bit p: the literal's $(p+1) occurs in the part
};

struct dynamic_combination_info {
  std::uint64_t hash;        // the key of the combination's query_metadata
  std::uint64_t parameters;  // bit p: the literal's $(p+1) is bound in this combination
};

// Combination k takes value (k / stride) % values of each part, parts in the literal's order,
// stride the product of the values of the parts before it (0 = absent / first alternative).

template <typename Meta>
concept dynamic_metadata = requires {
  Meta::combinations;
};

}  // namespace sqlx::detail
