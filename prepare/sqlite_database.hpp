// The SQLite database `sqlcheck prepare` describes queries on: the file a `sqlite:` URL names,
// or (--temp-db=sqlite) a throwaway file in a temporary directory with the migrations applied,
// removed with the object.
#pragma once

#include <sqlite3.h>

#include <filesystem>
#include <string_view>

#include "sqlx/migrate.hpp"

namespace sqlx::cli {

class sqlite_database {
 public:
  // Opens the database of a `sqlite:` URL as the URL says (mode=ro|rw|rwc, as sqlx: rw by
  // default, so a missing file is an error rather than an empty database). Throws sqlx::error
  // naming the file and SQLite's reason.
  [[nodiscard]] static sqlite_database open(std::string_view url);

  // A new database file in a new temporary directory, `migrations` applied in version order
  // (simple and .up.sql files; each in a transaction unless it starts with
  // `-- no-transaction`). Throws sqlx::error naming the migration and SQLite's message.
  [[nodiscard]] static sqlite_database temporary(const sqlx::migrator& migrations);

  sqlite_database(sqlite_database&& other) noexcept;
  sqlite_database& operator=(sqlite_database&&) = delete;
  sqlite_database(const sqlite_database&) = delete;
  sqlite_database& operator=(const sqlite_database&) = delete;
  ~sqlite_database();

  [[nodiscard]] sqlite3* handle() const noexcept { return db_; }

 private:
  sqlite_database(sqlite3* db, std::filesystem::path temp_dir) noexcept
      : db_(db), temp_dir_(std::move(temp_dir)) {}

  sqlite3* db_ = nullptr;
  std::filesystem::path temp_dir_;  // removed on destruction when set
};

}  // namespace sqlx::cli
