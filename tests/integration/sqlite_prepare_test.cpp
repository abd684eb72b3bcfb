// `sqlcheck prepare` for SQLite end to end: the real program on real database files (a file
// named by -D, a throwaway one with --temp-db=sqlite), and a program using both databases.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <map>

#include "metadata/digest.hpp"
#include "metadata/metadata.hpp"
#include "server/process.hpp"
#include "support/sqlcheck_cli.hpp"
#include "support/sqlite_file.hpp"
#include "support/test_cluster.hpp"

namespace {
namespace fs = std::filesystem;
using sqlx::test::file_for;
using sqlx::test::read_file;
using sqlx::test::run_result;
using sqlx::test::snapshot;
using sqlx::test::sqlcheck;
using sqlx::test::write_file;

constexpr std::string_view migration = R"sql(
CREATE TABLE feeds (id INTEGER PRIMARY KEY, platform TEXT NOT NULL, source_id TEXT NOT NULL,
                    name TEXT, UNIQUE (platform, source_id));
CREATE TABLE voice_sessions (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL,
                             join_time INTEGER NOT NULL, leave_time INTEGER);
)sql";

constexpr std::string_view sources = R"cpp(
  auto f = SQLX_QUERY("SELECT id, name FROM feeds WHERE platform = ?1 AND source_id = ?2", p, s);
  auto top = SQLX_QUERY(
      "SELECT user_id, sum(coalesce(leave_time, ?1) - join_time) AS \"seconds!\" "
      "FROM voice_sessions GROUP BY user_id ORDER BY 2 DESC LIMIT ?2",
      now, n);
)cpp";

class sqlite_prepare : public ::testing::Test {
 protected:
  void SetUp() override {
    write_file(project_.path() / "migrations" / "0001_init.sql", migration);
    write_file(project_.path() / "src" / "bot.cpp", sources);
  }
  // A database file in the project, migrated like --temp-db's.
  void make_database(const std::string& name) {
    sqlx::test::sqlite_file file;
    file.exec(std::string(migration));
    fs::copy_file(file.path(), project_.path() / name);
  }
  fs::path out() const { return project_.path() / ".sqlx-cpp"; }

  sqlx::test::temp_dir project_;
};

TEST_F(sqlite_prepare, temp_db_writes_sqlx_sqlite_files_byte_identical_on_every_run) {
  auto r = sqlcheck(project_.path(), {"prepare", "--temp-db=sqlite", "--source", "src"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto first = snapshot(out());
  ASSERT_EQ(first.size(), 2u);
  const std::string query = "SELECT id, name FROM feeds WHERE platform = ?1 AND source_id = ?2";
  ASSERT_TRUE(first.contains(file_for(query)));
  const auto d = sqlx::core::read_metadata_file(out() / file_for(query));
  EXPECT_EQ(d.db, sqlx::core::database::sqlite);
  ASSERT_EQ(d.columns.size(), 2u);
  EXPECT_EQ(d.columns[0].type.type_info, "Integer");
  EXPECT_EQ(d.columns[0].nullable, false);  // INTEGER PRIMARY KEY: the rowid
  EXPECT_EQ(d.columns[1].nullable, true);
  ASSERT_EQ(d.parameters.size(), 2u);
  EXPECT_EQ(d.parameters[0].type_name, "TEXT");

  r = sqlcheck(project_.path(), {"prepare", "--temp-db=sqlite", "--source", "src"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(snapshot(out()), first);
  r = sqlcheck(project_.path(), {"prepare", "--temp-db=sqlite", "--source", "src", "--check"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  // The throwaway database is gone.
  for (const auto& entry : fs::directory_iterator(fs::temp_directory_path())) {
    EXPECT_FALSE(entry.path().filename().string().starts_with("sqlcheck-sqlite-") &&
                 fs::exists(entry.path() / "prepare.db") &&
                 fs::last_write_time(entry.path()) > fs::last_write_time(out()))
        << entry.path();
  }
}

TEST_F(sqlite_prepare, url_forms_name_the_same_database) {
  make_database("app.db");
  auto r = sqlcheck(project_.path(), {"prepare", "--temp-db=sqlite", "--source", "src"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto expected = snapshot(out());
  const std::vector<std::string> urls = {"sqlite://app.db", "sqlite:app.db",
                                         "sqlite://app.db?mode=ro",
                                         "sqlite:" + (project_.path() / "app.db").string()};
  for (const auto& url : urls) {
    r = sqlcheck(project_.path(), {"prepare", "-D", url, "--source", "src", "--check"});
    EXPECT_EQ(r.exit_code, 0) << url << ": " << r.output;
  }
  // DATABASE_URL in .env works too: the scheme says SQLite.
  write_file(project_.path() / ".env", "DATABASE_URL=sqlite://app.db\n");
  r = sqlcheck(project_.path(), {"prepare", "--source", "src", "--check"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(snapshot(out()), expected);
}

TEST_F(sqlite_prepare, memory_database_and_mode_rwc) {
  write_file(project_.path() / "src" / "bot.cpp", R"cpp(SQLX_QUERY("SELECT 1 AS one");)cpp");
  auto r = sqlcheck(project_.path(), {"prepare", "-D", "sqlite::memory:", "--source", "src"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  r = sqlcheck(project_.path(), {"prepare", "-D", "sqlite://new.db", "--source", "src"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("cannot open SQLite database new.db"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("?mode=rwc"), std::string::npos) << r.output;
  r = sqlcheck(project_.path(), {"prepare", "-D", "sqlite://new.db?mode=rwc", "--source", "src"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(fs::exists(project_.path() / "new.db"));
  r = sqlcheck(project_.path(), {"prepare", "-D", "sqlite://new.db?mode=xyz", "--source", "src"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("mode=xyz (expected ro, rw, rwc or memory)"), std::string::npos)
      << r.output;
}

TEST_F(sqlite_prepare, a_rejected_query_names_place_and_message_and_changes_nothing) {
  auto r = sqlcheck(project_.path(), {"prepare", "--temp-db=sqlite", "--source", "src"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto before = snapshot(out());
  write_file(project_.path() / "src" / "bad.cpp",
             "auto x = SQLX_QUERY(\"SELECT id, nme FROM feeds\");\n");
  r = sqlcheck(project_.path(), {"prepare", "--temp-db=sqlite", "--source", "src"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("src/bad.cpp:1:33: error: no such column: nme"), std::string::npos)
      << r.output;
  EXPECT_EQ(snapshot(out()), before);
}

// One program, two databases: `-D URL --source DIR` groups, one metadata directory.
TEST_F(sqlite_prepare, two_databases_one_metadata_directory) {
  make_database("bot.db");
  const std::string pg_url = sqlx::test::fresh_database("sqlite_prepare_two");
  sqlx::pg::connection::connect(pg_url).execute("CREATE TABLE users (id bigint PRIMARY KEY)");
  write_file(project_.path() / "web" / "users.cpp",
             R"cpp(auto u = SQLX_QUERY("SELECT id FROM users WHERE id = $1", id);)cpp");
  // The PostgreSQL group scans everything; src/ is deeper in the SQLite group, which wins.
  auto r = sqlcheck(project_.path(), {"prepare", "-D", pg_url, "--source", ".", "-D",
                                      "sqlite://bot.db", "--source", "src"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto files = snapshot(out());
  ASSERT_EQ(files.size(), 3u);
  std::map<std::string, int> by_db;
  for (const auto& [name, content] : files) {
    ++by_db[std::string(sqlx::core::db_name(sqlx::core::read_metadata_file(out() / name).db))];
  }
  EXPECT_EQ(by_db["PostgreSQL"], 1);
  EXPECT_EQ(by_db["SQLite"], 2);
  r = sqlcheck(project_.path(), {"prepare", "-D", pg_url, "--source", ".", "-D", "sqlite://bot.db",
                                 "--source", "src", "--check"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  // A group without sources is a usage error.
  r = sqlcheck(project_.path(),
               {"prepare", "-D", pg_url, "--source", "web", "-D", "sqlite://bot.db"});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  // The same directory in two groups is an error that names the file.
  r = sqlcheck(project_.path(), {"prepare", "-D", pg_url, "--source", "src", "-D",
                                 "sqlite://bot.db", "--source", "src"});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("in the sources of two databases"), std::string::npos) << r.output;
}

}  // namespace
