// sqlx::testing for SQLite: each test a fresh migrated database file, copied from a template.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sqlx/testing_sqlite.hpp>

#include "support/db_dir.hpp"

namespace {

namespace fs = std::filesystem;

// Migrations written once for the whole program.
const sqlx::test::db_dir& source() {
  static const sqlx::test::db_dir dir;
  return dir;
}

sqlx::migrator test_migrations() {
  const fs::path dir = source().path() / "migrations";
  if (!fs::exists(dir)) {
    fs::create_directories(dir);
    std::ofstream(dir / "1_feeds.sql") << "CREATE TABLE feeds (id INTEGER PRIMARY KEY, name TEXT);";
    std::ofstream(dir / "2_seed.sql") << "INSERT INTO feeds (name) VALUES ('seed');";
  }
  return sqlx::migrator::from_directory(dir);
}

class SqliteTesting : public sqlx::testing::sqlite_database_test {
 protected:
  [[nodiscard]] sqlx::migrator migrations() const override { return test_migrations(); }
};

std::int64_t count(sqlx::sqlite::connection& conn) {
  auto stmt = conn.prepare("SELECT count(*) FROM feeds");
  EXPECT_TRUE(stmt.step());
  return stmt.get<std::int64_t>(0);
}

// Both tests add a row and see only the seed plus their own: each has its own copy.
TEST_F(SqliteTesting, FirstSeesAFreshDatabase) {
  EXPECT_EQ(count(connection()), 1);
  connection().execute("INSERT INTO feeds (name) VALUES ('first')");
  EXPECT_EQ(count(connection()), 2);
}

TEST_F(SqliteTesting, SecondSeesAFreshDatabase) {
  EXPECT_EQ(count(connection()), 1);
  connection().execute("INSERT INTO feeds (name) VALUES ('second')");
  EXPECT_EQ(count(connection()), 2);
}

TEST(SqliteTestDatabase, IsRemovedAndFailuresKeepNoTemplate) {
  std::string file;
  {
    auto db = sqlx::testing::sqlite_test_database::create(test_migrations());
    file = db.file();
    EXPECT_TRUE(fs::exists(file));
  }
  EXPECT_FALSE(fs::exists(file));
  sqlx::migrator broken({sqlx::migration(1, "bad", sqlx::migration_type::simple,
                                         "CREATE TABLE x (; -- sqlx-cpp sqlite testing test")});
  EXPECT_THROW((void)sqlx::testing::sqlite_test_database::create(broken),
               sqlx::migration_failed_error);
  EXPECT_THROW((void)sqlx::testing::sqlite_test_database::create(broken),
               sqlx::migration_failed_error);
}

}  // namespace
