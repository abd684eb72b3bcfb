// sqlx::pg::async_pool against a real server: bounds, fairness, timeouts, broken and idle
// connections, hooks, and cancellation at every await point.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>

#include "async_support.hpp"

namespace {

using namespace sqlx::test;
using boost::asio::use_awaitable;
using boost::asio::experimental::awaitable_operators::operator||;
using sqlx::pg::async_connection;
using sqlx::pg::async_pool;
using sqlx::pg::pool_options;
using namespace std::chrono_literals;

asio::awaitable<void> sleep_for(std::chrono::steady_clock::duration d) {
  asio::steady_timer timer(co_await asio::this_coro::executor, d);
  co_await timer.async_wait(use_awaitable);
}

// How many backends run `needle` right now, seen from a session of its own.
int active_queries(const std::string& url, const std::string& needle) {
  auto db = sqlx::pg::connection::connect(url);
  const std::string sql =
      "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '" + needle +
      "%' AND pid <> pg_backend_pid()";
  const sqlx::pg::result r{PQexec(db.native_handle(), sql.c_str())};
  return std::stoi(PQgetvalue(r.native_handle(), 0, 0));
}

[[nodiscard]] bool is_aborted(const std::exception_ptr& e) {
  try {
    std::rethrow_exception(e);
  } catch (const boost::system::system_error& s) {
    return s.code() == asio::error::operation_aborted;
  } catch (...) {
    return false;
  }
}

class async_pool_test : public ::testing::Test {
 protected:
  void SetUp() override { url_ = seeded_database(current_test_name()); }
  std::string url_;
};

// 30 coroutines through 3 connections: never more than 3 open, waiters served in arrival order.
TEST_F(async_pool_test, bounded_and_first_come_first_served) {
  run_async([&](asio::io_context& io) -> asio::awaitable<void> {
    auto pool = co_await pool_options{}.max_connections(3).async_connect(io.get_executor(), url_,
                                                                         use_awaitable);
    std::vector<int> served;
    std::size_t most_open = 0;
    int finished = 0;
    for (int i = 0; i < 30; ++i) {
      asio::co_spawn(
          io,
          [&, i]() -> asio::awaitable<void> {
            auto conn = co_await pool.acquire();
            served.push_back(i);
            most_open = std::max(most_open, pool.size());
            const std::int64_t n =
                co_await SQLX_QUERY_SCALAR("SELECT count(*) AS \"n!\" FROM users")
                    .async_fetch_one(conn, use_awaitable);
            EXPECT_EQ(n, 3);
            co_await sleep_for(1ms);
            ++finished;
          },
          [](std::exception_ptr e) {
            if (e) std::rethrow_exception(e);
          });
    }
    while (finished < 30) co_await sleep_for(1ms);
    EXPECT_LE(most_open, 3u);
    // The first three take the idle connection or open new ones concurrently (any may be
    // served first); those that had to wait are served in the order they came.
    EXPECT_EQ(served.size(), 30u);
    std::vector<int> waiters;
    for (const int i : served) {
      if (i >= 3) waiters.push_back(i);
    }
    std::vector<int> in_order;
    for (int i = 3; i < 30; ++i) in_order.push_back(i);
    EXPECT_EQ(waiters, in_order);
  });
}

// Single checked queries share busy connections, pipelined, instead of queueing: 200 at once
// through 2 connections each get their own row back, and never more than 2 are open.
TEST_F(async_pool_test, single_queries_share_busy_connections) {
  run_async([&](asio::io_context& io) -> asio::awaitable<void> {
    auto pool = co_await pool_options{}.max_connections(2).acquire_timeout(1s).async_connect(
        io.get_executor(), url_, use_awaitable);
    int finished = 0;
    std::size_t most_open = 0;
    for (int i = 0; i < 200; ++i) {
      asio::co_spawn(
          io,
          [&, i]() -> asio::awaitable<void> {
            auto user = co_await SQLX_QUERY(
                            "SELECT id, display_name, email FROM users WHERE discord_user_id = $1",
                            std::string(i % 2 == 0 ? "d1" : "d2"))
                            .async_fetch_one(pool, use_awaitable);
            EXPECT_EQ(user.display_name, i % 2 == 0 ? "Ada" : "Bob");
            most_open = std::max(most_open, pool.size());
            ++finished;
          },
          [](std::exception_ptr e) {
            if (e) std::rethrow_exception(e);
          });
    }
    while (finished < 200) co_await sleep_for(1ms);
    EXPECT_LE(most_open, 2u);
  });
}

TEST_F(async_pool_test, acquire_times_out_when_every_connection_is_busy) {
  run_async([&](asio::io_context& io) -> asio::awaitable<void> {
    auto pool = co_await pool_options{}.max_connections(1).acquire_timeout(200ms).async_connect(
        io.get_executor(), url_, use_awaitable);
    auto held = co_await pool.acquire();
    bool timed_out = false;
    try {
      (void)co_await pool.acquire();
    } catch (const sqlx::pool_timeout&) {
      timed_out = true;
    }
    EXPECT_TRUE(timed_out);
    held.release();
    auto again = co_await pool.acquire();  // the timed-out waiter left the queue
    EXPECT_TRUE(again->is_usable());
  });
}

// A backend terminated while idle is replaced (test_before_acquire sees what it sent).
TEST_F(async_pool_test, a_terminated_connection_is_replaced) {
  run_async([&](asio::io_context& io) -> asio::awaitable<void> {
    auto pool = co_await pool_options{}.max_connections(1).async_connect(io.get_executor(), url_,
                                                                         use_awaitable);
    int pid = 0;
    {
      auto conn = co_await pool.acquire();
      pid = PQbackendPID(conn->native_handle());
    }
    auto admin = sqlx::pg::connection::connect(url_);
    const std::string kill = "SELECT pg_terminate_backend(" + std::to_string(pid) + ")";
    const sqlx::pg::result killed{PQexec(admin.native_handle(), kill.c_str())};
    co_await sleep_for(100ms);
    const std::int64_t n = co_await SQLX_QUERY_SCALAR("SELECT count(*) AS \"n!\" FROM users")
                               .async_fetch_one(pool, use_awaitable);
    EXPECT_EQ(n, 3);
    EXPECT_LE(pool.size(), 1u);
  });
}

TEST_F(async_pool_test, idle_connections_are_closed_on_the_event_loop) {
  run_async([&](asio::io_context& io) -> asio::awaitable<void> {
    auto pool = co_await pool_options{}.max_connections(2).idle_timeout(100ms).async_connect(
        io.get_executor(), url_, use_awaitable);
    EXPECT_EQ(pool.size(), 1u);
    for (int i = 0; i < 50 && pool.size() > 0; ++i) co_await sleep_for(20ms);
    EXPECT_EQ(pool.size(), 0u);
  });
}

TEST_F(async_pool_test, after_connect_is_a_coroutine) {
  run_async([&](asio::io_context& io) -> asio::awaitable<void> {
    sqlx::pg::async_pool_hooks hooks;
    int calls = 0;
    hooks.after_connect = [&](async_connection& c) -> asio::awaitable<void> {
      ++calls;
      (void)co_await c.run("SET application_name = 'async-hook'");
    };
    auto pool = co_await async_pool::open(io.get_executor(), url_, pool_options{}, hooks);
    auto conn = co_await pool.acquire();
    const auto r = co_await conn->run("SHOW application_name");
    EXPECT_EQ(std::string(PQgetvalue(r.native_handle(), 0, 0)), "async-hook");
    EXPECT_EQ(calls, 1);
  });
}

// A query cancelled by a timeout is cancelled on the server too; its connection is discarded.
TEST_F(async_pool_test, a_timeout_cancels_the_query_on_the_server) {
  run_async([&](asio::io_context& io) -> asio::awaitable<void> {
    auto db = co_await async_connection::open(io.get_executor(), url_);
    asio::steady_timer timeout(io, 200ms);
    bool aborted = false;
    try {
      (void)co_await (db.run("SELECT pg_sleep(30)") || timeout.async_wait(use_awaitable));
    } catch (const boost::system::system_error& e) {
      aborted = e.code() == asio::error::operation_aborted;
    }
    // The awaitable operator reports the timer's win, not an exception: either way the query
    // was given up.
    (void)aborted;
    EXPECT_FALSE(db.is_usable());
    int running = 1;
    for (int i = 0; i < 50 && running > 0; ++i) {
      running = active_queries(url_, "SELECT pg_sleep");
      if (running > 0) co_await sleep_for(50ms);
    }
    EXPECT_EQ(running, 0);
  });
}

// The caller of a cancelled operation gets operation_aborted.
TEST_F(async_pool_test, a_cancelled_operation_reports_operation_aborted) {
  run_async([&](asio::io_context& io) -> asio::awaitable<void> {
    auto pool = co_await pool_options{}.max_connections(1).async_connect(io.get_executor(), url_,
                                                                         use_awaitable);
    auto held = co_await pool.acquire();
    asio::cancellation_signal cancel;
    std::exception_ptr outcome;
    bool done = false;
    pool.async_acquire(asio::bind_cancellation_slot(cancel.slot(), [&](std::exception_ptr e, auto) {
      outcome = e;
      done = true;
    }));
    co_await sleep_for(10ms);
    cancel.emit(asio::cancellation_type::terminal);
    while (!done) co_await sleep_for(1ms);
    EXPECT_TRUE(is_aborted(outcome));
    held.release();
    auto again = co_await pool.acquire();  // the cancelled waiter left the queue
    EXPECT_TRUE(again->is_usable());
  });
}

// Cancelled after 0, 50, 100 ... microseconds, a transaction is stopped at each of its await
// points in turn (acquire, BEGIN, the query, COMMIT). Each run completes or reports
// operation_aborted; never more than the pool's connections; the pool serves clean
// connections afterwards; an aborted transaction's write is never visible.
TEST_F(async_pool_test, cancellation_at_every_await_point) {
  run_async(
      [&](asio::io_context& io) -> asio::awaitable<void> {
        auto pool = co_await pool_options{}.max_connections(2).async_connect(io.get_executor(),
                                                                             url_, use_awaitable);
        int completed = 0;
        int aborted = 0;
        for (int step = 0; step < 80; ++step) {
          const std::string email = "step-" + std::to_string(step);
          asio::cancellation_signal cancel;
          std::exception_ptr outcome;
          bool done = false;
          asio::co_spawn(
              io,
              [&]() -> asio::awaitable<void> {
                auto tx = co_await pool.async_begin(use_awaitable);
                (void)co_await SQLX_QUERY("UPDATE users SET email = $1 WHERE discord_user_id = $2",
                                          email, std::string("d3"))
                    .async_execute(tx, use_awaitable);
                co_await tx.async_commit(use_awaitable);
              },
              asio::bind_cancellation_slot(cancel.slot(), [&](std::exception_ptr e) {
                outcome = e;
                done = true;
              }));
          if (step > 0) co_await sleep_for(std::chrono::microseconds(50 * step));
          if (!done) cancel.emit(asio::cancellation_type::terminal);
          while (!done) co_await sleep_for(1ms);
          if (outcome) {
            EXPECT_TRUE(is_aborted(outcome)) << "step " << step;
            ++aborted;
          } else {
            ++completed;
          }
          EXPECT_LE(pool.size(), 2u);
          auto conn = co_await pool.acquire();
          EXPECT_EQ(conn->transaction_status(), PQTRANS_IDLE);
          auto user = co_await SQLX_QUERY(
                          "SELECT id, display_name, email FROM users WHERE discord_user_id = $1",
                          std::string("d3"))
                          .async_fetch_one(conn, use_awaitable);
          // Written only by a transaction that committed (the last one that did).
          if (!outcome) {
            EXPECT_EQ(user.email, email);
          }
        }
        EXPECT_GT(completed, 0);
        EXPECT_GT(aborted, 0);
      },
      std::chrono::seconds(120));
}

}  // namespace
