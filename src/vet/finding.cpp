#include "vet/finding.hpp"

namespace sqlx::core::vet {

std::optional<level> parse_level(std::string_view name) {
  if (name == "off") return level::off;
  if (name == "warning" || name == "warn") return level::warning;
  if (name == "error") return level::error;
  return std::nullopt;
}

std::string_view level_name(level l) {
  switch (l) {
    case level::off:
      return "off";
    case level::warning:
      return "warning";
    case level::error:
      return "error";
  }
  return "off";
}

std::string rule_id(std::string_view rule_name) {
  return "sqlx-vet-" + std::string(rule_name);
}

}  // namespace sqlx::core::vet
