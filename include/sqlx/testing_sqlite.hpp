// sqlx::testing for SQLite (library sqlx::testing, docs/sqlite.md "Testing"): every test gets
// a fresh database file with the migrations applied, copied from a template file.
//
//   class FeedsTest : public sqlx::testing::sqlite_database_test {};
//   TEST_F(FeedsTest, adds_a_feed) {
//     SQLX_QUERY("INSERT INTO feeds ...", ...).execute(connection());
//   }
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "sqlx/migrate.hpp"
#include "sqlx/sqlite/connection.hpp"
#include "sqlx/testing.hpp"

namespace sqlx::testing {

// A database file of its own, with the migrations applied, removed when the object goes.
// The migrations run once per set of migrations (and machine), into a template file in the
// temporary directory, `sqlx-cpp-sqlite-template-<hash>.db`, made under a file lock and renamed
// into place only when complete, so concurrent test processes share it; each test database is
// a copy of it (a file copy: no migration runs again).
class sqlite_test_database {
 public:
  // Throws whatever the migrator throws when a migration fails (no template is kept).
  [[nodiscard]] static sqlite_test_database create(const migrator& migrations);

  sqlite_test_database(sqlite_test_database&& other) noexcept;
  sqlite_test_database& operator=(sqlite_test_database&&) = delete;
  sqlite_test_database(const sqlite_test_database&) = delete;
  sqlite_test_database& operator=(const sqlite_test_database&) = delete;
  // Removes the file (and its -wal/-shm); never throws.
  ~sqlite_test_database();

  [[nodiscard]] const std::string& file() const noexcept { return file_; }
  // "sqlite://<file>", for a pool or a second connection.
  [[nodiscard]] const std::string& url() const noexcept { return url_; }

 private:
  sqlite_test_database(std::string dir, std::string file);
  std::string dir_;
  std::string file_;
  std::string url_;
};

// A GoogleTest fixture: a fresh sqlite_test_database per test, with a connection to it.
// Override migrations() to choose them, e.g. `return sqlx::embedded_migrations();`.
class sqlite_database_test : public ::testing::Test {
 protected:
  [[nodiscard]] virtual migrator migrations() const { return default_migrations(); }

  void SetUp() override;
  void TearDown() override;

  [[nodiscard]] sqlite::connection& connection();
  [[nodiscard]] const std::string& url() const;

 private:
  std::optional<sqlite_test_database> database_;
  std::optional<sqlite::connection> connection_;
};

}  // namespace sqlx::testing
