// Migration files in sqlx's naming: `<version>_<description>.sql` (simple) or
// `<version>_<description>.up.sql` / `.down.sql` (reversible), applied in version order.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/pg.hpp"

namespace sqlx::core {

enum class migration_kind { simple, reversible_up, reversible_down };

struct migration_file {
  std::int64_t version = 0;
  std::string description;  // from the file name, underscores as spaces (as sqlx does)
  migration_kind kind = migration_kind::simple;
  std::filesystem::path path;
  std::string sql;              // the file's exact bytes
  bool no_transaction = false;  // the file starts with `-- no-transaction`
};

// The migrations in `dir` that move a database forward (simple and `.up.sql`), sorted by
// version. Throws std::runtime_error for a file that does not follow the naming, a version
// given twice, or a directory that does not exist.
[[nodiscard]] std::vector<migration_file> load_up_migrations(const std::filesystem::path& dir);

// Applies `migrations` in order, each in its own transaction unless it says
// `-- no-transaction`. Throws pg_error naming the file on the first failure.
void apply_migrations(const pg_connection& conn, const std::vector<migration_file>& migrations);

}  // namespace sqlx::core
