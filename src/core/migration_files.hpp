// Compatibility layer over the runtime migrator (sqlx::migrator, include/sqlx/migrate.hpp),
// the one implementation of sqlx's migration files and table. New code uses sqlx::migrator.
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
// version, as sqlx::migrator::from_directory reads them. Throws sqlx::migrate_error
// (a std::runtime_error) for an unusable directory.
[[nodiscard]] std::vector<migration_file> load_up_migrations(const std::filesystem::path& dir);

// Runs sqlx::migrator::run with `migrations` over a runtime connection to the same database
// as `conn` (same connection parameters): pending versions are applied and recorded in
// `_sqlx_migrations`. Throws the migrator's errors (sqlx::migration_failed_error names the
// file, the server's message and the line).
void apply_migrations(const pg_connection& conn, const std::vector<migration_file>& migrations);

}  // namespace sqlx::core
