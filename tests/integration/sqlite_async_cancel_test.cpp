// Cancelling SQLite async operations through Asio's cancellation slot (a running statement is
// interrupted on the worker, a queued one never runs; the caller gets operation_aborted, the
// connection stays usable), and SQLITE_BUSY with busy_timeout: the wait happens on the worker
// while the event loop goes on.
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/system/system_error.hpp>
#include <memory>

#include "sqlite_async_support.hpp"

namespace {

namespace asio = boost::asio;
using boost::asio::experimental::awaitable_operators::operator||;
using sqlite_async_test::item;
using sqlx::test::run_async;
using namespace std::chrono_literals;

class SqliteAsyncCancel : public ::testing::Test {
 protected:
  sqlx::test::db_dir dir;
  std::string url = sqlx::test::items_database(dir);
};

[[nodiscard]] bool aborted(const std::exception_ptr& e) {
  if (!e) return false;
  try {
    std::rethrow_exception(e);
  } catch (const boost::system::system_error& error) {
    return error.code() == asio::error::operation_aborted;
  } catch (...) {
    return false;
  }
}

asio::awaitable<void> sleep(std::chrono::milliseconds d) {
  asio::steady_timer timer(co_await asio::this_coro::executor, d);
  co_await timer.async_wait(asio::use_awaitable);
}

TEST_F(SqliteAsyncCancel, ARunningStatementIsInterruptedAndTheConnectionStaysUsable) {
  run_async([&](asio::io_context& io) -> asio::awaitable<void> {
    auto conn = co_await sqlx::sqlite::async_connection::open(io.get_executor(), url);
    (void)co_await SQLX_QUERY(INSERT_ITEM, 1, "one").async_execute(conn, asio::use_awaitable);
    // A timer beside a statement that never ends: the timer wins, the statement is cancelled.
    asio::steady_timer timer(io, 50ms);
    const auto first =
        co_await (SQLX_QUERY_SCALAR(FOREVER).async_fetch_one(conn, asio::use_awaitable) ||
                  timer.async_wait(asio::use_awaitable));
    EXPECT_EQ(first.index(), 1U);
    const auto n =
        co_await SQLX_QUERY_SCALAR(COUNT_ITEMS).async_fetch_one(conn, asio::use_awaitable);
    EXPECT_EQ(n, 1);
  });
}

TEST_F(SqliteAsyncCancel, ACallbackGetsOperationAbortedAndAQueuedOperationNeverRuns) {
  asio::io_context io;
  std::optional<sqlx::sqlite::async_connection> conn;
  sqlx::sqlite::async_connection::async_connect(
      io.get_executor(), url, [&](std::exception_ptr e, sqlx::sqlite::async_connection c) {
        ASSERT_FALSE(e);
        conn.emplace(std::move(c));
      });
  io.run();
  io.restart();
  ASSERT_TRUE(conn);

  asio::cancellation_signal running_signal;
  asio::cancellation_signal queued_signal;
  std::exception_ptr running_error;
  std::exception_ptr queued_error;
  bool running_done = false;
  bool queued_done = false;
  SQLX_QUERY_SCALAR(FOREVER).async_fetch_one(
      *conn,
      asio::bind_cancellation_slot(running_signal.slot(), [&](std::exception_ptr e, std::int64_t) {
        running_error = e;
        running_done = true;
      }));
  // Queued behind the statement that never ends.
  SQLX_QUERY(INSERT_ITEM, 7, "never")
      .async_execute(*conn,
                     asio::bind_cancellation_slot(queued_signal.slot(),
                                                  [&](std::exception_ptr e, sqlx::execute_result) {
                                                    queued_error = e;
                                                    queued_done = true;
                                                  }));
  asio::steady_timer timer(io, 50ms);
  timer.async_wait(
      [&](boost::system::error_code) { queued_signal.emit(asio::cancellation_type::terminal); });
  // Runs until the queued one completes: the first still runs.
  while (!queued_done) io.run_one();
  EXPECT_TRUE(aborted(queued_error));
  EXPECT_FALSE(running_done);
  running_signal.emit(asio::cancellation_type::terminal);
  while (!running_done) io.run_one();
  EXPECT_TRUE(aborted(running_error));
  io.restart();

  // Usable, and the queued INSERT never ran.
  std::int64_t n = -1;
  SQLX_QUERY_SCALAR(COUNT_ITEMS).async_fetch_one(*conn, [&](std::exception_ptr e, std::int64_t c) {
    EXPECT_FALSE(e);
    n = c;
  });
  io.run();
  EXPECT_EQ(n, 0);
}

TEST_F(SqliteAsyncCancel, ACancelledQueryOnAPoolGivesItsConnectionBackUsable) {
  run_async([&](asio::io_context& io) -> asio::awaitable<void> {
    auto pool = co_await sqlx::sqlite::async_pool::open(
        io.get_executor(), url, sqlx::sqlite::pool_options{}.max_connections(1));
    for (int round = 0; round < 3; ++round) {
      asio::steady_timer timer(io, 20ms);
      const auto first =
          co_await (SQLX_QUERY_SCALAR(FOREVER).async_fetch_one(pool, asio::use_awaitable) ||
                    timer.async_wait(asio::use_awaitable));
      EXPECT_EQ(first.index(), 1U);
      (void)co_await SQLX_QUERY(INSERT_ITEM, round, "after a cancel")
          .async_execute(pool, asio::use_awaitable);
    }
    EXPECT_EQ(pool.size(), 1U);
    const auto n =
        co_await SQLX_QUERY_SCALAR(COUNT_ITEMS).async_fetch_one(pool, asio::use_awaitable);
    EXPECT_EQ(n, 3);
  });
}

TEST_F(SqliteAsyncCancel, ACancelledReadInsideATransactionLeavesTheTransactionUsable) {
  run_async([&](asio::io_context& io) -> asio::awaitable<void> {
    auto pool = co_await sqlx::sqlite::async_pool::open(
        io.get_executor(), url, sqlx::sqlite::pool_options{}.max_connections(1));
    auto tx = co_await pool.async_begin(asio::use_awaitable);
    (void)co_await SQLX_QUERY(INSERT_ITEM, 1, "in tx").async_execute(tx, asio::use_awaitable);
    asio::steady_timer timer(io, 20ms);
    const auto first =
        co_await (SQLX_QUERY_SCALAR(FOREVER).async_fetch_one(tx, asio::use_awaitable) ||
                  timer.async_wait(asio::use_awaitable));
    EXPECT_EQ(first.index(), 1U);
    co_await tx.async_commit(asio::use_awaitable);
    const auto n =
        co_await SQLX_QUERY_SCALAR(COUNT_ITEMS).async_fetch_one(pool, asio::use_awaitable);
    EXPECT_EQ(n, 1);
  });
}

TEST_F(SqliteAsyncCancel, ClosingAConnectionInterruptsWhatRunsAndFailsWhatIsQueued) {
  asio::io_context io;
  auto conn = std::make_unique<sqlx::sqlite::async_connection>();
  asio::co_spawn(io, sqlx::sqlite::async_connection::open(io.get_executor(), url),
                 [&](std::exception_ptr e, sqlx::sqlite::async_connection c) {
                   ASSERT_FALSE(e);
                   *conn = std::move(c);
                 });
  io.run();
  io.restart();
  std::exception_ptr running_error;
  std::exception_ptr queued_error;
  int done = 0;
  SQLX_QUERY_SCALAR(FOREVER).async_fetch_one(*conn, [&](std::exception_ptr e, std::int64_t) {
    running_error = e;
    ++done;
  });
  SQLX_QUERY(INSERT_ITEM, 1, "never")
      .async_execute(*conn, [&](std::exception_ptr e, sqlx::execute_result) {
        queued_error = e;
        ++done;
      });
  asio::steady_timer timer(io, 30ms);
  timer.async_wait([&](boost::system::error_code) { conn.reset(); });
  io.run();
  EXPECT_EQ(done, 2);
  EXPECT_TRUE(aborted(running_error));
  ASSERT_TRUE(queued_error);
  EXPECT_FALSE(aborted(queued_error));
}

TEST_F(SqliteAsyncCancel, ALockedDatabaseWaitsOnTheWorkerUpToTheBusyTimeout) {
  auto holder = sqlx::sqlite::connection::connect(url);
  holder.execute("BEGIN IMMEDIATE");  // the write lock, held
  run_async([&](asio::io_context& io) -> asio::awaitable<void> {
    auto options = sqlx::sqlite::connect_options::parse(url).busy_timeout(300ms);
    auto conn = co_await sqlx::sqlite::async_connection::open(io.get_executor(), options);
    bool finished = false;
    std::string message;
    bool busy = false;
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
          try {
            (void)co_await SQLX_QUERY(INSERT_ITEM, 1, "blocked")
                .async_execute(conn, asio::use_awaitable);
          } catch (const sqlx::sqlite::database_error& e) {
            busy = e.is_busy();
            message = e.what();
          }
          finished = true;
        },
        asio::detached);
    // The event loop is free while the worker waits for the lock.
    int ticks = 0;
    while (!finished) {
      co_await sleep(1ms);
      ++ticks;
    }
    EXPECT_GE(ticks, 1);
    EXPECT_TRUE(busy);
    EXPECT_NE(message.find("database is locked"), std::string::npos) << message;
    EXPECT_NE(message.find("busy timeout"), std::string::npos) << message;
  });
  holder.execute("ROLLBACK");
}

TEST_F(SqliteAsyncCancel, AWaitForTheLockEndsWhenTheLockIsReleased) {
  auto holder = sqlx::sqlite::connection::connect(url);
  holder.execute("BEGIN IMMEDIATE");
  run_async([&](asio::io_context& io) -> asio::awaitable<void> {
    auto options = sqlx::sqlite::connect_options::parse(url).busy_timeout(30s);
    auto conn = co_await sqlx::sqlite::async_connection::open(io.get_executor(), options);
    bool finished = false;
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
          (void)co_await SQLX_QUERY(INSERT_ITEM, 1, "waited")
              .async_execute(conn, asio::use_awaitable);
          finished = true;
        },
        asio::detached);
    co_await sleep(100ms);
    EXPECT_FALSE(finished);
    holder.execute("COMMIT");  // on the event loop's thread: the worker is the one waiting
    while (!finished) co_await sleep(1ms);
    const auto n =
        co_await SQLX_QUERY_SCALAR(COUNT_ITEMS).async_fetch_one(conn, asio::use_awaitable);
    EXPECT_EQ(n, 1);
  });
}

TEST_F(SqliteAsyncCancel, AWaitForTheLockIsGivenUpWhenCancelled) {
  auto holder = sqlx::sqlite::connection::connect(url);
  holder.execute("BEGIN IMMEDIATE");
  run_async(
      [&](asio::io_context& io) -> asio::awaitable<void> {
        // Without the cancel the insert would wait 60 s, past the test's limit.
        auto options = sqlx::sqlite::connect_options::parse(url).busy_timeout(60s);
        auto conn = co_await sqlx::sqlite::async_connection::open(io.get_executor(), options);
        asio::steady_timer timer(io, 100ms);
        bool aborted_wait = false;
        try {
          const auto first = co_await (
              SQLX_QUERY(INSERT_ITEM, 1, "given up").async_execute(conn, asio::use_awaitable) ||
              timer.async_wait(asio::use_awaitable));
          EXPECT_EQ(first.index(), 1U);
          aborted_wait = first.index() == 1;
        } catch (const std::exception& e) {
          ADD_FAILURE() << e.what();
        }
        EXPECT_TRUE(aborted_wait);
        holder.execute("ROLLBACK");
        (void)co_await SQLX_QUERY(INSERT_ITEM, 2, "after").async_execute(conn, asio::use_awaitable);
        const auto n =
            co_await SQLX_QUERY_SCALAR(COUNT_ITEMS).async_fetch_one(conn, asio::use_awaitable);
        EXPECT_EQ(n, 1);
      },
      std::chrono::seconds(40));
}

}  // namespace
