// Many `sqlcheck migrate run` processes against one database at once (docs/migrations.md, "Many
// instances at once"): a `-- no-transaction` CREATE INDEX CONCURRENTLY must not deadlock with the
// instances waiting for the lock, a killed lock holder must not stop the others, an INVALID
// index left by an earlier failure is named with the way out, and a no-transaction file's
// statements run one at a time.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "server/process.hpp"
#include "sqlx/migrate.hpp"
#include "support/expect_throw.hpp"
#include "support/test_cluster.hpp"

namespace {
namespace fs = std::filesystem;
using sqlx::test::fresh_database;
using sqlx::test::temp_dir;
using sqlx::test::write_file;

constexpr int instances = 8;

std::string test_name() {
  return ::testing::UnitTest::GetInstance()->current_test_info()->name();
}

// One text value of a query ("<none>" without a row, "<null>" for NULL).
std::string scalar(sqlx::pg::connection& conn, const std::string& sql) {
  sqlx::pg::result r(PQexec(conn.native_handle(), sql.c_str()));
  const ExecStatusType status = PQresultStatus(r.native_handle());
  if (status != PGRES_TUPLES_OK) {
    ADD_FAILURE() << sql << ": " << PQresultErrorMessage(r.native_handle());
    return "<error>";
  }
  if (r.rows() == 0) return "<none>";
  return r.is_null(0, 0) ? "<null>" : std::string(r.value(0, 0));
}

using sqlx::test::expect_throw;

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

class migrate_concurrency : public ::testing::Test {
 protected:
  void SetUp() override {
    url_ = fresh_database(test_name());
    db_ = std::make_unique<sqlx::pg::connection>(sqlx::pg::connection::connect(url_));
  }
  fs::path dir() const { return tmp_.path() / "migrations"; }
  void file(const std::string& name, const std::string& sql) { write_file(dir() / name, sql); }
  std::string q(const std::string& sql) { return scalar(*db_, sql); }
  fs::path log_of(int i) const { return tmp_.path() / fmt::format("run{}.log", i); }

  // Starts `instances` sqlcheck processes at once; process i shows as application_name
  // "migrator-i" in pg_stat_activity.
  void start_all() {
    for (int i = 0; i < instances; ++i) {
      pids_.push_back(sqlx::core::spawn_process(
          {"env", "DATABASE_URL=" + url_, fmt::format("PGAPPNAME=migrator-{}", i),
           SQLX_CPP_SQLCHECK, "migrate", "run", "--source", dir().string()},
          log_of(i).string()));
    }
  }
  // The wait status of each process, in start order.
  std::vector<int> wait_all() {
    std::vector<int> statuses;
    for (const pid_t pid : pids_) {
      int status = 0;
      EXPECT_EQ(waitpid(pid, &status, 0), pid);
      statuses.push_back(status);
    }
    pids_.clear();
    return statuses;
  }
  void expect_all_succeeded(const std::vector<int>& statuses) {
    for (std::size_t i = 0; i < statuses.size(); ++i) {
      EXPECT_TRUE(WIFEXITED(statuses[i]) && WEXITSTATUS(statuses[i]) == 0)
          << "process " << i << ":\n"
          << sqlx::test::read_file(log_of(static_cast<int>(i)));
    }
  }
  void expect_no_advisory_lock() {
    EXPECT_EQ(q("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"), "0");
  }
  // Migrations 1-11 create t1..t11 (t2 with a column id), 11 optionally sleeping; 12 builds an
  // index concurrently.
  void write_cic_migrations(bool slow_before_index) {
    for (int v = 1; v <= 11; ++v) {
      std::string sql = fmt::format("CREATE TABLE t{} (id int, note text);\n", v);
      if (v == 2) sql += "INSERT INTO t2 SELECT g, 'row' FROM generate_series(1, 1000) g;\n";
      if (v == 11 && slow_before_index) sql += "SELECT pg_sleep(1);\n";
      file(fmt::format("{}_t{}.sql", v, v), sql);
    }
    file("12_t2_id.sql", "-- no-transaction\nCREATE INDEX CONCURRENTLY t2_id ON t2(id);\n");
  }
  void expect_cic_outcome() {
    EXPECT_EQ(q("SELECT count(*) FILTER (WHERE success) || '/' || count(*) FROM _sqlx_migrations"),
              "12/12");
    EXPECT_EQ(q("SELECT string_agg(version::text, ',' ORDER BY version) FROM _sqlx_migrations"),
              "1,2,3,4,5,6,7,8,9,10,11,12");
    EXPECT_EQ(q("SELECT indisvalid::text FROM pg_index WHERE indexrelid = 't2_id'::regclass"),
              "true");
    expect_no_advisory_lock();
  }
  void TearDown() override {
    for (const pid_t pid : pids_) {  // a failed assertion left some running
      kill(pid, SIGKILL);
      int status = 0;
      waitpid(pid, &status, 0);
    }
  }

  temp_dir tmp_;
  std::string url_;
  std::unique_ptr<sqlx::pg::connection> db_;
  std::vector<pid_t> pids_;
};

// The case of issue 10: the index build used to wait for the waiters' snapshots while they waited
// for its lock; PostgreSQL broke the deadlock by cancelling one side.
TEST_F(migrate_concurrency, eight_processes_with_create_index_concurrently) {
  write_cic_migrations(false);
  start_all();
  expect_all_succeeded(wait_all());
  expect_cic_outcome();
}

// The same with a slow migration before the index, so that all the others are waiting while the
// index is built.
TEST_F(migrate_concurrency, eight_processes_slow_migration_before_the_index) {
  write_cic_migrations(true);
  start_all();
  expect_all_succeeded(wait_all());
  expect_cic_outcome();
}

// The lock holder is killed in the middle of a migration: its backend rolls the migration back
// and releases the lock when it notices, and one of the others applies everything.
TEST_F(migrate_concurrency, lock_holder_killed_mid_migration) {
  file("1_log.sql", "CREATE TABLE log (version int);\nINSERT INTO log VALUES (1);\n");
  file("2_slow.sql", "INSERT INTO log VALUES (2);\nSELECT pg_sleep(3);\n");
  file("3_after.sql", "INSERT INTO log VALUES (3);\n");
  file("4_index.sql",
       "-- no-transaction\nCREATE INDEX CONCURRENTLY log_version ON log(version);\n");
  start_all();

  // The process whose session holds the lock and sleeps in migration 2.
  int holder = -1;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (holder < 0 && std::chrono::steady_clock::now() < deadline) {
    const std::string name =
        q("SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
          "WHERE l.locktype = 'advisory' AND l.granted AND a.query LIKE '%pg_sleep(3)%'");
    if (name.starts_with("migrator-")) {
      holder = std::stoi(name.substr(9));
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  ASSERT_GE(holder, 0) << "no process was seen holding the lock in the slow migration";
  ASSERT_EQ(kill(pids_[static_cast<std::size_t>(holder)], SIGKILL), 0);

  const auto statuses = wait_all();
  for (int i = 0; i < instances; ++i) {
    const int status = statuses[static_cast<std::size_t>(i)];
    if (i == holder) {
      EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    } else {
      EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
          << "process " << i << ":\n"
          << sqlx::test::read_file(log_of(i));
    }
  }
  EXPECT_EQ(q("SELECT string_agg(version::text, ',' ORDER BY version) FROM log"), "1,2,3");
  EXPECT_EQ(q("SELECT string_agg(version::text, ',' ORDER BY version) FROM _sqlx_migrations "
              "WHERE success"),
            "1,2,3,4");
  EXPECT_EQ(q("SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'log_version'::regclass"),
            "true");
  expect_no_advisory_lock();
}

// Deterministic, in one process: the waiter must not hold a snapshot the lock holder's CREATE
// INDEX CONCURRENTLY waits for (with pg_advisory_lock, PostgreSQL reported a deadlock here).
TEST_F(migrate_concurrency, index_built_by_the_lock_holder_while_another_waits) {
  db_->execute("CREATE TABLE items (id int)");
  file("1_more.sql", "CREATE TABLE more (id int);\n");
  // This session holds the migration lock, as an instance in the middle of migrating would.
  const std::string key = std::to_string(sqlx::migrator::lock_key(q("SELECT current_database()")));
  EXPECT_EQ(q("SELECT pg_advisory_lock(" + key + ")::text"), "");
  auto waiter = std::async(std::launch::async, [&] {
    auto conn = sqlx::pg::connection::connect(url_ + "?application_name=waiter");
    return sqlx::migrator::from_directory(dir()).run(conn).size();
  });
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (q("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'waiter' AND query "
           "LIKE '%advisory_lock%'") == "0" &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // well into its wait
  db_->execute("CREATE INDEX CONCURRENTLY items_id ON items (id)");
  EXPECT_EQ(q("SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'items_id'::regclass"),
            "true");
  EXPECT_EQ(waiter.wait_for(std::chrono::milliseconds(100)), std::future_status::timeout);
  EXPECT_EQ(q("SELECT pg_advisory_unlock(" + key + ")::text"), "true");
  EXPECT_EQ(waiter.get(), 1u);
  expect_no_advisory_lock();
}

// The session's lock_timeout, which bounded pg_advisory_lock, bounds the wait; a connection that
// dies while waiting is a clear error.
TEST_F(migrate_concurrency, wait_bounded_by_lock_timeout_and_lost_connection_named) {
  file("1_a.sql", "CREATE TABLE a (id int);\n");
  const std::string key = std::to_string(sqlx::migrator::lock_key(q("SELECT current_database()")));
  EXPECT_EQ(q("SELECT pg_advisory_lock(" + key + ")::text"), "");
  const std::string holder = q("SELECT pg_backend_pid()");

  auto bounded = sqlx::pg::connection::connect(url_);
  bounded.execute("SET lock_timeout = '300ms'");
  try {
    (void)sqlx::migrator::from_directory(dir()).run(bounded);
    ADD_FAILURE() << "no exception";
  } catch (const sqlx::pg::database_error& e) {
    EXPECT_EQ(e.sqlstate(), "55P03");
    EXPECT_TRUE(contains(e.what(), "the migration lock")) << e.what();
    EXPECT_TRUE(contains(e.what(), "lock_timeout")) << e.what();
    EXPECT_TRUE(contains(e.what(), "server process " + holder)) << e.what();
  }
  EXPECT_EQ(q("SELECT to_regclass('a')::text"), "<null>");

  auto waiter = std::async(std::launch::async, [&] {
    auto conn = sqlx::pg::connection::connect(url_ + "?application_name=doomed");
    return expect_throw<sqlx::pg::connection_error>(
        [&] { (void)sqlx::migrator::from_directory(dir()).run(conn); });
  });
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (q("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'doomed' AND query "
           "LIKE '%advisory_lock%'") == "0" &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(q("SELECT bool_and(pg_terminate_backend(pid))::text FROM pg_stat_activity "
              "WHERE application_name = 'doomed'"),
            "true");
  const std::string message = waiter.get();
  EXPECT_TRUE(contains(message, "while waiting for the migration lock")) << message;

  EXPECT_EQ(q("SELECT pg_advisory_unlock(" + key + ")::text"), "true");
  EXPECT_EQ(sqlx::migrator::from_directory(dir()).run(*db_).size(), 1u);
  expect_no_advisory_lock();
}

// A -- no-transaction file runs one statement at a time, as psql runs it: CREATE INDEX
// CONCURRENTLY may be followed by anything; the splitting respects strings and comments.
TEST_F(migrate_concurrency, no_transaction_file_with_several_statements) {
  file("1_m.sql",
       "-- no-transaction\n"
       "CREATE TABLE m (id int, body text);\n"
       "CREATE INDEX CONCURRENTLY m_id ON m (id);\n"
       "INSERT INTO m VALUES (1, 'a;b'), (2, $$c;d$$), (3, E'e\\';f'); -- a comment; still\n"
       "/* a block; /* nested; */ still; */\n"
       "CREATE INDEX CONCURRENTLY m_body ON m (body);;\n"
       ";\n"
       "SELECT 1\n");
  temp_dir cwd;
  const auto r = sqlx::core::run_process({"env", "DATABASE_URL=" + url_, SQLX_CPP_SQLCHECK,
                                          "migrate", "run", "--source", dir().string()});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(q("SELECT string_agg(body, ' ' ORDER BY id) FROM m"), "a;b c;d e';f");
  EXPECT_EQ(q("SELECT count(*) FROM pg_index WHERE indisvalid AND indrelid = 'm'::regclass"), "2");
  EXPECT_EQ(q("SELECT success::text FROM _sqlx_migrations WHERE version = 1"), "true");

  // A failing statement: those before it stay, the error points into the file, nothing is
  // recorded (as sqlx: no row with success = false).
  file("2_half.sql",
       "-- no-transaction\n"
       "CREATE TABLE half (id int);\n"
       "CREATE INDEX CONCURRENTLY half_id ON half (id);\n"
       "SELECT * FROM  nope;\n"
       "CREATE TABLE never (id int);\n");
  const std::string message = expect_throw<sqlx::migration_failed_error>(
      [&] { (void)sqlx::migrator::from_directory(dir()).run(*db_); });
  EXPECT_TRUE(contains(message, "2_half.sql")) << message;
  EXPECT_TRUE(contains(message, "relation \"nope\" does not exist")) << message;
  EXPECT_TRUE(contains(message, "at line 4, column 16: SELECT * FROM  nope;")) << message;
  EXPECT_TRUE(contains(message, "the 2 statements before it took effect")) << message;
  EXPECT_TRUE(contains(message, "not recorded as applied")) << message;
  EXPECT_EQ(q("SELECT to_regclass('half_id')::text"), "half_id");
  EXPECT_EQ(q("SELECT to_regclass('never')::text"), "<null>");
  EXPECT_EQ(q("SELECT count(*) FROM _sqlx_migrations WHERE version = 2"), "0");
  expect_no_advisory_lock();
}

// An INVALID index left by an earlier failed CREATE INDEX CONCURRENTLY: the migration that
// creates that index fails with the index's name and the way out; after it, the migration runs.
TEST_F(migrate_concurrency, invalid_index_left_by_an_earlier_failure) {
  db_->execute("CREATE TABLE t2 (id int); INSERT INTO t2 VALUES (1), (1), (2)");
  EXPECT_THROW(db_->execute("CREATE UNIQUE INDEX CONCURRENTLY t2_id ON t2 (id)"),
               sqlx::pg::database_error);
  ASSERT_EQ(q("SELECT indisvalid::text FROM pg_index WHERE indexrelid = 't2_id'::regclass"),
            "false");

  file("1_t2_id.sql", "-- no-transaction\nCREATE INDEX CONCURRENTLY t2_id ON t2(id);\n");
  const auto check = [&](const std::string& message) {
    EXPECT_TRUE(contains(message, "relation \"t2_id\" already exists")) << message;
    EXPECT_TRUE(contains(message, "public.t2_id is an INVALID index")) << message;
    EXPECT_TRUE(contains(message, "DROP INDEX CONCURRENTLY public.t2_id;")) << message;
    EXPECT_TRUE(contains(message, "IF NOT EXISTS")) << message;
  };
  std::string message = expect_throw<sqlx::migration_failed_error>(
      [&] { (void)sqlx::migrator::from_directory(dir()).run(*db_); });
  check(message);
  EXPECT_TRUE(contains(message, "at line 2, column 1")) << message;
  EXPECT_EQ(q("SELECT count(*) FROM _sqlx_migrations"), "0");
  // Through sqlcheck, as a deployment runs it.
  const auto r = sqlx::core::run_process({"env", "DATABASE_URL=" + url_, SQLX_CPP_SQLCHECK,
                                          "migrate", "run", "--source", dir().string()});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  check(r.output);
  // A transactional migration taking the name gets the same advice.
  const sqlx::migrator plain({sqlx::migration(1, "t2 id", sqlx::migration_type::simple,
                                              "CREATE INDEX t2_id ON t2 (id);")});
  check(expect_throw<sqlx::migration_failed_error>([&] { (void)plain.run(*db_); }));

  // The way out the message gives.
  db_->execute("DROP INDEX CONCURRENTLY public.t2_id");
  EXPECT_EQ(sqlx::migrator::from_directory(dir()).run(*db_).size(), 1u);
  EXPECT_EQ(q("SELECT indisvalid::text FROM pg_index WHERE indexrelid = 't2_id'::regclass"),
            "true");
  expect_no_advisory_lock();
}

}  // namespace
