// sqlx::pg::pool and transactions against a real server: lending and returning, the
// max_connections bound under contention, FIFO fairness, acquire_timeout, after_connect,
// replacing broken connections, reaping idle and aged ones, transactions with savepoints and
// options, and a reliability run with backends killed and the server restarted.
#include "sqlx/pg/pool.hpp"

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <signal.h>
#include <sys/wait.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <iostream>
#include <mutex>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "server/cluster.hpp"
#include "server/process.hpp"
#include "sqlx/pg/transaction.hpp"
#include "sqlx/query.hpp"
#include "support/test_cluster.hpp"

namespace {
using sqlx::pg::connection;
using sqlx::pg::connection_error;
using sqlx::pg::database_error;
using sqlx::pg::isolation_level;
using sqlx::pg::pool;
using sqlx::pg::pool_options;
using sqlx::pg::pooled_connection;
using sqlx::pg::transaction;
using namespace std::chrono_literals;
using clock_type = std::chrono::steady_clock;

static_assert(sqlx::executor<pool>);
static_assert(sqlx::executor<pooled_connection>);
static_assert(sqlx::executor<transaction>);
static_assert(std::is_base_of_v<sqlx::error, sqlx::pool_timeout>);

std::string fresh_url() {
  return sqlx::test::fresh_database(
      ::testing::UnitTest::GetInstance()->current_test_info()->name());
}

// The first value of `sql` (text format), "" for none; throws on failure. Inspection only:
// the pool's own traffic goes through sqlx::pg::connection.
std::string scalar(const connection& c, const std::string& sql) {
  PGresult* r = PQexec(c.native_handle(), sql.c_str());
  const ExecStatusType status = PQresultStatus(r);
  std::string value;
  if (status == PGRES_TUPLES_OK && PQntuples(r) > 0) value = PQgetvalue(r, 0, 0);
  const std::string error = PQresultErrorMessage(r);
  PQclear(r);
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    throw std::runtime_error(sql + ": " + error);
  }
  return value;
}

int count_backends(const connection& c, const std::string& application_name) {
  return std::stoi(scalar(c, "SELECT count(*) FROM pg_stat_activity WHERE application_name = '" +
                                 application_name + "'"));
}

void terminate_backends(const connection& c, const std::string& application_name) {
  (void)scalar(c,
               "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
               "WHERE application_name = '" +
                   application_name + "' AND pid <> pg_backend_pid()");
}

// Waits (bounded) until `done` holds.
template <typename P>
bool eventually(P done, std::chrono::milliseconds limit = 3000ms) {
  const auto deadline = clock_type::now() + limit;
  while (clock_type::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(10ms);
  }
  return done();
}

auto set_name(const std::string& name) {
  return [name](connection& c) { c.execute("SET application_name = '" + name + "'"); };
}

TEST(pool, lends_and_takes_back_connections) {
  pool p = pool_options{}.max_connections(2).connect(fresh_url());
  EXPECT_EQ(p.size(), 1u);  // connect() checks the URL with one connection
  {
    pooled_connection a = p.acquire();
    EXPECT_EQ(p.num_idle(), 0u);
    pooled_connection b = std::move(a);  // moving does not return it
    EXPECT_EQ(p.num_idle(), 0u);
    EXPECT_EQ(scalar(*b, "SELECT 1"), "1");
    EXPECT_TRUE(b->is_open());
  }
  EXPECT_EQ(p.num_idle(), 1u);
  EXPECT_EQ(p.with_connection([](connection& c) { return scalar(c, "SELECT 40 + 2"); }), "42");
  // Released also when `f` throws.
  EXPECT_THROW(p.with_connection([](connection&) -> int { throw std::runtime_error("boom"); }),
               std::runtime_error);
  EXPECT_EQ(p.num_idle(), 1u);
  EXPECT_EQ(p.size(), 1u);

  pool defaults = pool::connect(fresh_url());
  EXPECT_EQ(defaults.options().get_max_connections(), 10u);
  EXPECT_TRUE(defaults.options().get_test_before_acquire());
}

TEST(pool, bad_options_and_unreachable_servers) {
  EXPECT_THROW((void)pool_options{}.max_connections(0).connect_lazy("postgres://x@127.0.0.1/x"),
               sqlx::configuration_error);
  EXPECT_THROW(
      (void)pool_options{}.max_connections(1).min_connections(2).connect_lazy("postgres://x/x"),
      sqlx::configuration_error);
  // Port 1: nothing listens there.
  const std::string bad = "postgresql://postgres@127.0.0.1:1/postgres";
  EXPECT_THROW((void)pool_options{}.connect(bad), connection_error);
  // A failed open frees its slot: the pool stays usable (and empty).
  pool lazy = pool_options{}.max_connections(1).connect_lazy(bad);
  for (int i = 0; i < 3; ++i) EXPECT_THROW((void)lazy.acquire(), connection_error);
  EXPECT_EQ(lazy.size(), 0u);
}

TEST(pool, never_exceeds_max_connections_under_contention) {
  const std::string url = fresh_url();
  constexpr std::size_t max = 4;
  pool p = pool_options{}.max_connections(max).after_connect(set_name("pool_max")).connect(url);
  connection monitor = connection::connect(url);

  std::atomic<int> in_use{0};
  std::atomic<int> most_in_use{0};
  std::atomic<int> queries{0};
  std::atomic<bool> stop{false};
  int most_on_server = 0;
  std::size_t most_in_pool = 0;
  std::thread watcher([&] {
    while (!stop) {
      most_on_server = std::max(most_on_server, count_backends(monitor, "pool_max"));
      most_in_pool = std::max(most_in_pool, p.size());
      std::this_thread::sleep_for(2ms);
    }
  });
  std::vector<std::thread> threads;
  for (int t = 0; t < 32; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 20; ++i) {
        p.with_connection([&](connection& c) {
          const int now = ++in_use;
          int seen = most_in_use.load();
          while (now > seen && !most_in_use.compare_exchange_weak(seen, now)) {
          }
          c.execute("SELECT pg_sleep(0.001)");
          --in_use;
        });
        ++queries;
      }
    });
  }
  for (auto& t : threads) t.join();
  stop = true;
  watcher.join();
  EXPECT_EQ(queries.load(), 32 * 20);
  EXPECT_LE(most_in_use.load(), static_cast<int>(max));
  EXPECT_GE(most_in_use.load(), 2);  // there was contention to bound
  EXPECT_LE(most_in_pool, max);
  EXPECT_LE(most_on_server, static_cast<int>(max));
  EXPECT_GE(most_on_server, 1);
}

TEST(pool, serves_waiters_first_come_first_served) {
  pool p = pool_options{}.max_connections(1).acquire_timeout(10s).connect(fresh_url());
  auto held = std::make_unique<pooled_connection>(p.acquire());
  std::mutex m;
  std::vector<int> order;
  std::vector<std::thread> threads;
  constexpr int waiters = 8;
  for (int i = 0; i < waiters; ++i) {
    threads.emplace_back([&, i] {
      p.with_connection([&](connection&) {
        const std::lock_guard lock(m);
        order.push_back(i);
      });
    });
    // Each waiter queues before the next one starts.
    std::this_thread::sleep_for(30ms);
  }
  held.reset();
  for (auto& t : threads) t.join();
  std::vector<int> expected(waiters);
  for (int i = 0; i < waiters; ++i) expected[static_cast<std::size_t>(i)] = i;
  EXPECT_EQ(order, expected);
}

TEST(pool, acquire_times_out) {
  pool p = pool_options{}.max_connections(1).acquire_timeout(200ms).connect(fresh_url());
  pooled_connection held = p.acquire();
  const auto start = clock_type::now();
  try {
    (void)p.acquire();
    FAIL() << "acquire did not time out";
  } catch (const sqlx::pool_timeout& e) {
    const auto waited = clock_type::now() - start;
    EXPECT_GE(waited, 200ms);
    EXPECT_LT(waited, 1s);
    const std::string what = e.what();
    EXPECT_NE(what.find("200 ms"), std::string::npos) << what;
    EXPECT_NE(what.find("all 1 connections"), std::string::npos) << what;
  }
  // The timed-out waiter left the queue: the next acquire gets the connection back.
  held.release();
  EXPECT_NO_THROW((void)p.acquire());
}

TEST(pool, after_connect_runs_on_every_new_connection) {
  const std::string url = fresh_url();
  std::atomic<int> calls{0};
  pool p = pool_options{}
               .max_connections(3)
               .after_connect([&](connection& c) {
                 ++calls;
                 c.execute("SET application_name = 'after_connect'; SET search_path = pg_catalog");
               })
               .connect(url);
  std::vector<pooled_connection> held;
  for (int i = 0; i < 3; ++i) held.push_back(p.acquire());
  EXPECT_EQ(calls.load(), 3);
  for (auto& c : held) {
    EXPECT_EQ(scalar(*c, "SHOW application_name"), "after_connect");
    EXPECT_EQ(scalar(*c, "SHOW search_path"), "pg_catalog");
  }
  held.clear();
  (void)p.acquire();  // reused, not new
  EXPECT_EQ(calls.load(), 3);

  // A throwing after_connect drops the connection and frees its slot.
  pool failing = pool_options{}
                     .max_connections(1)
                     .after_connect([](connection&) { throw std::runtime_error("no"); })
                     .connect_lazy(url);
  EXPECT_THROW((void)failing.acquire(), std::runtime_error);
  EXPECT_EQ(failing.size(), 0u);
}

TEST(pool, replaces_broken_connections) {
  const std::string url = fresh_url();
  connection admin = connection::connect(url);
  {
    // With the ping, a dropped connection is never lent.
    pool p = pool_options{}.max_connections(3).after_connect(set_name("broken_ping")).connect(url);
    {
      std::vector<pooled_connection> held;
      for (int i = 0; i < 3; ++i) held.push_back(p.acquire());
    }
    terminate_backends(admin, "broken_ping");
    // Once the backends are gone, their messages are on the sockets (no ping needed: these
    // connections were used within the last second).
    ASSERT_TRUE(eventually([&] { return count_backends(admin, "broken_ping") == 0; }));
    for (int i = 0; i < 10; ++i) {
      EXPECT_NO_THROW(p.with_connection([](connection& c) { c.execute("SELECT 1"); }));
    }
    EXPECT_LE(p.size(), 3u);
  }
  {
    // Without it, each dropped connection fails one query, is closed on return, and replaced.
    pool p = pool_options{}
                 .max_connections(3)
                 .test_before_acquire(false)
                 .after_connect(set_name("broken_noping"))
                 .connect(url);
    {
      std::vector<pooled_connection> held;
      for (int i = 0; i < 3; ++i) held.push_back(p.acquire());
    }
    terminate_backends(admin, "broken_noping");
    ASSERT_TRUE(eventually([&] { return count_backends(admin, "broken_noping") == 0; }));
    int failures = 0;
    for (int i = 0; i < 10; ++i) {
      try {
        p.with_connection([](connection& c) { c.execute("SELECT 1"); });
      } catch (const connection_error&) {
        ++failures;
      }
    }
    EXPECT_LE(failures, 3);
    EXPECT_GE(failures, 1);
    EXPECT_NO_THROW(p.with_connection([](connection& c) { c.execute("SELECT 1"); }));
    EXPECT_LE(p.size(), 3u);
  }
  {
    // before_acquire refusing a connection gets a fresh one.
    std::atomic<int> opened{0};
    pool p = pool_options{}
                 .max_connections(1)
                 .after_connect([&](connection&) { ++opened; })
                 .before_acquire([](connection&) { return false; })
                 .connect(url);
    (void)p.acquire();
    (void)p.acquire();
    EXPECT_EQ(opened.load(), 3);
    EXPECT_EQ(p.size(), 1u);
  }
}

TEST(pool, does_not_return_a_connection_left_in_a_transaction) {
  pool p = pool_options{}.max_connections(1).connect(fresh_url());
  {
    pooled_connection c = p.acquire();
    c->execute("BEGIN; CREATE TABLE leaked (x int)");
  }
  p.with_connection([](connection& c) {
    EXPECT_EQ(PQtransactionStatus(c.native_handle()), PQTRANS_IDLE);
    EXPECT_EQ(scalar(c, "SELECT count(*) FROM pg_class WHERE relname = 'leaked'"), "0");
  });
}

TEST(pool, reaps_idle_connections_down_to_min) {
  const std::string url = fresh_url();
  pool p = pool_options{}.max_connections(4).idle_timeout(200ms).connect(url);
  {
    std::vector<pooled_connection> held;
    for (int i = 0; i < 4; ++i) held.push_back(p.acquire());
  }
  EXPECT_EQ(p.size(), 4u);
  const auto start = clock_type::now();
  EXPECT_TRUE(eventually([&] { return p.size() == 0; }));
  EXPECT_GE(clock_type::now() - start, 150ms);

  pool warm = pool_options{}.max_connections(4).min_connections(2).idle_timeout(200ms).connect(url);
  EXPECT_EQ(warm.size(), 2u);
  {
    std::vector<pooled_connection> held;
    for (int i = 0; i < 4; ++i) held.push_back(warm.acquire());
  }
  EXPECT_TRUE(eventually([&] { return warm.size() == 2; }));
  std::this_thread::sleep_for(400ms);
  EXPECT_EQ(warm.size(), 2u);  // min_connections stay
}

TEST(pool, retires_aged_connections_and_keeps_min_warm) {
  const std::string url = fresh_url();
  pool p = pool_options{}
               .max_connections(2)
               .min_connections(2)
               .max_lifetime(200ms)
               .idle_timeout(std::nullopt)
               .connect(url);
  const std::string first =
      p.with_connection([](connection& c) { return scalar(c, "SELECT pg_backend_pid()"); });
  std::this_thread::sleep_for(400ms);
  // Aged out and reopened in the background.
  EXPECT_TRUE(eventually([&] { return p.size() == 2; }));
  const std::string second =
      p.with_connection([](connection& c) { return scalar(c, "SELECT pg_backend_pid()"); });
  EXPECT_NE(first, second);
  // A lent connection that ages is closed on return.
  {
    pooled_connection c = p.acquire();
    std::this_thread::sleep_for(300ms);
    const std::string pid = scalar(*c, "SELECT pg_backend_pid()");
    c.release();
    p.with_connection(
        [&](connection& again) { EXPECT_NE(scalar(again, "SELECT pg_backend_pid()"), pid); });
  }
}

// Transactions.

class transactions : public ::testing::Test {
 protected:
  void SetUp() override {
    url_ = fresh_url();
    pool_.emplace(pool_options{}.max_connections(2).connect(url_));
    pool_->with_connection([](connection& c) { c.execute("CREATE TABLE t (id int PRIMARY KEY)"); });
  }
  std::string count() {
    return pool_->with_connection(
        [](connection& c) { return scalar(c, "SELECT count(*) FROM t"); });
  }
  std::string ids() {
    return pool_->with_connection([](connection& c) {
      return scalar(c, "SELECT string_agg(id::text, ',' ORDER BY id) FROM t");
    });
  }
  static void insert(sqlx::executor auto& e, int id) {
    e.with_connection(
        [&](connection& c) { c.execute("INSERT INTO t VALUES (" + std::to_string(id) + ")"); });
  }

  std::string url_;
  std::optional<pool> pool_;
};

TEST_F(transactions, roll_back_at_scope_exit_and_on_exceptions) {
  {
    transaction tx = pool_->begin();
    insert(tx, 1);
  }
  EXPECT_EQ(count(), "0");
  try {
    transaction tx = pool_->begin();
    insert(tx, 2);
    throw std::runtime_error("unwinding");
  } catch (const std::runtime_error&) {
  }
  EXPECT_EQ(count(), "0");
  {
    transaction tx = pool_->begin();
    insert(tx, 3);
    tx.rollback();
    EXPECT_FALSE(tx.is_active());
    EXPECT_THROW(insert(tx, 4), sqlx::error);
  }
  EXPECT_EQ(count(), "0");
  EXPECT_EQ(pool_->size(), pool_->num_idle());  // every transaction gave its connection back
}

TEST_F(transactions, commit_persists) {
  {
    transaction tx = pool_->begin();
    insert(tx, 1);
    tx.commit();
    EXPECT_THROW(tx.commit(), sqlx::error);
  }
  // On a plain connection and on a lent one, through the free function.
  connection c = connection::connect(url_);
  {
    transaction tx = sqlx::pg::begin(c);
    insert(tx, 2);
    tx.commit();
  }
  {
    pooled_connection lent = pool_->acquire();
    transaction tx = sqlx::pg::begin(lent);
    insert(tx, 3);
    tx.commit();
  }
  {
    transaction tx = sqlx::pg::begin(*pool_);
    insert(tx, 4);
    tx.commit();
  }
  EXPECT_EQ(ids(), "1,2,3,4");
}

TEST_F(transactions, nested_savepoints) {
  {
    transaction tx = pool_->begin();
    insert(tx, 1);
    {
      transaction inner = tx.begin();
      insert(inner, 2);
      // A failing statement aborts only the savepoint.
      EXPECT_THROW(insert(inner, 1), database_error);
    }  // rolled back to the savepoint
    insert(tx, 3);
    {
      transaction inner = sqlx::pg::begin(tx);
      insert(inner, 4);
      {
        transaction innermost = inner.begin();
        insert(innermost, 5);
        innermost.rollback();
      }
      inner.commit();  // RELEASE: its work joins the outer transaction
    }
    {
      transaction inner = tx.begin();
      insert(inner, 6);
      inner.rollback();
    }
    tx.commit();
  }
  EXPECT_EQ(ids(), "1,3,4");
  {
    transaction tx = pool_->begin();
    transaction inner = tx.begin();
    insert(inner, 7);
    inner.commit();
  }  // the outer rollback undoes the released savepoint too
  EXPECT_EQ(ids(), "1,3,4");
}

TEST_F(transactions, isolation_level_and_read_only) {
  {
    transaction tx = pool_->begin({.isolation = isolation_level::serializable});
    tx.with_connection([](connection& c) {
      EXPECT_EQ(scalar(c, "SHOW transaction_isolation"), "serializable");
      EXPECT_EQ(scalar(c, "SHOW transaction_read_only"), "off");
    });
  }
  {
    transaction tx = pool_->begin({.isolation = isolation_level::repeatable_read});
    tx.with_connection([](connection& c) {
      EXPECT_EQ(scalar(c, "SHOW transaction_isolation"), "repeatable read");
    });
  }
  {
    transaction tx =
        pool_->begin({.isolation = isolation_level::read_committed, .read_only = true});
    tx.with_connection([](connection& c) {
      EXPECT_EQ(scalar(c, "SHOW transaction_isolation"), "read committed");
      EXPECT_EQ(scalar(c, "SHOW transaction_read_only"), "on");
    });
    try {
      insert(tx, 1);
      ADD_FAILURE() << "a write in a read-only transaction succeeded";
    } catch (const database_error& e) {
      EXPECT_EQ(e.sqlstate(), "25006");
    }
  }
  EXPECT_EQ(count(), "0");
}

// Reliability: 64 threads on a pool of 10 while backends are killed and the server restarts.

TEST(pool_reliability, survives_killed_backends_and_a_server_restart) {
  sqlx::core::temp_cluster cluster = sqlx::core::temp_cluster::start();
  const std::string url = cluster.url();
  constexpr std::size_t max = 10;
  constexpr auto acquire_timeout = 2s;
  pool p = pool_options{}
               .max_connections(max)
               .acquire_timeout(acquire_timeout)
               .after_connect(set_name("reliability"))
               .connect(url);

  std::atomic<bool> stop{false};
  std::atomic<int> ok{0};
  std::atomic<int> lost{0};
  std::atomic<int> unexpected{0};
  std::atomic<long long> slowest_ms{0};
  std::atomic<std::size_t> most_in_pool{0};
  std::mutex m;
  std::vector<std::string> surprises;

  std::vector<std::thread> workers;
  for (int t = 0; t < 64; ++t) {
    workers.emplace_back([&] {
      while (!stop) {
        const auto start = clock_type::now();
        try {
          p.with_connection([](connection& c) { c.execute("SELECT pg_sleep(0.002)"); });
          ++ok;
        } catch (const connection_error&) {
          ++lost;
        } catch (const std::exception& e) {
          ++unexpected;
          const std::lock_guard lock(m);
          if (surprises.size() < 5) surprises.emplace_back(e.what());
        }
        const long long ms =
            std::chrono::duration_cast<std::chrono::milliseconds>(clock_type::now() - start)
                .count();
        long long seen = slowest_ms.load();
        while (ms > seen && !slowest_ms.compare_exchange_weak(seen, ms)) {
        }
        std::size_t size = p.size();
        std::size_t most = most_in_pool.load();
        while (size > most && !most_in_pool.compare_exchange_weak(most, size)) {
        }
      }
    });
  }

  // The killer: terminates a random backend of the pool every 20 ms (all of them now and then).
  std::thread killer([&] {
    std::mt19937 random(42);
    std::optional<connection> admin;
    int round = 0;
    while (!stop) {
      std::this_thread::sleep_for(20ms);
      try {
        if (!admin || !admin->is_open()) admin.emplace(connection::connect(url));
        const bool all = ++round % 10 == 0;
        (void)scalar(*admin,
                     "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
                     "application_name = 'reliability' ORDER BY random() LIMIT " +
                         std::string(all ? "100" : "1"));
      } catch (const std::exception&) {
        admin.reset();  // the server is restarting
      }
    }
  });

  const auto started_at = [&] {
    return scalar(connection::connect(url), "SELECT pg_postmaster_start_time()");
  };
  const std::string first_start = started_at();
  std::this_thread::sleep_for(1500ms);
  cluster.restart();
  std::this_thread::sleep_for(1500ms);
  stop = true;
  killer.join();
  for (auto& w : workers) w.join();

  // Serves queries again afterwards.
  for (int i = 0; i < 20; ++i) {
    EXPECT_NO_THROW(p.with_connection([](connection& c) { c.execute("SELECT 1"); }));
  }

  EXPECT_NE(started_at(), first_start);  // it was restarted
  // Quiet again: the server sees no more of the pool's backends than max_connections.
  const connection admin = connection::connect(url);
  ASSERT_TRUE(
      eventually([&] { return count_backends(admin, "reliability") <= static_cast<int>(max); }));

  std::cout << "ok " << ok << ", lost " << lost << ", slowest " << slowest_ms << " ms\n";
  EXPECT_EQ(unexpected.load(), 0) << (surprises.empty() ? "" : surprises.front());
  EXPECT_GT(ok.load(), 100);
  EXPECT_GT(lost.load(), 0);
  EXPECT_LE(most_in_pool.load(), max);
  EXPECT_LE(p.size(), max);
  // No call hung: the longest is bounded by acquire_timeout plus a query and a reconnect.
  EXPECT_LT(slowest_ms.load(),
            std::chrono::duration_cast<std::chrono::milliseconds>(acquire_timeout).count() + 2000);

  p.close();
}

}  // namespace
