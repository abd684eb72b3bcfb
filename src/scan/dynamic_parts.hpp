// Dynamic queries (docs/dynamic-queries.md): a query literal with optional parts
// `[[ AND name = $2 ]]` and choices `{{ name | created_at DESC }}`. The literal stays one
// string, so the scanner and query-check see it as any other; this file reads its parts and
// writes out each combination's SQL, the text that is described, recorded and run.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sqlx/error.hpp"

namespace sqlx::core {

// At most this many combinations per query: each is described and recorded on its own.
inline constexpr std::size_t max_dynamic_combinations = 64;

// A literal whose dynamic syntax is wrong; `offset` is the byte of the literal at fault, or
// `whole_literal`.
class dynamic_syntax_error : public sqlx::error {
 public:
  static constexpr std::size_t whole_literal = static_cast<std::size_t>(-1);
  dynamic_syntax_error(std::size_t offset, const std::string& message)
      : sqlx::error(message), offset_(offset) {}
  [[nodiscard]] std::size_t offset() const noexcept { return offset_; }

 private:
  std::size_t offset_;
};

struct dynamic_part {
  bool optional = false;  // `[[ ... ]]`; else a choice `{{ a | b | ... }}`
  std::size_t begin = 0;  // the part's first marker character
  std::size_t end = 0;    // just after its closing marker
  struct alternative {
    std::size_t begin = 0;  // the body, [begin, end) in the literal
    std::size_t end = 0;
    std::uint64_t parameters = 0;  // bit p: $(p+1) occurs in the body
  };
  std::vector<alternative> alternatives;  // an optional part has one
  // An optional part is present or not; a choice takes one alternative.
  [[nodiscard]] std::size_t values() const noexcept { return optional ? 2 : alternatives.size(); }
};

// One combination: which parts are present or chosen, its SQL and its parameters.
struct dynamic_combination {
  std::string text;              // the expanded SQL, parameters renumbered $1..$m
  std::uint64_t parameters = 0;  // bit p: the user's $(p+1) is bound in this combination
  // For each byte of `text`, the literal's byte it comes from (a server error's position).
  std::vector<std::size_t> origin;
};

struct dynamic_query_text {
  std::string text;  // the literal, markers included
  std::vector<dynamic_part> parts;
  std::size_t parameter_count = 0;      // the highest $n of the literal
  std::uint64_t static_parameters = 0;  // bit p: $(p+1) occurs outside every part
  // The product of the parts' values: combination k takes value (k / stride_i) % values_i of
  // part i, where stride_i is the product of the values of the parts before it.
  [[nodiscard]] std::size_t combinations() const noexcept;
  [[nodiscard]] dynamic_combination expand(std::size_t combination) const;
  // "[[ AND name = $2 ]] present, {{ name | created_at DESC }} alternative 2" for messages.
  [[nodiscard]] std::string describe_combination(std::size_t combination) const;
};

// The parts of a PostgreSQL literal ($n parameters), or nullopt when it has none (a plain
// query). Throws dynamic_syntax_error on a malformed part, a parameter both inside and
// outside an optional part, an optional part without a parameter, more than 64 parameters or
// more than max_dynamic_combinations combinations.
[[nodiscard]] std::optional<dynamic_query_text> parse_dynamic_query(std::string_view text);

}  // namespace sqlx::core
