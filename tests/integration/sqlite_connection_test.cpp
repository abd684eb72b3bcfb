// sqlx::sqlite::connection against real database files: opening (and its errors), the
// pragmas sqlx sets, statements and their cache, errors with SQLite's codes, SQLITE_BUSY.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sqlx/sqlite.hpp>
#include <string>

#include "support/db_dir.hpp"
#include "support/expect_throw.hpp"

namespace {

using sqlx::sqlite::connect_options;
using sqlx::sqlite::connection;
using sqlx::test::expect_throw;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

class SqliteConnection : public ::testing::Test {
 protected:
  sqlx::test::db_dir dir;
  std::string url(const std::string& name, const std::string& query = "?mode=rwc") const {
    return "sqlite://" + dir.file(name) + query;
  }
};

std::int64_t pragma_value(connection& conn, const std::string& name) {
  auto stmt = conn.prepare("PRAGMA " + name);
  EXPECT_TRUE(stmt.step());
  return stmt.get<std::int64_t>(0);
}

TEST_F(SqliteConnection, OpensWithSqlxDefaults) {
  auto conn = connection::connect(url("app.db"));
  EXPECT_EQ(pragma_value(conn, "foreign_keys"), 1);
  EXPECT_EQ(conn.filename(), dir.file("app.db"));
  auto journal = conn.prepare("PRAGMA journal_mode");
  ASSERT_TRUE(journal.step());
  EXPECT_EQ(journal.get<std::string>(0), "delete");  // SQLite's default: sqlx does not set it
}

TEST_F(SqliteConnection, OptionsChangeThePragmas) {
  auto conn = connect_options::parse(url("app.db"))
                  .foreign_keys(false)
                  .journal_mode(sqlx::sqlite::journal_mode::wal)
                  .synchronous(sqlx::sqlite::synchronous::normal)
                  .pragma("cache_size", "-4000")
                  .connect();
  EXPECT_EQ(pragma_value(conn, "foreign_keys"), 0);
  EXPECT_EQ(pragma_value(conn, "synchronous"), 1);
  EXPECT_EQ(pragma_value(conn, "cache_size"), -4000);
  auto journal = conn.prepare("PRAGMA journal_mode");
  ASSERT_TRUE(journal.step());
  EXPECT_EQ(journal.get<std::string>(0), "wal");
}

TEST_F(SqliteConnection, InMemoryIsSharedByConnectionsOfOneOptions) {
  const auto options = connect_options::parse("sqlite::memory:");
  auto a = options.connect();
  auto b = options.connect();
  a.execute("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (7)");
  auto stmt = b.prepare("SELECT x FROM t");
  ASSERT_TRUE(stmt.step());
  EXPECT_EQ(stmt.get<int>(0), 7);
  // Another parse is another database.
  auto c = connection::connect("sqlite::memory:");
  EXPECT_THROW((void)c.prepare("SELECT x FROM t"), sqlx::sqlite::database_error);
}

TEST_F(SqliteConnection, OpenErrorsSayWhy) {
  const auto missing_dir = expect_throw<sqlx::sqlite::connection_error>(
      [&] { (void)connection::connect(url("no/such/dir/app.db")); });
  EXPECT_TRUE(contains(missing_dir, "does not exist")) << missing_dir;
  EXPECT_TRUE(contains(missing_dir, dir.file("no/such/dir"))) << missing_dir;

  const auto missing_file = expect_throw<sqlx::sqlite::connection_error>(
      [&] { (void)connection::connect(url("absent.db", "")); });
  EXPECT_TRUE(contains(missing_file, "mode=rwc")) << missing_file;

  {
    std::ofstream(dir.file("text.db"))
        << "this is not a database, it is a text file long enough "
           "to have a header of one hundred bytes, which SQLite reads "
           "first and rejects.";
  }
  const auto not_db = expect_throw<sqlx::sqlite::connection_error>(
      [&] { (void)connection::connect(url("text.db", "")); });
  EXPECT_TRUE(contains(not_db, "not a database")) << not_db;

  {  // a database whose schema page is overwritten
    auto conn = connection::connect(url("corrupt.db"));
    conn.execute("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1)");
  }
  {
    std::fstream f(dir.file("corrupt.db"), std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(100);
    const std::string garbage(200, '\xff');
    f.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
  }
  const auto corrupt = expect_throw<sqlx::sqlite::connection_error>(
      [&] { (void)connection::connect(url("corrupt.db", "")); });
  EXPECT_TRUE(contains(corrupt, "malformed")) << corrupt;
  EXPECT_TRUE(contains(corrupt, "corrupt")) << corrupt;

  const auto is_dir = expect_throw<sqlx::sqlite::connection_error>(
      [&] { (void)connection::connect("sqlite://" + dir.path().string()); });
  EXPECT_FALSE(is_dir.empty());
}

TEST_F(SqliteConnection, ReadOnly) {
  connection::connect(url("ro.db")).execute("CREATE TABLE t (x INTEGER)");
  auto conn = connection::connect(url("ro.db", "?mode=ro"));
  auto error = expect_throw<sqlx::sqlite::database_error>(
      [&] { (void)conn.execute("INSERT INTO t VALUES (?)", 1); });
  EXPECT_TRUE(contains(error, "SQLITE_READONLY")) << error;
  if (::geteuid() != 0) {  // root writes anyway
    ::chmod(dir.file("ro.db").c_str(), 0444);
    auto rw = connection::connect(url("ro.db", "?mode=rw"));
    EXPECT_THROW((void)rw.execute("INSERT INTO t VALUES (?)", 1), sqlx::sqlite::database_error);
  }
}

TEST_F(SqliteConnection, StatementsBindStepAndRead) {
  auto conn = connection::connect(url("app.db"));
  conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL, score REAL)");
  EXPECT_EQ(conn.execute("INSERT INTO t (name, score) VALUES (?, ?), (?, ?)", "a", 1.5,
                         std::string("b"), std::nullopt),
            2U);
  EXPECT_EQ(conn.last_insert_rowid(), 2);
  auto stmt = conn.prepare("SELECT id, name, score FROM t WHERE id >= ?1 ORDER BY id");
  stmt.bind(1, 1);
  ASSERT_TRUE(stmt.step());
  EXPECT_EQ(stmt.get<std::int64_t>(0), 1);
  EXPECT_EQ(stmt.get<std::string>(1), "a");
  EXPECT_EQ(stmt.get<std::optional<double>>(2), 1.5);
  EXPECT_EQ(stmt.column_name(1), "name");
  EXPECT_EQ(stmt.column_decltype(0), "INTEGER");
  ASSERT_TRUE(stmt.step());
  EXPECT_EQ(stmt.get<std::optional<double>>(2), std::nullopt);
  const auto null_error = expect_throw<sqlx::decode_error>([&] { (void)stmt.get<double>(2); });
  EXPECT_TRUE(contains(null_error, "column \"score\" is NULL")) << null_error;
  EXPECT_FALSE(stmt.step());
}

TEST_F(SqliteConnection, StatementCacheReusesAndEvicts) {
  auto conn = connect_options::parse(url("app.db")).statement_cache_capacity(2).connect();
  conn.execute("CREATE TABLE t (x INTEGER)");
  sqlite3_stmt* first = nullptr;
  {
    auto s = conn.prepare("SELECT 1");
    first = s.native_handle();
    EXPECT_TRUE(s.first_use());
    s.mark_verified();
  }
  {
    auto s = conn.prepare("SELECT 1");
    EXPECT_EQ(s.native_handle(), first);
    EXPECT_FALSE(s.first_use());
    // The same text while it is lent out: a second, uncached statement.
    auto t = conn.prepare("SELECT 1");
    EXPECT_NE(t.native_handle(), first);
  }
  { auto s = conn.prepare("SELECT 2"); }
  { auto s = conn.prepare("SELECT 3"); }
  EXPECT_EQ(conn.cached_statements(), 2U);
  {
    auto s = conn.prepare("SELECT 1");  // evicted: prepared again, checked again
    EXPECT_TRUE(s.first_use());
  }
}

TEST_F(SqliteConnection, SchemaChangeMakesTheNextUseAFirstUse) {
  auto conn = connection::connect(url("app.db"));
  conn.execute("CREATE TABLE t (x INTEGER)");
  {
    auto s = conn.prepare("SELECT * FROM t");
    (void)s.step();
    s.mark_verified();
  }
  conn.execute("ALTER TABLE t ADD COLUMN y TEXT");
  auto s = conn.prepare("SELECT * FROM t");
  (void)s.step();  // SQLite prepares it again for the new schema
  EXPECT_TRUE(s.first_use());
  EXPECT_EQ(s.column_count(), 2);
}

TEST_F(SqliteConnection, ErrorsCarryCodesAndMessages) {
  auto conn = connection::connect(url("app.db"));
  conn.execute("CREATE TABLE t (x INTEGER UNIQUE, p INTEGER REFERENCES t(x))");
  conn.execute("INSERT INTO t (x) VALUES (?)", 1);
  try {
    (void)conn.execute("INSERT INTO t (x) VALUES (?)", 1);
    FAIL() << "no error";
  } catch (const sqlx::sqlite::database_error& e) {
    EXPECT_EQ(e.code(), SQLITE_CONSTRAINT);
    EXPECT_EQ(e.extended_code(), SQLITE_CONSTRAINT_UNIQUE);
    EXPECT_TRUE(contains(e.what(), "UNIQUE constraint failed: t.x")) << e.what();
    EXPECT_TRUE(contains(e.what(), "SQLITE_CONSTRAINT_UNIQUE")) << e.what();
  }
  // foreign_keys is on (sqlx's default).
  const auto fk = expect_throw<sqlx::sqlite::database_error>(
      [&] { (void)conn.execute("INSERT INTO t (x, p) VALUES (?, ?)", 2, 99); });
  EXPECT_TRUE(contains(fk, "SQLITE_CONSTRAINT_FOREIGNKEY")) << fk;
  try {
    (void)conn.prepare("SELECT nope FROM t");
    FAIL() << "no error";
  } catch (const sqlx::sqlite::database_error& e) {
    EXPECT_TRUE(contains(e.what(), "no such column: nope")) << e.what();
    EXPECT_EQ(e.offset(), 7);
  }
}

TEST_F(SqliteConnection, BusyAfterTheTimeoutNamesTheTimeoutAndTheHolder) {
  auto holder = connection::connect(url("app.db"));
  holder.execute("CREATE TABLE t (x INTEGER)");
  auto waiter =
      connect_options::parse(url("app.db")).busy_timeout(std::chrono::milliseconds(50)).connect();
  holder.execute("BEGIN IMMEDIATE");
  holder.execute("INSERT INTO t VALUES (1)");
  try {
    (void)waiter.execute("INSERT INTO t VALUES (?)", 2);
    FAIL() << "no error";
  } catch (const sqlx::sqlite::database_error& e) {
    EXPECT_TRUE(e.is_busy());
    EXPECT_EQ(e.code(), SQLITE_BUSY);
    const std::string what = e.what();
    EXPECT_TRUE(contains(what, "database is locked")) << what;
    EXPECT_TRUE(contains(what, "busy timeout (50 ms")) << what;
    EXPECT_TRUE(contains(what,
                         "held by 1 other connection of this process in a write "
                         "transaction"))
        << what;
  }
  holder.execute("COMMIT");
  EXPECT_EQ(waiter.execute("INSERT INTO t VALUES (?)", 3), 1U);
}

TEST_F(SqliteConnection, BusyInADeferredTransactionSaysToBeginImmediate) {
  auto a =
      connect_options::parse(url("app.db")).journal_mode(sqlx::sqlite::journal_mode::wal).connect();
  a.execute("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1)");
  auto b = connection::connect(url("app.db"));
  b.execute("BEGIN");  // deferred
  {
    auto s = b.prepare("SELECT count(*) FROM t");
    ASSERT_TRUE(s.step());
  }
  a.execute("INSERT INTO t VALUES (2)");  // b's snapshot is now old
  const auto what = expect_throw<sqlx::sqlite::database_error>(
      [&] { (void)b.execute("INSERT INTO t VALUES (?)", 3); });
  EXPECT_TRUE(contains(what, "SQLITE_BUSY_SNAPSHOT")) << what;
  EXPECT_TRUE(contains(what, "IMMEDIATE")) << what;
  b.execute("ROLLBACK");
}

}  // namespace
