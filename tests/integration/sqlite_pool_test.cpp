// The SQLite pool and transactions against real database files, and the reliability test:
// readers and writers from 16 threads through one pool in WAL mode.
#include <gtest/gtest.h>

#include <atomic>
#include <sqlx/sqlite.hpp>
#include <string>
#include <thread>
#include <vector>

#include "support/expect_throw.hpp"
#include "support/db_dir.hpp"

namespace {

using namespace std::chrono_literals;
using sqlx::sqlite::pool_options;
using sqlx::sqlite::transaction_behavior;

std::int64_t count_rows(sqlx::sqlite::connection& conn, const std::string& table) {
  auto stmt = conn.prepare("SELECT count(*) FROM " + table);
  EXPECT_TRUE(stmt.step());
  return stmt.get<std::int64_t>(0);
}

class SqlitePool : public ::testing::Test {
 protected:
  sqlx::test::db_dir dir;
  std::string url = "sqlite://" + dir.file("app.db") + "?mode=rwc";
};

TEST_F(SqlitePool, LendsAndTakesBack) {
  auto p = pool_options{}.max_connections(2).busy_timeout(1s).connect(url);
  EXPECT_EQ(p.size(), 1U);  // connect() opened one
  {
    auto a = p.acquire();
    a->execute("CREATE TABLE t (x INTEGER)");
    EXPECT_EQ(a->options().busy_timeout(), 1s);
    auto b = p.acquire();
    EXPECT_EQ(p.size(), 2U);
    EXPECT_EQ(p.num_idle(), 0U);
  }
  EXPECT_EQ(p.num_idle(), 2U);
  // Every connection has the URL's file and the options' pragmas (foreign keys by default).
  p.with_connection([](sqlx::sqlite::connection& conn) {
    auto stmt = conn.prepare("PRAGMA foreign_keys");
    EXPECT_TRUE(stmt.step());
    EXPECT_EQ(stmt.get<int>(0), 1);
    return 0;
  });
}

TEST_F(SqlitePool, AcquireTimesOutWhenAllAreLent) {
  auto p = pool_options{}.max_connections(1).acquire_timeout(50ms).connect(url);
  auto held = p.acquire();
  const auto message = sqlx::test::expect_throw<sqlx::pool_timeout>([&] { (void)p.acquire(); });
  EXPECT_NE(message.find("acquire_timeout (50 ms"), std::string::npos) << message;
  held.release();
  EXPECT_NO_THROW((void)p.acquire());
}

TEST_F(SqlitePool, RejectsBadOptionsAndPaths) {
  EXPECT_THROW((void)pool_options{}.max_connections(0).connect(url), sqlx::configuration_error);
  EXPECT_THROW((void)pool_options{}.min_connections(3).max_connections(2).connect(url),
               sqlx::configuration_error);
  EXPECT_THROW((void)sqlx::sqlite::pool::connect("sqlite://" + dir.file("missing/x.db")),
               sqlx::sqlite::connection_error);
}

TEST_F(SqlitePool, ALeftOpenTransactionIsRolledBackOnReturn) {
  auto p = pool_options{}.max_connections(1).connect(url);
  p.with_connection([](sqlx::sqlite::connection& c) {
    c.execute("CREATE TABLE t (x INTEGER)");
    c.execute("BEGIN; INSERT INTO t VALUES (1)");
    return 0;
  });
  auto conn = p.acquire();
  EXPECT_FALSE(conn->in_transaction());
  EXPECT_EQ(count_rows(*conn, "t"), 0);
}

TEST_F(SqlitePool, TransactionsAndSavepoints) {
  auto p = pool_options{}.max_connections(2).connect(url);
  p.with_connection([](sqlx::sqlite::connection& c) {
    c.execute("CREATE TABLE t (x INTEGER)");
    return 0;
  });
  {
    auto tx = p.begin();
    tx.with_connection(
        [](sqlx::sqlite::connection& c) { return c.execute("INSERT INTO t VALUES (?)", 1); });
    {
      auto inner = tx.begin();
      inner.with_connection(
          [](sqlx::sqlite::connection& c) { return c.execute("INSERT INTO t VALUES (?)", 2); });
      inner.rollback();  // only the savepoint's work goes
    }
    {
      auto inner = sqlx::sqlite::begin(tx);
      inner.with_connection(
          [](sqlx::sqlite::connection& c) { return c.execute("INSERT INTO t VALUES (?)", 3); });
      inner.commit();
    }
    tx.commit();
  }
  {
    auto tx = p.begin({.behavior = transaction_behavior::deferred});
    tx.with_connection(
        [](sqlx::sqlite::connection& c) { return c.execute("INSERT INTO t VALUES (?)", 4); });
    // Not committed: rolled back when it goes away.
  }
  auto conn = p.acquire();
  auto stmt = conn->prepare("SELECT group_concat(x) FROM (SELECT x FROM t ORDER BY x)");
  ASSERT_TRUE(stmt.step());
  EXPECT_EQ(stmt.get<std::string>(0), "1,3");
}

TEST_F(SqlitePool, ImmediateTakesTheWriteLockAtBegin) {
  auto p = pool_options{}.max_connections(2).busy_timeout(50ms).connect(url);
  p.with_connection([](sqlx::sqlite::connection& c) {
    c.execute("CREATE TABLE t (x INTEGER)");
    return 0;
  });
  auto writer = p.begin();  // IMMEDIATE: holds the write lock now
  const auto message =
      sqlx::test::expect_throw<sqlx::sqlite::database_error>([&] { (void)p.begin(); });
  EXPECT_NE(message.find("gave up after waiting the busy timeout (50 ms"), std::string::npos)
      << message;
  EXPECT_NE(message.find("held by 1 other connection of this process in a write transaction"),
            std::string::npos)
      << message;
  // DEFERRED begins without a lock and reads.
  auto reader = p.begin({.behavior = transaction_behavior::deferred});
  reader.with_connection([](sqlx::sqlite::connection& c) { return count_rows(c, "t"); });
}

// 16 threads through one pool, WAL: 4 writers insert their own numbers in IMMEDIATE
// transactions, 12 readers count and never see the count go down. No write is lost, nothing
// deadlocks (the test ends), and no SQLITE_BUSY comes before the busy timeout.
TEST_F(SqlitePool, SixteenThreadsReadersAndWritersWal) {
  auto p = pool_options{}
               .max_connections(16)
               .journal_mode(sqlx::sqlite::journal_mode::wal)
               .busy_timeout(10s)
               .connect(url);
  p.with_connection([](sqlx::sqlite::connection& c) {
    c.execute(
        "CREATE TABLE items (writer INTEGER NOT NULL, n INTEGER NOT NULL, UNIQUE (writer, n))");
    return 0;
  });
  constexpr int writers = 4;
  constexpr int readers = 12;
  constexpr int per_writer = 250;
  std::atomic<int> busy_at_once{0};
  std::atomic<int> busy_after_timeout{0};
  std::atomic<int> went_down{0};
  std::atomic<bool> writing{true};
  std::vector<std::string> unexpected;
  std::mutex unexpected_mutex;
  const auto note = [&](const std::exception& e) {
    const std::string what = e.what();
    if (what.find("gave up after waiting") != std::string::npos) {
      ++busy_after_timeout;
    } else if (what.find("SQLITE_BUSY") != std::string::npos) {
      ++busy_at_once;
    }
    const std::lock_guard lock(unexpected_mutex);
    unexpected.push_back(what);
  };
  std::vector<std::thread> threads;
  for (int w = 0; w < writers; ++w) {
    threads.emplace_back([&, w] {
      for (int n = 0; n < per_writer; ++n) {
        try {
          auto tx = p.begin();
          tx.with_connection([&](sqlx::sqlite::connection& c) {
            // Read, then write, in one transaction: the pattern that fails at once when DEFERRED.
            auto stmt = c.prepare("SELECT count(*) FROM items WHERE writer = ?");
            stmt.bind(1, w);
            (void)stmt.step();
            const auto mine = stmt.get<int>(0);
            EXPECT_EQ(mine, n);
            return c.execute("INSERT INTO items (writer, n) VALUES (?, ?)", w, mine);
          });
          tx.commit();
        } catch (const std::exception& e) {
          note(e);
        }
      }
    });
  }
  for (int r = 0; r < readers; ++r) {
    threads.emplace_back([&] {
      std::int64_t last = 0;
      while (writing.load()) {
        try {
          const auto now =
              p.with_connection([](sqlx::sqlite::connection& c) { return count_rows(c, "items"); });
          if (now < last) ++went_down;
          last = now;
        } catch (const std::exception& e) {
          note(e);
        }
      }
    });
  }
  for (int w = 0; w < writers; ++w) threads[static_cast<std::size_t>(w)].join();
  writing = false;
  for (std::size_t t = writers; t < threads.size(); ++t) threads[t].join();

  EXPECT_TRUE(unexpected.empty()) << unexpected.size() << " errors, first: "
                                  << (unexpected.empty() ? "" : unexpected.front());
  EXPECT_EQ(busy_at_once.load(), 0);
  EXPECT_EQ(busy_after_timeout.load(), 0);
  EXPECT_EQ(went_down.load(), 0);
  auto conn = p.acquire();
  EXPECT_EQ(count_rows(*conn, "items"), writers * per_writer);
  EXPECT_LE(p.size(), 16U);
}

}  // namespace
