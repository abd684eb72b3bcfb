#include "internal/migration_name.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

namespace sqlx::detail {

std::optional<migration_file_name> parse_migration_file_name(std::string_view file_name,
                                                             std::string_view path) {
  // sqlx: `<VERSION>_<DESCRIPTION>.sql`; other names are not migrations.
  const auto underscore = file_name.find('_');
  if (underscore == std::string_view::npos) return std::nullopt;
  std::string_view rest = file_name.substr(underscore + 1);
  if (!rest.ends_with(".sql")) return std::nullopt;
  const std::string_view digits = file_name.substr(0, underscore);
  migration_file_name parsed;
  const auto [end, perr] =
      std::from_chars(digits.data(), digits.data() + digits.size(), parsed.version);
  if (perr != std::errc{} || end != digits.data() + digits.size() || digits.empty()) {
    throw migration_source_error(fmt::format(
        "{}: not a migration name: the version `{}` before the first `_` is not a 64-bit "
        "integer (expected <version>_<description>.sql, .up.sql or .down.sql)",
        path, digits));
  }
  if (rest.ends_with(".up.sql")) {
    parsed.type = migration_type::reversible_up;
    rest.remove_suffix(7);
  } else if (rest.ends_with(".down.sql")) {
    parsed.type = migration_type::reversible_down;
    rest.remove_suffix(9);
  } else {
    rest.remove_suffix(4);
  }
  parsed.description = std::string(rest);
  std::ranges::replace(parsed.description, '_', ' ');
  return parsed;
}

}  // namespace sqlx::detail
