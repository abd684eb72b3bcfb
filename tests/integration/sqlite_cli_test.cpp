// `sqlcheck migrate ...` and `sqlcheck database ...` on SQLite URLs: the database is a file,
// drop removes it with its -wal and -shm.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sqlx/sqlite.hpp>
#include <string>

#include "server/process.hpp"
#include "support/db_dir.hpp"

namespace {

namespace fs = std::filesystem;

class SqliteCli : public ::testing::Test {
 protected:
  sqlx::test::db_dir dir;
  std::string file = dir.file("app.db");
  std::string url = "sqlite://" + file;

  void SetUp() override {
    fs::create_directories(dir.path() / "migrations");
    std::ofstream(dir.path() / "migrations" / "1_a.sql") << "CREATE TABLE a (x INTEGER);";
    std::ofstream(dir.path() / "migrations" / "2_b.up.sql") << "ALTER TABLE a ADD COLUMN y TEXT;";
    std::ofstream(dir.path() / "migrations" / "2_b.down.sql") << "ALTER TABLE a DROP COLUMN y;";
  }

  sqlx::core::process_result sqlcheck(const std::vector<std::string>& args) {
    std::vector<std::string> argv{SQLX_CPP_SQLCHECK};
    argv.insert(argv.end(), args.begin(), args.end());
    if (args[1] != "drop" && args[1] != "create") {
      argv.push_back("--source");
      argv.push_back((dir.path() / "migrations").string());
    }
    return sqlx::core::run_process(argv);
  }
};

TEST_F(SqliteCli, SetupInfoRevertDrop) {
  auto r = sqlcheck({"database", "setup", "-D", url});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("Created database " + file), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("Applied 2/migrate b"), std::string::npos) << r.output;

  r = sqlcheck({"migrate", "revert", "-D", "sqlite:" + file});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  r = sqlcheck({"migrate", "info", "-D", url});
  EXPECT_NE(r.output.find("1/installed a"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("2/pending b"), std::string::npos) << r.output;

  {  // WAL leaves -wal and -shm while a connection is open
    auto conn = sqlx::sqlite::connect_options::parse(url)
                    .journal_mode(sqlx::sqlite::journal_mode::wal)
                    .connect();
    conn.execute("INSERT INTO a VALUES (1)");
    ASSERT_TRUE(fs::exists(file + "-wal"));
    r = sqlcheck({"database", "drop", "-y", "-D", url});
    ASSERT_EQ(r.exit_code, 0) << r.output;
  }
  EXPECT_FALSE(fs::exists(file));
  EXPECT_FALSE(fs::exists(file + "-wal"));
  EXPECT_FALSE(fs::exists(file + "-shm"));
  EXPECT_FALSE(fs::exists(file + "-migrate-lock"));

  // Without the file and without mode=rwc, run says how to create it.
  r = sqlcheck({"migrate", "run", "-D", url});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("mode=rwc"), std::string::npos) << r.output;
  r = sqlcheck({"migrate", "run", "-D", url + "?mode=rwc"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  r = sqlcheck({"database", "reset", "-y", "-D", url});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("Dropped database"), std::string::npos) << r.output;
}

}  // namespace
