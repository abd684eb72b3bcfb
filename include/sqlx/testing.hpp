// sqlx::testing (library sqlx::testing, docs/testing.md): every test gets a fresh database with
// the migrations applied, copied from a template database - the C++ counterpart of sqlx's
// #[sqlx::test].
//
//   class AccountsTest : public sqlx::testing::database_test {};
//   TEST_F(AccountsTest, links_an_account) {
//     SQLX_QUERY("INSERT INTO ...", ...).execute(connection());
//   }
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "sqlx/migrate.hpp"
#include "sqlx/pg/connection.hpp"

namespace sqlx::testing {

// A database of its own on a server, with migrations applied, dropped when the object goes.
// The migrations run once per server and set of migrations, into a template database
// `_sqlx_cpp_template_<hash>` (made under an advisory lock, so concurrent test processes
// share it); each test database is a `CREATE DATABASE ... TEMPLATE` copy of it.
class test_database {
 public:
  // `server_url` addresses the server (its database is used for the administration
  // statements); empty: $DATABASE_URL. Throws sqlx::error when there is none, and whatever
  // the migrator throws when a migration fails (the template is then not kept).
  [[nodiscard]] static test_database create(const migrator& migrations,
                                            const std::string& server_url = {});

  test_database(test_database&& other) noexcept;
  test_database& operator=(test_database&&) = delete;
  test_database(const test_database&) = delete;
  test_database& operator=(const test_database&) = delete;
  // Ends the database's sessions and drops it; never throws.
  ~test_database();

  [[nodiscard]] const std::string& name() const noexcept { return name_; }
  // A connection string for the database (for a pool or a second connection).
  [[nodiscard]] const std::string& url() const noexcept { return url_; }

 private:
  test_database(std::string admin_conninfo, std::string name, std::string url);
  std::string admin_conninfo_;
  std::string name_;
  std::string url_;
};

// The migrations of `database_test` by default: the directory $SQLX_CPP_MIGRATIONS, else
// ./migrations.
[[nodiscard]] migrator default_migrations();

// A GoogleTest fixture: a fresh test_database per test, with a connection to it.
// Override migrations() to choose them, e.g. `return sqlx::embedded_migrations();`.
class database_test : public ::testing::Test {
 protected:
  [[nodiscard]] virtual migrator migrations() const { return default_migrations(); }

  void SetUp() override;
  void TearDown() override;

  [[nodiscard]] pg::connection& connection();
  [[nodiscard]] const std::string& url() const;

 private:
  std::optional<test_database> database_;
  std::optional<pg::connection> connection_;
};

}  // namespace sqlx::testing
