// What `sqlcheck vet` reports: a rule's finding in one query text, and how loud it is.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sqlx::core::vet {

// A rule's configured level: off (not run), or the diagnostic it prints.
enum class level : std::uint8_t { off, warning, error };

// "off", "warning" or "error" (also "warn"); nothing for anything else.
[[nodiscard]] std::optional<level> parse_level(std::string_view name);
[[nodiscard]] std::string_view level_name(level l);

// One problem a rule found in a query text.
struct finding {
  std::string rule;     // the rule's name, "seq-scan"; printed as [sqlx-vet-seq-scan]
  std::string message;  // one sentence, no trailing period
  level severity = level::warning;
  // The byte of the query text the finding points at (from the parse tree's locations);
  // nothing for the query as a whole (reported at its literal).
  std::optional<std::size_t> offset;
};

// The rule id printed and written to SARIF: "sqlx-vet-" + name.
[[nodiscard]] std::string rule_id(std::string_view rule_name);

// The pseudo-rule of a query the server rejects (always an error; not configurable).
inline constexpr std::string_view query_error_rule = "query-error";

}  // namespace sqlx::core::vet
