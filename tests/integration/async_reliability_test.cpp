// 500 coroutines doing checked queries through an async pool of 10 while another thread
// terminates backends (pg_terminate_backend) and restarts the server once: every operation
// completes or fails with a connection error, none outlives acquire_timeout by more than the
// query itself, never more than 10 connections, and the service resumes.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <thread>

#include "async_support.hpp"

namespace {

using namespace sqlx::test;
using namespace std::chrono_literals;
using boost::asio::use_awaitable;
using clock_type = std::chrono::steady_clock;

// What an operation may end with while backends die: anything saying the connection went away.
enum class outcome { ok, connection_lost, other };

outcome classify(const std::exception_ptr& e) {
  if (!e) return outcome::ok;
  try {
    std::rethrow_exception(e);
  } catch (const sqlx::pg::connection_error&) {
    return outcome::connection_lost;
  } catch (const sqlx::pool_timeout&) {
    return outcome::connection_lost;  // no connection could be had in time (server restarting)
  } catch (const sqlx::pg::database_error& error) {
    // 57P01 admin shutdown / terminated, 57P02 crash shutdown, 57P03 cannot connect now: the
    // server's own words for the same thing, when they arrive before the end of the stream.
    if (error.sqlstate().starts_with("57P")) return outcome::connection_lost;
    ADD_FAILURE() << error.what();
    return outcome::other;
  } catch (const std::exception& error) {
    ADD_FAILURE() << error.what();
    return outcome::other;
  }
}

TEST(async_reliability, backends_killed_and_a_restart) {
  const std::string url = seeded_database(current_test_name());
  constexpr auto acquire_timeout = 3s;
  constexpr int coroutines = 500;
  constexpr auto load = 3s;  // each coroutine works this long, through the kills and the restart
  std::atomic<bool> chaos{true};
  std::atomic<bool> restarted{false};
  std::atomic<int> killed{0};

  // The killer: terminates a few of the database's backends every 50 ms, and restarts the
  // server once, half a second in.
  std::thread killer([&] {
    const auto start = clock_type::now();
    while (chaos) {
      std::this_thread::sleep_for(50ms);
      if (!restarted && clock_type::now() - start > 1s) {
        cluster().restart();
        restarted = true;
        continue;
      }
      try {
        auto admin = sqlx::pg::connection::connect(url);
        const sqlx::pg::result r{
            PQexec(admin.native_handle(),
                   "SELECT count(pg_terminate_backend(pid)) FROM (SELECT pid FROM pg_stat_activity "
                   "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                   "ORDER BY random() LIMIT 3) victims")};
        if (PQresultStatus(r.native_handle()) == PGRES_TUPLES_OK) {
          killed += std::atoi(PQgetvalue(r.native_handle(), 0, 0));
        }
      } catch (const sqlx::error&) {
        // The server is restarting.
      }
    }
  });

  int ok = 0;
  int lost = 0;
  int other = 0;
  clock_type::duration longest{};
  std::size_t most_open = 0;
  run_async(
      [&](asio::io_context& io) -> asio::awaitable<void> {
        auto pool = co_await sqlx::pg::pool_options{}
                        .max_connections(10)
                        .acquire_timeout(acquire_timeout)
                        .async_connect(io.get_executor(), url, use_awaitable);
        int finished = 0;
        const auto end = clock_type::now() + load;
        for (int c = 0; c < coroutines; ++c) {
          asio::co_spawn(
              io,
              [&, c]() -> asio::awaitable<void> {
                for (int i = 0; clock_type::now() < end; ++i) {
                  const auto start = clock_type::now();
                  std::exception_ptr failure;
                  try {
                    if ((c + i) % 2 == 0) {
                      const std::int64_t n =
                          co_await SQLX_QUERY_SCALAR("SELECT count(*) AS \"n!\" FROM users")
                              .async_fetch_one(pool, use_awaitable);
                      EXPECT_EQ(n, 3);
                    } else {
                      auto user = co_await SQLX_QUERY(
                                      "SELECT id, display_name, email FROM users WHERE "
                                      "discord_user_id = $1",
                                      std::string("d1"))
                                      .async_fetch_one(pool, use_awaitable);
                      EXPECT_EQ(user.display_name, "Ada");
                    }
                  } catch (...) {
                    failure = std::current_exception();
                  }
                  longest = std::max(longest, clock_type::now() - start);
                  most_open = std::max(most_open, pool.size());
                  switch (classify(failure)) {
                    case outcome::ok:
                      ++ok;
                      break;
                    case outcome::connection_lost:
                      ++lost;
                      break;
                    case outcome::other:
                      ++other;
                      break;
                  }
                  asio::steady_timer pause(io, 2ms);
                  co_await pause.async_wait(use_awaitable);
                }
                ++finished;
              },
              asio::detached);
        }
        asio::steady_timer tick(io);
        while (finished < coroutines) {
          tick.expires_after(5ms);
          co_await tick.async_wait(use_awaitable);
          most_open = std::max(most_open, pool.size());
        }
        chaos = false;
        // The service resumes once the chaos ends.
        bool resumed = false;
        for (int attempt = 0; attempt < 50 && !resumed; ++attempt) {
          try {
            const std::int64_t n =
                co_await SQLX_QUERY_SCALAR("SELECT count(*) AS \"n!\" FROM users")
                    .async_fetch_one(pool, use_awaitable);
            resumed = n == 3;
          } catch (const sqlx::error&) {
            resumed = false;
          }
          if (!resumed) {
            tick.expires_after(100ms);
            co_await tick.async_wait(use_awaitable);
          }
        }
        EXPECT_TRUE(resumed);
      },
      std::chrono::seconds(240));
  chaos = false;
  killer.join();

  EXPECT_TRUE(restarted);
  EXPECT_GT(killed.load(), 0);
  EXPECT_EQ(other, 0);
  EXPECT_GT(ok, 0);
  EXPECT_LE(most_open, 10u);
  // A bound, not a speed: an acquire gives up at acquire_timeout; the query after it on a
  // loopback server is short.
  EXPECT_LT(longest, acquire_timeout + 2s);
  std::printf("ok %d, connection lost %d, backends killed %d, longest operation %lld ms\n", ok,
              lost, killed.load(),
              static_cast<long long>(
                  std::chrono::duration_cast<std::chrono::milliseconds>(longest).count()));
}

}  // namespace
