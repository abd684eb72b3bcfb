// Shared Sync segments (docs/async.md, "Pipelining"): plain reads issued together on one async
// connection run in one Sync segment; a failure in it fails only its own operation, and the
// others (skipped, or rolled back with the segment's implicit transaction) are run again.
#include <gtest/gtest.h>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "async_support.hpp"

namespace {

using namespace sqlx::test;
using boost::asio::use_awaitable;
using sqlx::pg::async_connection;

class async_pipeline : public ::testing::Test {
 protected:
  void SetUp() override { url_ = seeded_database(current_test_name()); }
  std::string url_;
};

// `sql` with text parameters; the first column of the first row, as text (the statements
// below cast it), or the SQLSTATE of the error prefixed with "error ".
asio::awaitable<std::string> first_value(async_connection& db, const std::string& sql,
                                         std::vector<std::string> arguments) {
  std::vector<sqlx::pg::parameter> parameters;
  for (const std::string& a : arguments) {
    parameters.push_back({a.c_str(), static_cast<int>(a.size()), 0});
  }
  try {
    const sqlx::pg::prepared_result r = co_await db.run_prepared(sql, parameters);
    co_return std::string(r.rows.value(0, 0));
  } catch (const sqlx::pg::database_error& e) {
    co_return "error " + std::string(e.sqlstate());
  }
}

// Runs `count` operations at once on `io` (each `operation(i)`), until all are done; their
// results in order.
asio::awaitable<std::vector<std::string>> all_at_once(
    asio::io_context& io, int count,
    const std::function<asio::awaitable<std::string>(int)>& operation) {
  std::vector<std::string> results(static_cast<std::size_t>(count));
  int finished = 0;
  for (int i = 0; i < count; ++i) {
    asio::co_spawn(
        io,
        [&, i]() -> asio::awaitable<void> {
          results[static_cast<std::size_t>(i)] = co_await operation(i);
          ++finished;
        },
        [](std::exception_ptr e) {
          if (e) std::rethrow_exception(e);
        });
  }
  asio::steady_timer tick(io);
  while (finished < count) {
    tick.expires_after(std::chrono::microseconds(200));
    co_await tick.async_wait(use_awaitable);
  }
  co_return results;
}

}  // namespace

// One Sync segment is one implicit transaction: the reads issued together report one
// transaction id; writes (not plain reads) keep a segment each.
TEST_F(async_pipeline, plain_reads_issued_together_share_a_sync_segment) {
  run_async([&](asio::io_context& io) -> asio::awaitable<void> {
    auto db = co_await async_connection::open(io.get_executor(), url_);
    const std::string read = "SELECT pg_current_xact_id()::text";
    const std::string write =
        "UPDATE users SET display_name = display_name WHERE discord_user_id = 'd1' "
        "RETURNING pg_current_xact_id()::text";
    // First uses prepare the statements (a segment of their own).
    (void)co_await first_value(db, read, {});
    (void)co_await first_value(db, write, {});

    // The first goes out at once (nothing else is in flight: a lone caller waits for
    // nobody); the 19 issued while it is in flight share the next segment.
    const auto reads = co_await all_at_once(io, 20, [&](int) { return first_value(db, read, {}); });
    const std::multiset<std::string> transactions(reads.begin(), reads.end());
    EXPECT_EQ(transactions.count(reads.back()), 19u);

    const auto writes =
        co_await all_at_once(io, 5, [&](int) { return first_value(db, write, {}); });
    EXPECT_EQ(std::set<std::string>(writes.begin(), writes.end()).size(), 5u)
        << "writes must not share a transaction";
  });
}

// A read that fails in a shared segment fails alone. The reads before it were rolled back
// with the implicit transaction and those after it skipped: all are run again, so each caller
// gets its own result and each side effect happens exactly once (pg_notify is transactional:
// a notification of a rolled-back read is never delivered).
TEST_F(async_pipeline, a_failure_in_a_shared_segment_fails_only_its_own_operation) {
  auto listener = sqlx::pg::connection::connect(url_);
  listener.execute("LISTEN sqlx_pipeline_test");
  run_async([&](asio::io_context& io) -> asio::awaitable<void> {
    auto db = co_await async_connection::open(io.get_executor(), url_);
    const std::string notify = "SELECT pg_notify('sqlx_pipeline_test', $1)::text || $1";
    const std::string divide = "SELECT (10 / $1::int)::text";
    // (Arguments built before the co_await: GCC 12 rejects a string literal in its operand.)
    std::vector<std::string> warm_up{"warm-up"};
    std::vector<std::string> five{"5"};
    (void)co_await first_value(db, notify, std::move(warm_up));
    (void)co_await first_value(db, divide, std::move(five));

    constexpr int count = 21;
    const auto results = co_await all_at_once(io, count, [&](int i) {
      return i == count / 2 ? first_value(db, divide, {"0"})
                            : first_value(db, notify, {std::to_string(i)});
    });
    for (int i = 0; i < count; ++i) {
      EXPECT_EQ(results[static_cast<std::size_t>(i)],
                i == count / 2 ? "error 22012" : std::to_string(i));
    }
  });
  // Every notifying read committed once: 20 notifications, each payload once. (All were
  // delivered before their commands' results came back; LISTEN's connection reads them.)
  listener.execute("SELECT 1");
  std::multiset<std::string> payloads;
  ASSERT_EQ(PQconsumeInput(listener.native_handle()), 1);
  while (PGnotify* n = PQnotifies(listener.native_handle())) {
    payloads.insert(n->extra);
    PQfreemem(n);
  }
  EXPECT_EQ(payloads.count("warm-up"), 1u);
  for (int i = 0; i < 21; ++i) {
    if (i == 10) continue;
    EXPECT_EQ(payloads.count(std::to_string(i)), 1u) << "payload " << i;
  }
  EXPECT_EQ(payloads.size(), 21u);
}

// An operation of a shared segment cancelled while it waits gives up alone: the others get
// their results and the connection stays usable (its result is read and dropped).
TEST_F(async_pipeline, one_cancelled_operation_leaves_its_segment_to_the_others) {
  run_async([&](asio::io_context& io) -> asio::awaitable<void> {
    auto db = co_await async_connection::open(io.get_executor(), url_);
    // The segment's last member sleeps, so the segment's results cannot have arrived when the
    // cancellation is emitted, however slow this process runs (ASan) against the server.
    const std::string echo = "SELECT $1::text, pg_sleep(CASE WHEN $1 = '10' THEN 0.3 ELSE 0 END)";
    std::vector<std::string> warm_up{"warm-up"};
    (void)co_await first_value(db, echo, std::move(warm_up));

    // The first operation goes out alone; the cancelled one and nine others share the next
    // segment.
    int finished = 0;
    std::vector<std::string> results(11);
    asio::cancellation_signal signal;
    bool aborted = false;
    const auto spawn = [&](int i, auto&& completion) {
      asio::co_spawn(
          io,
          [&, i]() -> asio::awaitable<void> {
            std::vector<std::string> arguments{std::to_string(i)};
            try {
              results[static_cast<std::size_t>(i)] =
                  co_await first_value(db, echo, std::move(arguments));
            } catch (const boost::system::system_error& e) {
              aborted = e.code() == asio::error::operation_aborted;
            }
            ++finished;
          },
          std::forward<decltype(completion)>(completion));
    };
    const auto rethrow = [](std::exception_ptr e) {
      if (e) std::rethrow_exception(e);
    };
    spawn(0, rethrow);
    spawn(1, asio::bind_cancellation_slot(signal.slot(), rethrow));
    for (int i = 2; i < 11; ++i) spawn(i, rethrow);
    // Cancelled once every command is sent and its operation waits for the results.
    while (db.in_flight() < 11) co_await asio::post(io, use_awaitable);
    co_await asio::post(io, use_awaitable);
    signal.emit(asio::cancellation_type::terminal);
    while (finished < 11) co_await asio::post(io, use_awaitable);

    EXPECT_TRUE(aborted);
    for (int i = 0; i < 11; ++i) {
      if (i != 1) {
        EXPECT_EQ(results[static_cast<std::size_t>(i)], std::to_string(i));
      }
    }
    std::vector<std::string> after{"after"};
    EXPECT_EQ(co_await first_value(db, echo, std::move(after)), "after");
    EXPECT_TRUE(db.is_usable());
    EXPECT_EQ(db.in_flight(), 0u);
  });
}

// An operation cancelled while its command is half sent leaves the connection unusable (the
// server waits for the rest of the message): the operations queued behind it fail at once
// with connection_error rather than waiting for results that never come.
TEST_F(async_pipeline, a_command_cancelled_half_sent_fails_the_operations_behind_it) {
  run_async(
      [&](asio::io_context& io) -> asio::awaitable<void> {
        auto db = co_await async_connection::open(io.get_executor(), url_);
        const std::string length = "SELECT length($1)::text";
        const std::string echo = "SELECT $1::text";
        const std::string sleep = "SELECT pg_sleep($1::float8)::text";
        std::vector<std::string> small{"0"};
        (void)co_await first_value(db, length, small);
        (void)co_await first_value(db, echo, small);
        (void)co_await first_value(db, sleep, small);

        // The server sleeps a second before it reads the next command: 64 MiB of it fill the
        // socket's buffers, and the cancellation comes while the rest waits to go out.
        std::string slept;
        asio::co_spawn(
            io,
            [&]() -> asio::awaitable<void> {
              std::vector<std::string> second{"1"};
              try {
                slept = co_await first_value(db, sleep, std::move(second));
              } catch (const sqlx::pg::connection_error&) {
                slept = "connection_error";
              }
            },
            asio::detached);
        asio::cancellation_signal signal;
        bool big_aborted = false;
        bool big_done = false;
        asio::co_spawn(
            io,
            [&]() -> asio::awaitable<void> {
              std::vector<std::string> big{std::string(64u << 20, 'x')};
              try {
                (void)co_await first_value(db, length, std::move(big));
              } catch (const boost::system::system_error& e) {
                big_aborted = e.code() == asio::error::operation_aborted;
              }
              big_done = true;
            },
            asio::bind_cancellation_slot(signal.slot(), asio::detached));
        std::string behind;
        bool behind_done = false;
        asio::co_spawn(
            io,
            [&]() -> asio::awaitable<void> {
              std::vector<std::string> arguments{"behind"};
              try {
                behind = co_await first_value(db, echo, std::move(arguments));
              } catch (const sqlx::pg::connection_error& e) {
                behind = "connection_error";
              }
              behind_done = true;
            },
            asio::detached);
        for (int pass = 0; pass < 3; ++pass) co_await asio::post(io, use_awaitable);
        signal.emit(asio::cancellation_type::terminal);
        while (!big_done || !behind_done) co_await asio::post(io, use_awaitable);
        EXPECT_TRUE(big_aborted);
        EXPECT_EQ(behind, "connection_error");
        EXPECT_EQ(slept, "connection_error");
        EXPECT_FALSE(db.is_usable());
      },
      std::chrono::seconds(20));
}
