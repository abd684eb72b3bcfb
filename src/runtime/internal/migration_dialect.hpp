// The seam between sqlx's migration algorithm (src/runtime/migrate.cpp: order, checksums,
// dirty and missing versions, targets, dry runs) and a database: its `_sqlx_migrations` table,
// its migration lock, how it runs a migration's SQL. PostgreSQL's dialect is in migrate.cpp,
// SQLite's in sqlite/migrate.cpp.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sqlx/migrate.hpp"

namespace sqlx::detail {

struct applied_migration {
  std::int64_t version = 0;
  std::string description;
  bool success = true;
  std::vector<std::uint8_t> checksum;
};

class migration_dialect {
 public:
  virtual ~migration_dialect() = default;

  // Refuses to run inside the caller's transaction (migrations commit their own).
  virtual void require_idle() = 0;
  // The migration lock: only one migrator at a time per database, across processes.
  virtual void lock() = 0;
  virtual void unlock() noexcept = 0;
  // migrate_options::schema (PostgreSQL's search_path); `create` unless a dry run or info.
  virtual void enter_schema(const std::optional<std::string>& schema, bool create) = 0;
  virtual void leave_schema() noexcept = 0;

  [[nodiscard]] virtual bool table_exists() = 0;
  virtual void ensure_table() = 0;
  [[nodiscard]] virtual std::map<std::int64_t, applied_migration> list_applied() = 0;
  // Runs an up migration and records it (in one transaction unless `-- no-transaction`).
  virtual void apply(const migration& m) = 0;
  virtual void record_execution_time(std::int64_t version, std::chrono::nanoseconds elapsed) = 0;
  // Runs a down migration and deletes its row.
  virtual void revert(const migration& m) = 0;
};

[[nodiscard]] std::vector<migration_step> run_migrations(const std::vector<migration>& migrations,
                                                         migration_dialect& dialect,
                                                         const migrate_options& options);
[[nodiscard]] std::vector<migration_step> revert_migrations(
    const std::vector<migration>& migrations, migration_dialect& dialect,
    const migrate_options& options);
[[nodiscard]] std::vector<migration_status> migration_info(const std::vector<migration>& migrations,
                                                           migration_dialect& dialect,
                                                           const migrate_options& options);

}  // namespace sqlx::detail
