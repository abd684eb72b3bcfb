// sqlx's migration file names, `<version>_<description>.sql` (or `.up.sql`, `.down.sql`):
// what migrator::from_directory reads from a name, callable alone (tests, fuzzing).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sqlx/migrate.hpp"

namespace sqlx::detail {

struct migration_file_name {
  std::int64_t version = 0;
  std::string description;  // underscores as spaces, as sqlx stores it
  migration_type type = migration_type::simple;
};

// The version, description and kind of a migration file named `file_name` (no directory);
// nullopt for a file that is not a migration (no `_`, or not ending in `.sql`). Throws
// migration_source_error, naming `path`, when the part before the first `_` is not a 64-bit
// integer.
[[nodiscard]] std::optional<migration_file_name> parse_migration_file_name(
    std::string_view file_name, std::string_view path);

}  // namespace sqlx::detail
