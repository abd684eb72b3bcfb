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
#include <string>
#include <thread>
#include <vector>

#include "core/process.hpp"
#include "sqlx/migrate.hpp"
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

}  // namespace
