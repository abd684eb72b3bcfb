// The SQLite database `sqlcheck prepare` describes queries on: the file a `sqlite:` URL names,
// or (--temp-db=sqlite) a throwaway file in a temporary directory with the migrations applied,
// removed with the object. Both open through the runtime's connection (its URL forms, options
// and open errors: docs/sqlite.md), so the tool and the program read a URL the same way.
#pragma once

#include <sqlite3.h>

#include <filesystem>
#include <string_view>
#include <utility>

#include "sqlx/migrate.hpp"
#include "sqlx/sqlite/connection.hpp"

namespace sqlx::cli {

class sqlite_database {
 public:
  // Opens the database of a `sqlite:` URL as the URL says (mode=ro|rw|rwc, as sqlx: rw by
  // default, so a missing file is an error rather than an empty database). Throws the
  // runtime's errors, naming the file and SQLite's reason.
  [[nodiscard]] static sqlite_database open(std::string_view url);

  // A new database file in a new temporary directory with `migrations` applied by the
  // migrator (so it also has sqlx's _sqlx_migrations table). Throws the migrator's errors.
  [[nodiscard]] static sqlite_database temporary(const sqlx::migrator& migrations);

  [[nodiscard]] sqlite3* handle() const noexcept { return connection_.native_handle(); }

  // A directory removed with everything in it when the guard goes (unless empty).
  class directory_guard {
   public:
    explicit directory_guard(std::filesystem::path dir = {}) noexcept : dir_(std::move(dir)) {}
    directory_guard(directory_guard&& other) noexcept : dir_(std::exchange(other.dir_, {})) {}
    directory_guard& operator=(directory_guard&&) = delete;
    directory_guard(const directory_guard&) = delete;
    directory_guard& operator=(const directory_guard&) = delete;
    ~directory_guard();

   private:
    std::filesystem::path dir_;
  };

 private:
  sqlite_database(directory_guard temp_dir, sqlite::connection connection) noexcept
      : temp_dir_(std::move(temp_dir)), connection_(std::move(connection)) {}

  // Declared first, destroyed last: the connection closes before its file is removed.
  directory_guard temp_dir_;
  sqlite::connection connection_;
};

}  // namespace sqlx::cli
