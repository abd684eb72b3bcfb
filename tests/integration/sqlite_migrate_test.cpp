// sqlx::migrator on SQLite against real database files: sqlx's SQLite `_sqlx_migrations`
// table, reversible and simple files, -- no-transaction, errors with their place in the file,
// allow-lists, 8 processes migrating one file at once (each migration applied exactly once),
// and a process killed in the middle of a migration.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sqlx/migrate.hpp>
#include <sqlx/sqlite.hpp>
#include <string>
#include <thread>
#include <vector>

#include "support/db_dir.hpp"
#include "support/expect_throw.hpp"

namespace {

namespace fs = std::filesystem;
using sqlx::sqlite::connection;
using sqlx::test::expect_throw;

void write(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << text;
}

std::string text_of(connection& conn, const std::string& sql) {
  auto stmt = conn.prepare(sql);
  if (!stmt.step() || stmt.is_null(0)) return "<none>";
  return stmt.get<std::string>(0);
}

class SqliteMigrate : public ::testing::Test {
 protected:
  sqlx::test::db_dir dir;
  std::string file = dir.file("app.db");
  fs::path migrations = dir.path() / "migrations";
  connection open() { return connection::connect("sqlite://" + file + "?mode=rwc"); }
};

TEST_F(SqliteMigrate, SqlxsTableAndRows) {
  write(migrations / "1_create_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);");
  write(migrations / "2_add_name.up.sql", "ALTER TABLE users ADD COLUMN name TEXT;");
  write(migrations / "2_add_name.down.sql", "ALTER TABLE users DROP COLUMN name;");
  auto conn = open();
  const auto m = sqlx::migrator::from_directory(migrations);
  const auto steps = m.run(conn);
  ASSERT_EQ(steps.size(), 2U);
  EXPECT_EQ(text_of(conn, "SELECT sql FROM sqlite_schema WHERE name = '_sqlx_migrations'"),
            "CREATE TABLE _sqlx_migrations (\n"
            "    version BIGINT PRIMARY KEY,\n"
            "    description TEXT NOT NULL,\n"
            "    installed_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,\n"
            "    success BOOLEAN NOT NULL,\n"
            "    checksum BLOB NOT NULL,\n"
            "    execution_time BIGINT NOT NULL\n"
            ")");
  EXPECT_EQ(text_of(conn,
                    "SELECT group_concat(version || ':' || description || ':' || success || ':' || "
                    "typeof(checksum) || length(checksum) || ':' || typeof(installed_on) || ':' || "
                    "(execution_time > 0), '|') FROM _sqlx_migrations"),
            "1:create users:1:blob48:text:1|2:add name:1:blob48:text:1");
  // The checksum is the SHA-384 of the file's bytes, as sqlx's.
  std::array<unsigned char, 48> expected{};
  unsigned int length = 0;
  const std::string sql1 = "CREATE TABLE users (id INTEGER PRIMARY KEY);";
  EVP_Digest(sql1.data(), sql1.size(), expected.data(), &length, EVP_sha384(), nullptr);
  auto stmt = conn.prepare("SELECT checksum FROM _sqlx_migrations WHERE version = 1");
  ASSERT_TRUE(stmt.step());
  const auto checksum = stmt.get<std::vector<std::byte>>(0);
  EXPECT_TRUE(std::equal(checksum.begin(), checksum.end(),
                         reinterpret_cast<const std::byte*>(expected.data())));

  // Again: nothing to do. Then revert the latest.
  EXPECT_TRUE(m.run(conn).empty());
  const auto reverted = m.revert(conn);
  ASSERT_EQ(reverted.size(), 1U);
  EXPECT_EQ(reverted[0].version, 2);
  EXPECT_EQ(text_of(conn, "SELECT group_concat(version) FROM _sqlx_migrations"), "1");
  EXPECT_EQ(text_of(conn, "SELECT group_concat(name) FROM pragma_table_info('users')"), "id");
  const auto info = m.info(conn);
  ASSERT_EQ(info.size(), 2U);
  EXPECT_EQ(info[1].what, sqlx::migration_status::state::pending);
}

TEST_F(SqliteMigrate, AFailureNamesItsPlaceAndLeavesNoTrace) {
  write(migrations / "1_ok.sql", "CREATE TABLE a (x INTEGER);");
  write(migrations / "2_bad.sql",
        "CREATE TABLE b (x INTEGER);\nINSERT INTO b VALUES (1);\nINSERT INTO nope VALUES (1);\n");
  auto conn = open();
  const auto message = expect_throw<sqlx::migration_failed_error>(
      [&] { (void)sqlx::migrator::from_directory(migrations).run(conn); });
  // The statement's start (SQLite gives no offset inside it for a missing table).
  EXPECT_NE(message.find("2_bad.sql) failed at line 3, column 1: no such table: nope"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("rolled back"), std::string::npos) << message;
  EXPECT_EQ(text_of(conn, "SELECT count(*) FROM sqlite_schema WHERE name = 'b'"), "0");
  EXPECT_EQ(text_of(conn, "SELECT group_concat(version) FROM _sqlx_migrations"), "1");
  // Fixed: the next run completes.
  write(migrations / "2_bad.sql", "CREATE TABLE b (x INTEGER);\nINSERT INTO b VALUES (1);\n");
  EXPECT_EQ(sqlx::migrator::from_directory(migrations).run(conn).size(), 1U);
}

TEST_F(SqliteMigrate, NoTransactionRunsOutsideOne) {
  write(migrations / "1_t.sql", "CREATE TABLE t (x INTEGER);");
  // VACUUM cannot run inside a transaction.
  write(migrations / "2_vacuum.sql", "-- no-transaction\nINSERT INTO t VALUES (1);\nVACUUM;\n");
  auto conn = open();
  EXPECT_EQ(sqlx::migrator::from_directory(migrations).run(conn).size(), 2U);
  write(migrations / "3_half.sql",
        "-- no-transaction\nINSERT INTO t VALUES (2);\nINSERT INTO nope VALUES (1);\n");
  const auto message = expect_throw<sqlx::migration_failed_error>(
      [&] { (void)sqlx::migrator::from_directory(migrations).run(conn); });
  EXPECT_NE(message.find("1 statement(s) before it took effect"), std::string::npos) << message;
  EXPECT_EQ(text_of(conn, "SELECT group_concat(x) FROM t"), "1,2");
}

TEST_F(SqliteMigrate, ChecksumsMissingVersionsAndAllowLists) {
  write(migrations / "1_a.sql", "CREATE TABLE a (x INTEGER);");
  write(migrations / "2_b.sql", "CREATE TABLE b (x INTEGER);");
  auto conn = open();
  (void)sqlx::migrator::from_directory(migrations).run(conn);
  write(migrations / "1_a.sql", "CREATE TABLE a (x INTEGER); -- edited");
  EXPECT_THROW((void)sqlx::migrator::from_directory(migrations).run(conn),
               sqlx::checksum_mismatch_error);
  sqlx::migrate_options allow;
  allow.allowed_checksums[1] = {sqlx::to_hex(
      sqlx::migration(1, "a", sqlx::migration_type::simple, "CREATE TABLE a (x INTEGER);")
          .checksum)};
  EXPECT_NO_THROW((void)sqlx::migrator::from_directory(migrations).run(conn, allow));
  fs::remove(migrations / "2_b.sql");
  EXPECT_THROW((void)sqlx::migrator::from_directory(migrations).run(conn, allow),
               sqlx::missing_migration_error);
  allow.allowed_missing = {2};
  EXPECT_NO_THROW((void)sqlx::migrator::from_directory(migrations).run(conn, allow));
  sqlx::migrate_options schema;
  schema.schema = "x";
  EXPECT_THROW((void)sqlx::migrator::from_directory(migrations).run(conn, schema),
               sqlx::migrate_error);
}

TEST_F(SqliteMigrate, RefusesInsideATransaction) {
  write(migrations / "1_a.sql", "CREATE TABLE a (x INTEGER);");
  auto conn = open();
  conn.execute("BEGIN");
  EXPECT_THROW((void)sqlx::migrator::from_directory(migrations).run(conn), sqlx::migrate_error);
}

// Runs the migrator in a child process; its exit status.
pid_t migrate_in_child(const std::string& file, const fs::path& migrations) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    int status = 0;
    try {
      auto conn = sqlx::sqlite::connect_options::parse("sqlite://" + file + "?mode=rwc")
                      .busy_timeout(std::chrono::seconds(60))
                      .connect();
      (void)sqlx::migrator::from_directory(migrations).run(conn);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "child: %s\n", e.what());
      status = 1;
    }
    std::_Exit(status);
  }
  return pid;
}

TEST_F(SqliteMigrate, EightProcessesApplyEachMigrationExactlyOnce) {
  // No unique key on the log: a migration applied twice would log twice.
  write(migrations / "1_log.sql", "CREATE TABLE log (version INTEGER NOT NULL);");
  write(migrations / "2_fill.sql",
        "INSERT INTO log VALUES (2);\n"
        "CREATE TABLE big (n INTEGER);\n"
        "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 200000) "
        "INSERT INTO big SELECT n FROM c;\n");
  write(migrations / "3_more.sql", "INSERT INTO log VALUES (3);");
  std::vector<pid_t> children;
  for (int i = 0; i < 8; ++i) children.push_back(migrate_in_child(file, migrations));
  for (const pid_t pid : children) {
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "child " << pid;
  }
  auto conn = open();
  EXPECT_EQ(text_of(conn, "SELECT group_concat(version) FROM (SELECT version FROM log ORDER BY 1)"),
            "2,3");
  EXPECT_EQ(text_of(conn, "SELECT count(*) FROM big"), "200000");
  EXPECT_EQ(text_of(conn, "SELECT group_concat(version) FROM _sqlx_migrations"), "1,2,3");
}

TEST_F(SqliteMigrate, KilledMidMigrationLeavesTheFileConsistent) {
  write(migrations / "1_log.sql", "CREATE TABLE log (version INTEGER NOT NULL);");
  write(migrations / "2_long.sql",
        "INSERT INTO log VALUES (2);\n"
        "CREATE TABLE big (n INTEGER);\n"
        "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 3000000) "
        "INSERT INTO big SELECT n FROM c;\n");
  {
    sqlx::migrate_options first;
    first.target_version = 1;
    auto conn = open();
    (void)sqlx::migrator::from_directory(migrations).run(conn, first);
  }
  const pid_t pid = migrate_in_child(file, migrations);
  // Kill it once migration 2 is under way: its BEGIN IMMEDIATE made a journal.
  for (int i = 0; i < 2000 && !fs::exists(file + "-journal"); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ::kill(pid, SIGKILL);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  auto conn = open();
  EXPECT_EQ(text_of(conn, "PRAGMA integrity_check"), "ok");
  // Whatever the moment of the kill: all of migration 2 or none of it.
  const auto recorded = text_of(conn, "SELECT group_concat(version) FROM _sqlx_migrations");
  const auto logged = text_of(conn, "SELECT group_concat(version) FROM log");
  EXPECT_TRUE((recorded == "1" && logged == "<none>") || (recorded == "1,2" && logged == "2"))
      << recorded << " / " << logged;
  // The next run completes it.
  (void)sqlx::migrator::from_directory(migrations).run(conn);
  EXPECT_EQ(text_of(conn, "SELECT group_concat(version) FROM _sqlx_migrations"), "1,2");
  EXPECT_EQ(text_of(conn, "SELECT group_concat(version) FROM log"), "2");
  EXPECT_EQ(text_of(conn, "SELECT count(*) FROM big"), "3000000");
}

// Another process holds the migration lock (an flock() on the documented lock file, with its
// pid in it as the migrator writes it): the migrator gives up after the connection's
// lock_timeout with an error naming the lock file, the wait and the holder, and applied nothing.
TEST_F(SqliteMigrate, LockWaitEndsAtTheLockTimeout) {
  write(migrations / "1_a.sql", "CREATE TABLE a (x INTEGER);");
  int ready[2];
  int release[2];
  ASSERT_EQ(::pipe(ready), 0);
  ASSERT_EQ(::pipe(release), 0);
  const std::string lock_file = file + "-migrate-lock";
  const pid_t holder = ::fork();
  if (holder == 0) {
    ::close(ready[0]);
    ::close(release[1]);  // so that the test closing its end is EOF here
    const int fd = ::open(lock_file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    const std::string pid = std::to_string(::getpid()) + "\n";
    const bool held = fd >= 0 && ::flock(fd, LOCK_EX) == 0 &&
                      ::write(fd, pid.data(), pid.size()) == static_cast<ssize_t>(pid.size());
    char byte = held ? 'y' : 'n';
    (void)!::write(ready[1], &byte, 1);
    (void)!::read(release[0], &byte, 1);  // until the test closes its end
    std::_Exit(held ? 0 : 1);
  }
  ::close(ready[1]);
  ::close(release[0]);
  char byte = 0;
  ASSERT_EQ(::read(ready[0], &byte, 1), 1);
  ASSERT_EQ(byte, 'y');

  auto conn = sqlx::sqlite::connect_options::parse("sqlite://" + file + "?mode=rwc")
                  .lock_timeout(std::chrono::milliseconds(200))
                  .connect();
  const auto m = sqlx::migrator::from_directory(migrations);
  const std::string message =
      expect_throw<sqlx::migration_lock_timeout_error>([&] { (void)m.run(conn); });
  EXPECT_NE(message.find("gave up waiting for the migration lock " + lock_file + " (flock) after "),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("(connect_options::lock_timeout, 200 ms): process " +
                         std::to_string(holder) + " still holds it"),
            std::string::npos)
      << message;
  EXPECT_EQ(text_of(conn, "SELECT count(*) FROM sqlite_schema WHERE name = 'a'"), "0");

  ::close(release[1]);
  int status = 0;
  ASSERT_EQ(::waitpid(holder, &status, 0), holder);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  ::close(ready[0]);
  // Released: the next run takes the lock and applies the migration.
  EXPECT_EQ(m.run(conn).size(), 1U);
  EXPECT_EQ(text_of(conn, "SELECT count(*) FROM sqlite_schema WHERE name = 'a'"), "1");
}

}  // namespace
