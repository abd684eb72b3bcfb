// The async API over SQLite (docs/async.md, "SQLite") on real database files: checked queries
// through an async connection, pool and transaction with each kind of completion token, the
// worker thread, a pool of N serving many coroutines on one thread, dropped transactions,
// cancellation, and SQLITE_BUSY with busy_timeout while the event loop goes on.
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/system/system_error.hpp>
#include <thread>
#include <vector>

#include "sqlite_async_support.hpp"

namespace {

namespace asio = boost::asio;
using sqlite_async_test::item;
using sqlx::test::run_async;
using namespace std::chrono_literals;

class SqliteAsync : public ::testing::Test {
 protected:
  sqlx::test::db_dir dir;
  std::string url = sqlx::test::items_database(dir);
};

TEST_F(SqliteAsync, CheckedQueriesRoundTripThroughAConnection) {
  run_async([&](asio::io_context& io) -> asio::awaitable<void> {
    auto conn = co_await sqlx::sqlite::async_connection::async_connect(io.get_executor(), url,
                                                                       asio::use_awaitable);
    const auto inserted = co_await SQLX_QUERY(INSERT_ITEM, 1, std::string("one"))
                              .async_execute(conn, asio::use_awaitable);
    EXPECT_EQ(inserted.rows_affected(), 1U);
    (void)co_await SQLX_QUERY(INSERT_ITEM, 2, "two").async_execute(conn, asio::use_awaitable);

    const std::optional<item> found =
        co_await SQLX_QUERY_AS(item, ITEM_BY_ID, 2).async_fetch_optional(conn, asio::use_awaitable);
    EXPECT_TRUE(found && found->id == 2 && found->name == "two");
    const std::optional<item> missing =
        co_await SQLX_QUERY_AS(item, ITEM_BY_ID, 9).async_fetch_optional(conn, asio::use_awaitable);
    EXPECT_FALSE(missing);
    const item one =
        co_await SQLX_QUERY_AS(item, ITEM_BY_ID, 1).async_fetch_one(conn, asio::use_awaitable);
    EXPECT_EQ(one.name, "one");
    const std::vector<item> all =
        co_await SQLX_QUERY_AS(item, ALL_ITEMS).async_fetch_all(conn, asio::use_awaitable);
    EXPECT_EQ(all.size(), 2U);
    if (all.size() == 2) {
      EXPECT_EQ(all[1].name, "two");
    }
    const std::int64_t n =
        co_await SQLX_QUERY_SCALAR(COUNT_ITEMS).async_fetch_one(conn, asio::use_awaitable);
    EXPECT_EQ(n, 2);

    // The blocking API's errors: no row, a constraint.
    bool no_row = false;
    try {
      (void)co_await SQLX_QUERY_AS(item, ITEM_BY_ID, 9).async_fetch_one(conn, asio::use_awaitable);
    } catch (const sqlx::row_not_found&) {
      no_row = true;
    }
    EXPECT_TRUE(no_row);
    int code = 0;
    try {
      (void)co_await SQLX_QUERY(INSERT_ITEM, 1, "again").async_execute(conn, asio::use_awaitable);
    } catch (const sqlx::sqlite::database_error& e) {
      code = e.extended_code();
    }
    EXPECT_EQ(code, SQLITE_CONSTRAINT_PRIMARYKEY);
    // The connection goes on after an error.
    const auto after =
        co_await SQLX_QUERY_SCALAR(COUNT_ITEMS).async_fetch_one(conn, asio::use_awaitable);
    EXPECT_EQ(after, 2);
  });
}

TEST_F(SqliteAsync, StatementsRunOnTheWorkerAndCompleteOnTheCallersThread) {
  run_async([&](asio::io_context& io) -> asio::awaitable<void> {
    auto conn = co_await sqlx::sqlite::async_connection::open(io.get_executor(), url);
    const auto loop = std::this_thread::get_id();
    std::thread::id worker;
    const sqlx::sqlite::connection_work work = [&](sqlx::sqlite::connection&) {
      worker = std::this_thread::get_id();
    };
    co_await conn.run(work);
    EXPECT_NE(worker, loop);
    EXPECT_EQ(std::this_thread::get_id(), loop);
    (void)co_await SQLX_QUERY(INSERT_ITEM, 1, "one").async_execute(conn, asio::use_awaitable);
    EXPECT_EQ(std::this_thread::get_id(), loop);
  });
}

// Runs handlers until `done` (the pool's timer keeps the io_context from running out of work).
void run_until(asio::io_context& io, const bool& done) {
  while (!done) io.run_one();
}

TEST_F(SqliteAsync, EveryCompletionTokenWorks) {
  asio::io_context io;
  std::optional<sqlx::sqlite::async_pool> pool;
  bool opened = false;
  sqlx::sqlite::async_pool::async_connect(io.get_executor(), url,
                                          sqlx::sqlite::pool_options{}.max_connections(2),
                                          [&](std::exception_ptr e, sqlx::sqlite::async_pool p) {
                                            EXPECT_FALSE(e);
                                            if (!e) pool.emplace(std::move(p));
                                            opened = true;
                                          });
  run_until(io, opened);
  ASSERT_TRUE(pool);

  // A callback: void(std::exception_ptr, T).
  std::uint64_t affected = 0;
  bool inserted = false;
  SQLX_QUERY(INSERT_ITEM, 1, "one")
      .async_execute(*pool, [&](std::exception_ptr e, sqlx::execute_result r) {
        EXPECT_FALSE(e);
        affected = r.rows_affected();
        inserted = true;
      });
  run_until(io, inserted);
  EXPECT_EQ(affected, 1U);

  // use_future: get() rethrows; the io_context runs on another thread meanwhile.
  auto future = SQLX_QUERY_AS(item, ITEM_BY_ID, 1).async_fetch_one(*pool, asio::use_future);
  auto missing = SQLX_QUERY_AS(item, ITEM_BY_ID, 5).async_fetch_one(*pool, asio::use_future);
  auto guard = asio::make_work_guard(io);
  std::thread runner([&] { io.run(); });
  EXPECT_EQ(future.get().name, "one");
  EXPECT_THROW(missing.get(), sqlx::row_not_found);
  io.stop();
  runner.join();
  guard.reset();
  io.restart();

  // deferred: nothing runs until it is invoked with a token.
  auto later = SQLX_QUERY(INSERT_ITEM, 2, "two").async_execute(*pool, asio::deferred);
  std::int64_t before = -1;
  bool counted = false;
  SQLX_QUERY_SCALAR(COUNT_ITEMS).async_fetch_one(*pool, [&](std::exception_ptr, std::int64_t n) {
    before = n;
    counted = true;
  });
  run_until(io, counted);
  EXPECT_EQ(before, 1);
  bool ran = false;
  std::move(later)([&](std::exception_ptr e, sqlx::execute_result) {
    EXPECT_FALSE(e);
    ran = true;
  });
  run_until(io, ran);
  pool->close();
}

TEST_F(SqliteAsync, APoolOfFourServesManyCoroutinesOnOneThread) {
  constexpr int coroutines = 200;
  constexpr std::size_t max = 4;
  run_async([&](asio::io_context& io) -> asio::awaitable<void> {
    auto pool = co_await sqlx::sqlite::pool_options{}
                    .max_connections(max)
                    .busy_timeout(std::chrono::seconds(30))
                    .async_connect(io.get_executor(), url, asio::use_awaitable);
    int done = 0;
    std::size_t most = 0;
    for (int i = 0; i < coroutines; ++i) {
      asio::co_spawn(
          io,
          [&, i]() -> asio::awaitable<void> {
            (void)co_await SQLX_QUERY(INSERT_ITEM, i, "item-" + std::to_string(i))
                .async_execute(pool, asio::use_awaitable);
            most = std::max(most, pool.size());
            const auto back = co_await SQLX_QUERY_AS(item, ITEM_BY_ID, i)
                                  .async_fetch_one(pool, asio::use_awaitable);
            EXPECT_EQ(back.name, "item-" + std::to_string(i));
            most = std::max(most, pool.size());
            ++done;
          },
          asio::detached);
    }
    asio::steady_timer tick(io);
    while (done < coroutines) {
      tick.expires_after(1ms);
      co_await tick.async_wait(asio::use_awaitable);
    }
    EXPECT_LE(most, max);
    const auto n =
        co_await SQLX_QUERY_SCALAR(COUNT_ITEMS).async_fetch_one(pool, asio::use_awaitable);
    EXPECT_EQ(n, coroutines);
  });
}

TEST_F(SqliteAsync, ADroppedTransactionsWritesAreNeverVisible) {
  run_async([&](asio::io_context& io) -> asio::awaitable<void> {
    // One connection: whoever acquires next gets the dropped transaction's connection.
    auto pool = co_await sqlx::sqlite::async_pool::open(
        io.get_executor(), url, sqlx::sqlite::pool_options{}.max_connections(1));
    {
      auto tx = co_await pool.async_begin(asio::use_awaitable);
      (void)co_await SQLX_QUERY(INSERT_ITEM, 1, "dropped").async_execute(tx, asio::use_awaitable);
      // Dropped here, uncommitted.
    }
    const auto n =
        co_await SQLX_QUERY_SCALAR(COUNT_ITEMS).async_fetch_one(pool, asio::use_awaitable);
    EXPECT_EQ(n, 0);
    // Nor from another connection of the file.
    auto other = sqlx::sqlite::connection::connect(url);
    EXPECT_EQ((SQLX_QUERY_SCALAR(COUNT_ITEMS).fetch_one(other)), 0);

    // Committed: visible; a nested transaction rolled back keeps the outer work.
    auto tx = co_await pool.async_begin(asio::use_awaitable);
    (void)co_await SQLX_QUERY(INSERT_ITEM, 2, "kept").async_execute(tx, asio::use_awaitable);
    {
      auto nested = co_await tx.async_begin(asio::use_awaitable);
      (void)co_await SQLX_QUERY(INSERT_ITEM, 3, "undone")
          .async_execute(nested, asio::use_awaitable);
      co_await nested.async_rollback(asio::use_awaitable);
    }
    {
      auto nested = co_await tx.async_begin(asio::use_awaitable);
      (void)co_await SQLX_QUERY(INSERT_ITEM, 4, "dropped nested")
          .async_execute(nested, asio::use_awaitable);
    }
    co_await tx.async_commit(asio::use_awaitable);
    const auto rows =
        co_await SQLX_QUERY_AS(item, ALL_ITEMS).async_fetch_all(pool, asio::use_awaitable);
    EXPECT_EQ(rows.size(), 1U);
    if (rows.size() == 1) {
      EXPECT_EQ(rows[0].name, "kept");
    }
  });
}

TEST_F(SqliteAsync, ADroppedTransactionOnABorrowedConnectionIsRolledBackBeforeTheNextOperation) {
  run_async([&](asio::io_context& io) -> asio::awaitable<void> {
    auto conn = co_await sqlx::sqlite::async_connection::open(io.get_executor(), url);
    {
      auto tx = co_await sqlx::sqlite::async_transaction::begin(conn);
      (void)co_await SQLX_QUERY(INSERT_ITEM, 1, "dropped").async_execute(tx, asio::use_awaitable);
    }
    EXPECT_TRUE(conn.needs_settling() || !conn.in_transaction());
    const auto n =
        co_await SQLX_QUERY_SCALAR(COUNT_ITEMS).async_fetch_one(conn, asio::use_awaitable);
    EXPECT_EQ(n, 0);
    EXPECT_FALSE(conn.in_transaction());
    EXPECT_FALSE(conn.needs_settling());
  });
}

}  // namespace
