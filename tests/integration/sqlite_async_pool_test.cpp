// The SQLite async pool's options (sqlite::pool_options, docs/async.md "SQLite"):
// acquire_timeout, after_connect and before_acquire on the worker, test_before_acquire and a
// BEGIN left open by hand, idle_timeout and max_lifetime on the event loop's timer.
#include <atomic>
#include <boost/asio/steady_timer.hpp>
#include <thread>

#include "sqlite_async_support.hpp"

namespace {

namespace asio = boost::asio;
using sqlx::test::run_async;
using namespace std::chrono_literals;

class SqliteAsyncPool : public ::testing::Test {
 protected:
  sqlx::test::db_dir dir;
  std::string url = sqlx::test::items_database(dir);
};

asio::awaitable<void> sleep(std::chrono::milliseconds d) {
  asio::steady_timer timer(co_await asio::this_coro::executor, d);
  co_await timer.async_wait(asio::use_awaitable);
}

TEST_F(SqliteAsyncPool, AnAcquireWaitsAtMostAcquireTimeout) {
  run_async([&](asio::io_context& io) -> asio::awaitable<void> {
    auto pool = co_await sqlx::sqlite::async_pool::open(
        io.get_executor(), url,
        sqlx::sqlite::pool_options{}.max_connections(1).acquire_timeout(100ms));
    auto held = co_await pool.acquire();
    std::string message;
    try {
      (void)co_await pool.acquire();
    } catch (const sqlx::pool_timeout& e) {
      message = e.what();
    }
    EXPECT_NE(message.find("timed out"), std::string::npos) << message;
    EXPECT_EQ(pool.size(), 1U);
    held.release();
    // The slot is free again.
    auto again = co_await pool.acquire();
    EXPECT_TRUE(again->is_usable());
  });
}

TEST_F(SqliteAsyncPool, HooksRunOnTheWorkerWithTheConnection) {
  std::atomic<int> connected{0};
  std::atomic<int> checked{0};
  std::thread::id hook_thread;
  auto options = sqlx::sqlite::pool_options{}
                     .max_connections(1)
                     .after_connect([&](sqlx::sqlite::connection& c) {
                       hook_thread = std::this_thread::get_id();
                       c.execute("CREATE TEMP TABLE hooked (x INTEGER)");
                       ++connected;
                     })
                     .before_acquire([&](sqlx::sqlite::connection&) {
                       // Refuses the first idle connection it sees: the pool opens another.
                       return ++checked > 1;
                     });
  run_async([&](asio::io_context& io) -> asio::awaitable<void> {
    auto pool = co_await sqlx::sqlite::async_pool::open(io.get_executor(), url, options);
    EXPECT_EQ(connected.load(), 1);
    EXPECT_NE(hook_thread, std::this_thread::get_id());
    auto conn = co_await pool.acquire();  // the idle one, refused: a new one
    EXPECT_EQ(checked.load(), 1);
    EXPECT_EQ(connected.load(), 2);
    bool has_temp_table = false;
    const sqlx::sqlite::connection_work work = [&](sqlx::sqlite::connection& c) {
      c.execute("INSERT INTO hooked VALUES (1)");  // after_connect's table, on this connection
      has_temp_table = true;
    };
    co_await conn.run(work);
    EXPECT_TRUE(has_temp_table);
    EXPECT_LE(pool.size(), 1U);
  });
}

TEST_F(SqliteAsyncPool, ABeginLeftOpenByHandIsRolledBackBeforeReuse) {
  run_async([&](asio::io_context& io) -> asio::awaitable<void> {
    auto pool = co_await sqlx::sqlite::async_pool::open(
        io.get_executor(), url, sqlx::sqlite::pool_options{}.max_connections(1));
    {
      auto conn = co_await pool.acquire();
      co_await conn->async_execute("BEGIN; INSERT INTO items VALUES (1, 'left open')",
                                   asio::use_awaitable);
      EXPECT_TRUE(conn->in_transaction());
    }
    auto conn = co_await pool.acquire();
    EXPECT_FALSE(conn->in_transaction());
    const auto n =
        co_await SQLX_QUERY_SCALAR(COUNT_ITEMS).async_fetch_one(conn, asio::use_awaitable);
    EXPECT_EQ(n, 0);
  });
}

TEST_F(SqliteAsyncPool, IdleAndAgedConnectionsAreClosed) {
  run_async([&](asio::io_context& io) -> asio::awaitable<void> {
    auto idle_pool = co_await sqlx::sqlite::async_pool::open(
        io.get_executor(), url, sqlx::sqlite::pool_options{}.idle_timeout(100ms));
    EXPECT_EQ(idle_pool.size(), 1U);
    while (idle_pool.size() > 0) co_await sleep(10ms);  // the timer closes it
    EXPECT_EQ(idle_pool.idle(), 0U);

    auto aged_pool = co_await sqlx::sqlite::async_pool::open(
        io.get_executor(), url,
        sqlx::sqlite::pool_options{}.max_lifetime(100ms).idle_timeout(std::nullopt));
    {
      auto conn = co_await aged_pool.acquire();
      co_await sleep(150ms);
    }  // back past its lifetime: closed
    EXPECT_EQ(aged_pool.size(), 0U);
    // min_connections are kept open by the timer.
    auto kept = co_await sqlx::sqlite::async_pool::open(
        io.get_executor(), url,
        sqlx::sqlite::pool_options{}.min_connections(2).max_connections(3).idle_timeout(50ms));
    co_await sleep(200ms);
    EXPECT_EQ(kept.size(), 2U);
  });
}

}  // namespace

namespace {

using sqlite_async_test::item;

TEST_F(SqliteAsyncPool, AStreamReadsRowsOneAtATimeAndGivesItsConnectionBack) {
  run_async([&](asio::io_context& io) -> asio::awaitable<void> {
    auto pool = co_await sqlx::sqlite::async_pool::open(
        io.get_executor(), url, sqlx::sqlite::pool_options{}.max_connections(1));
    for (int i = 1; i <= 5; ++i) {
      (void)co_await SQLX_QUERY(INSERT_ITEM, i, "item-" + std::to_string(i))
          .async_execute(pool, asio::use_awaitable);
    }
    std::vector<std::string> names;
    {
      auto rows = co_await SQLX_QUERY_AS(item, ALL_ITEMS).async_fetch(pool, asio::use_awaitable);
      EXPECT_EQ(pool.idle(), 0U);  // the stream holds the only connection
      for (;;) {
        auto row = co_await rows.async_next(asio::use_awaitable);
        if (!row) break;
        names.push_back(row->name);
      }
      const auto after_end = co_await rows.async_next(asio::use_awaitable);
      EXPECT_FALSE(after_end);
    }
    EXPECT_EQ(names, (std::vector<std::string>{"item-1", "item-2", "item-3", "item-4", "item-5"}));

    // Dropped after one row: its statement is reset on the worker before the connection
    // serves the next acquirer, who can write and commit.
    {
      auto rows = co_await SQLX_QUERY_AS(item, ALL_ITEMS).async_fetch(pool, asio::use_awaitable);
      const auto first = co_await rows.async_next(asio::use_awaitable);
      EXPECT_TRUE(first && first->id == 1);
    }
    auto tx = co_await pool.async_begin(asio::use_awaitable);
    (void)co_await SQLX_QUERY(INSERT_ITEM, 6, "after the stream")
        .async_execute(tx, asio::use_awaitable);
    co_await tx.async_commit(asio::use_awaitable);
    const auto n =
        co_await SQLX_QUERY_SCALAR(COUNT_ITEMS).async_fetch_one(pool, asio::use_awaitable);
    EXPECT_EQ(n, 6);
  });
}

TEST_F(SqliteAsyncPool, AStreamOnAConnectionMayOutliveTheConnectionObject) {
  run_async([&](asio::io_context& io) -> asio::awaitable<void> {
    auto conn = std::make_unique<sqlx::sqlite::async_connection>(
        co_await sqlx::sqlite::async_connection::open(io.get_executor(), url));
    (void)co_await SQLX_QUERY(INSERT_ITEM, 1, "one").async_execute(*conn, asio::use_awaitable);
    (void)co_await SQLX_QUERY(INSERT_ITEM, 2, "two").async_execute(*conn, asio::use_awaitable);
    auto rows = co_await SQLX_QUERY_AS(item, ALL_ITEMS).async_fetch(*conn, asio::use_awaitable);
    const auto first = co_await rows.async_next(asio::use_awaitable);
    EXPECT_TRUE(first && first->name == "one");
    conn.reset();  // the worker ends; the statement is released when the stream goes
    bool failed = false;
    try {
      (void)co_await rows.async_next(asio::use_awaitable);
    } catch (const sqlx::error&) {
      failed = true;
    }
    EXPECT_TRUE(failed);
  });
}

}  // namespace
