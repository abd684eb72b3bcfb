// The checked queries' async_ calls on an async connection, pool and transaction, with every
// kind of completion token, against a real server.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/asio/deferred.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>

#include "async_support.hpp"

namespace app {
enum class notification_level { all, mentions, none };
SQLX_PG_ENUM(notification_level, "notification_level", all, mentions, none)
}  // namespace app

namespace {

using namespace sqlx::test;
using boost::asio::use_awaitable;
using sqlx::pg::async_connection;
using sqlx::pg::async_pool;

class async_query : public ::testing::Test {
 protected:
  void SetUp() override { url_ = seeded_database(current_test_name()); }
  std::string url_;
};

TEST_F(async_query, terminal_calls_on_a_connection) {
  run_async([&](asio::io_context& io) -> asio::awaitable<void> {
    auto db = co_await async_connection::open(io.get_executor(), url_);
    auto user =
        co_await SQLX_QUERY("SELECT id, display_name, email FROM users WHERE discord_user_id = $1",
                            std::string("d1"))
            .async_fetch_one(db, use_awaitable);
    static_assert(std::is_same_v<decltype(user.id), std::int64_t>);
    EXPECT_EQ(user.display_name, "Ada");
    EXPECT_EQ(user.email, "ada@example.com");

    const std::string missing = "nobody";
    auto none = co_await SQLX_QUERY(
                    "SELECT id, display_name, email FROM users WHERE discord_user_id = $1", missing)
                    .async_fetch_optional(db, use_awaitable);
    EXPECT_FALSE(none);
    bool thrown = false;
    try {
      (void)co_await SQLX_QUERY(
          "SELECT id, display_name, email FROM users WHERE discord_user_id = $1", missing)
          .async_fetch_one(db, use_awaitable);
    } catch (const sqlx::row_not_found&) {
      thrown = true;
    }
    EXPECT_TRUE(thrown);

    const std::vector<std::string> ids{"d1", "d2", "zz"};
    auto all = co_await SQLX_QUERY_AS(credential,
                                      "SELECT discord_user_id, anilist_id, anilist_username "
                                      "FROM oauth_credentials WHERE discord_user_id = ANY($1) "
                                      "ORDER BY anilist_id",
                                      ids)
                   .async_fetch_all(db, use_awaitable);
    EXPECT_EQ(all.size(), 2u);
    if (all.size() == 2) {
      EXPECT_EQ(all[1].discord_user_id, "d2");
    }

    const std::int64_t n = co_await SQLX_QUERY_SCALAR("SELECT count(*) AS \"n!\" FROM users")
                               .async_fetch_one(db, use_awaitable);
    EXPECT_EQ(n, 3);

    const auto gone = co_await SQLX_QUERY("DELETE FROM oauth_sessions WHERE discord_user_id = $1",
                                          std::string("d1"))
                          .async_execute(db, use_awaitable);
    EXPECT_EQ(gone.rows_affected(), 2u);
  });
}

// A user type's OID is looked up on the connection before the first result's shape check.
TEST_F(async_query, user_types_and_the_first_use_check) {
  run_async([&](asio::io_context& io) -> asio::awaitable<void> {
    auto db = co_await async_connection::open(io.get_executor(), url_);
    for (int round = 0; round < 2; ++round) {  // first use, then from the statement cache
      auto level = co_await SQLX_QUERY_SCALAR(
                       "SELECT notifications AS \"notifications: app::notification_level\" "
                       "FROM guild_settings WHERE guild_id = $1",
                       std::string("g1"))
                       .async_fetch_one(db, use_awaitable);
      EXPECT_EQ(level, app::notification_level::all);
    }
  });
}

TEST_F(async_query, streams_rows_one_at_a_time) {
  run_async([&](asio::io_context& io) -> asio::awaitable<void> {
    auto pool = co_await sqlx::pg::pool_options{}.max_connections(1).async_connect(
        io.get_executor(), url_, use_awaitable);
    for (int round = 0; round < 2; ++round) {  // the statement's first use, then cached
      std::vector<std::string> names;
      auto rows = co_await SQLX_QUERY("SELECT id, display_name, email FROM users ORDER BY id")
                      .async_fetch(pool, use_awaitable);
      // (Not `while (auto row = co_await ...)`: GCC 12 miscompiles a co_await in a condition.)
      for (;;) {
        auto row = co_await rows.async_next(use_awaitable);
        if (!row) break;
        names.push_back(row->display_name);
      }
      EXPECT_EQ(names, (std::vector<std::string>{"Ada", "Bob", "Cy"}));
    }
    {
      // Dropped after one row: the rest is dropped before the connection serves anyone else.
      auto rows = co_await SQLX_QUERY("SELECT id, display_name, email FROM users ORDER BY id")
                      .async_fetch(pool, use_awaitable);
      auto first = co_await rows.async_next(use_awaitable);
      EXPECT_TRUE(first);
    }
    const std::int64_t n = co_await SQLX_QUERY_SCALAR("SELECT count(*) AS \"n!\" FROM users")
                               .async_fetch_one(pool, use_awaitable);
    EXPECT_EQ(n, 3);
    // A user type's column, on a fresh connection: its OID is learnt before the stream starts.
    auto db = co_await async_connection::open(io.get_executor(), url_);
    std::vector<app::notification_level> levels;
    auto guilds =
        co_await SQLX_QUERY(
            "SELECT guild_id, notifications AS \"notifications: app::notification_level\" "
            "FROM guild_settings")
            .async_fetch(db, use_awaitable);
    for (;;) {
      auto row = co_await guilds.async_next(use_awaitable);
      if (!row) break;
      levels.push_back(row->notifications);
    }
    EXPECT_EQ(levels, std::vector{app::notification_level::all});
  });
}

// The same call completes through a callback, a future and deferred.
TEST_F(async_query, completion_tokens) {
  asio::io_context io;
  std::optional<async_pool> pool;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        pool.emplace(co_await sqlx::pg::pool_options{}.max_connections(2).async_connect(
            io.get_executor(), url_, use_awaitable));
      },
      asio::detached);
  // The pool's timer keeps the loop busy: run until each step is done (bounded).
  const auto run_until = [&](const std::function<bool()>& done) {
    const auto limit = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!done() && std::chrono::steady_clock::now() < limit) {
      io.run_one_for(std::chrono::milliseconds(100));
    }
  };
  run_until([&] { return pool.has_value(); });
  ASSERT_TRUE(pool);

  // A callback: void(std::exception_ptr, T).
  std::int64_t from_callback = 0;
  SQLX_QUERY_SCALAR("SELECT count(*) AS \"n!\" FROM users")
      .async_fetch_one(*pool, [&](std::exception_ptr e, std::int64_t n) {
        EXPECT_FALSE(e);
        from_callback = n;
      });
  // deferred: nothing runs until the deferred operation is launched with a token.
  auto later =
      SQLX_QUERY("DELETE FROM oauth_sessions WHERE discord_user_id = $1", std::string("d2"))
          .async_execute(*pool, asio::deferred);
  std::uint64_t deleted = 99;
  std::move(later)([&](std::exception_ptr e, sqlx::execute_result r) {
    EXPECT_FALSE(e);
    deleted = r.rows_affected();
  });
  // A future, whose get() rethrows the operation's exception.
  std::future<std::optional<credential>> found =
      SQLX_QUERY_AS(credential,
                    "SELECT discord_user_id, anilist_id, anilist_username "
                    "FROM oauth_credentials WHERE discord_user_id = $1",
                    std::string_view("d2"))
          .async_fetch_optional(*pool, asio::use_future);
  run_until([&] {
    return from_callback != 0 && deleted != 99 &&
           found.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
  });
  EXPECT_EQ(from_callback, 3);
  EXPECT_EQ(deleted, 1u);
  ASSERT_EQ(found.wait_for(std::chrono::seconds(0)), std::future_status::ready);
  const auto c = found.get();
  ASSERT_TRUE(c);
  EXPECT_EQ(c->anilist_id, 102);
  EXPECT_FALSE(c->anilist_username);
  pool.reset();
}

TEST_F(async_query, server_errors_carry_their_sqlstate) {
  run_async([&](asio::io_context& io) -> asio::awaitable<void> {
    auto db = co_await async_connection::open(io.get_executor(), url_);
    try {
      (void)co_await db.async_execute("SELECT no_such_column FROM users", use_awaitable);
      ADD_FAILURE() << "expected database_error";
    } catch (const sqlx::pg::database_error& e) {
      EXPECT_EQ(e.sqlstate(), "42703");
    }
    // The connection goes on after an error: each operation is its own Sync segment.
    const std::int64_t n = co_await SQLX_QUERY_SCALAR("SELECT count(*) AS \"n!\" FROM users")
                               .async_fetch_one(db, use_awaitable);
    EXPECT_EQ(n, 3);
  });
}

TEST_F(async_query, connect_errors_name_the_server_but_not_the_password) {
  run_async([&](asio::io_context& io) -> asio::awaitable<void> {
    const std::string url = "postgresql://someone:s3cr3t-pw@127.0.0.1:1/nowhere?connect_timeout=5";
    try {
      (void)co_await async_connection::open(io.get_executor(), url);
      ADD_FAILURE() << "expected connection_error";
    } catch (const sqlx::pg::connection_error& e) {
      const std::string what = e.what();
      EXPECT_EQ(what.find("s3cr3t-pw"), std::string::npos) << what;
      EXPECT_NE(what.find("127.0.0.1"), std::string::npos) << what;
    }
  });
}

// Queries issued together by several coroutines share the connection's pipeline: all are in
// flight at once, each gets its own result.
TEST_F(async_query, concurrent_queries_on_one_connection_are_pipelined) {
  run_async([&](asio::io_context& io) -> asio::awaitable<void> {
    auto db = co_await async_connection::open(io.get_executor(), url_);
    constexpr int count = 200;
    int finished = 0;
    std::size_t most_in_flight = 0;
    for (int i = 0; i < count; ++i) {
      asio::co_spawn(
          io,
          [&, i]() -> asio::awaitable<void> {
            const std::string id = i % 2 == 0 ? "d1" : "d3";
            auto user =
                co_await SQLX_QUERY(
                    "SELECT id, display_name, email FROM users WHERE discord_user_id = $1", id)
                    .async_fetch_one(db, use_awaitable);
            EXPECT_EQ(user.display_name, i % 2 == 0 ? "Ada" : "Cy");
            ++finished;
          },
          [](std::exception_ptr e) {
            if (e) std::rethrow_exception(e);
          });
    }
    asio::steady_timer tick(io);
    while (finished < count) {
      most_in_flight = std::max(most_in_flight, db.in_flight());
      tick.expires_after(std::chrono::microseconds(200));
      co_await tick.async_wait(use_awaitable);
    }
    EXPECT_GT(most_in_flight, 1u);
    EXPECT_EQ(db.in_flight(), 0u);
  });
}

TEST_F(async_query, transactions_commit_roll_back_and_nest) {
  run_async([&](asio::io_context& io) -> asio::awaitable<void> {
    auto pool = co_await sqlx::pg::pool_options{}.max_connections(1).async_connect(
        io.get_executor(), url_, use_awaitable);
    const auto sessions = [&]() -> asio::awaitable<std::int64_t> {
      co_return co_await SQLX_QUERY_SCALAR("SELECT count(*) AS \"n!\" FROM oauth_sessions")
          .async_fetch_one(pool, use_awaitable);
    };
    {
      auto tx = co_await pool.async_begin(use_awaitable);
      auto nested = co_await tx.async_begin(use_awaitable);
      (void)co_await SQLX_QUERY("DELETE FROM oauth_sessions WHERE discord_user_id = $1",
                                std::string("d2"))
          .async_execute(nested, use_awaitable);
      co_await nested.async_rollback(use_awaitable);  // the outer transaction goes on
      const auto gone = co_await SQLX_QUERY("DELETE FROM oauth_sessions WHERE discord_user_id = $1",
                                            std::string("d1"))
                            .async_execute(tx, use_awaitable);
      EXPECT_EQ(gone.rows_affected(), 2u);
      co_await tx.async_commit(use_awaitable);
    }
    EXPECT_EQ(co_await sessions(), 1);
  });
}

// A transaction dropped without commit (no co_await possible in a destructor): its writes are
// never visible, and the pool's one connection is clean for the next user.
TEST_F(async_query, a_dropped_transaction_is_rolled_back_before_reuse) {
  run_async([&](asio::io_context& io) -> asio::awaitable<void> {
    auto pool = co_await sqlx::pg::pool_options{}.max_connections(1).async_connect(
        io.get_executor(), url_, use_awaitable);
    {
      auto tx = co_await pool.async_begin(use_awaitable);
      const auto gone = co_await SQLX_QUERY("DELETE FROM oauth_sessions WHERE discord_user_id = $1",
                                            std::string("d1"))
                            .async_execute(tx, use_awaitable);
      EXPECT_EQ(gone.rows_affected(), 2u);
    }  // dropped
    auto conn = co_await pool.acquire();
    EXPECT_EQ(conn->transaction_status(), PQTRANS_IDLE);
    EXPECT_EQ(conn->in_flight(), 0u);
    const std::int64_t n =
        co_await SQLX_QUERY_SCALAR("SELECT count(*) AS \"n!\" FROM oauth_sessions")
            .async_fetch_one(conn, use_awaitable);
    EXPECT_EQ(n, 3);
    EXPECT_LE(pool.size(), 1u);
    // Seen from another session too: nothing was committed.
    auto other = sqlx::pg::connection::connect(url_);
    const sqlx::pg::result r{PQexec(other.native_handle(), "SELECT count(*) FROM oauth_sessions")};
    EXPECT_EQ(std::string(PQgetvalue(r.native_handle(), 0, 0)), "3");
  });
}

}  // namespace

namespace {
struct listed_user {
  std::int64_t id;
  std::string discord_user_id;
  std::string display_name;
  std::optional<std::string> email;
};

// The dynamic query of tests/compile/ok/dynamic_query_test.cpp (docs/dynamic-queries.md).
auto search_users(const std::optional<std::string>& discord_user_id,
                  const std::optional<std::string>& email_like, std::size_t order) {
  return SQLX_QUERY_AS(listed_user,
                       "SELECT id, discord_user_id, display_name, email FROM users WHERE true "
                       "[[ AND discord_user_id = $1 ]] [[ AND email LIKE $2 ]] "
                       "ORDER BY {{ id | display_name DESC }}",
                       discord_user_id, email_like, sqlx::choice(order));
}
}  // namespace

// A dynamic query's async twins run the chosen combination with its own arguments only.
TEST_F(async_query, dynamic_queries_have_async_twins) {
  run_async([&](asio::io_context& io) -> asio::awaitable<void> {
    auto db = co_await async_connection::open(io.get_executor(), url_);
    const std::optional<std::string> none;
    const std::optional<std::string> bob = "d2";
    const std::optional<std::string> example = "%@example.com";

    const auto all = co_await search_users(none, none, 1).async_fetch_all(db, use_awaitable);
    std::vector<std::string> names;
    for (const auto& user : all) names.push_back(user.display_name);
    EXPECT_EQ(names, (std::vector<std::string>{"Cy", "Bob", "Ada"}));

    const auto one = co_await search_users(bob, none, 0).async_fetch_one(db, use_awaitable);
    EXPECT_EQ(one.display_name, "Bob");
    EXPECT_FALSE(one.email.has_value());

    const auto found =
        co_await search_users(none, example, 0).async_fetch_optional(db, use_awaitable);
    EXPECT_TRUE(found.has_value() && found->display_name == "Ada");
    const auto missing =
        co_await search_users(bob, example, 0).async_fetch_optional(db, use_awaitable);
    EXPECT_FALSE(missing.has_value());

    auto rows = co_await search_users(none, none, 0).async_fetch(db, use_awaitable);
    std::vector<std::int64_t> ids;
    for (;;) {
      auto row = co_await rows.async_next(use_awaitable);
      if (!row) break;
      ids.push_back(row->id);
    }
    EXPECT_EQ(ids.size(), 3u);
    EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));

    // Another completion token: a future, the query object gone before it completes.
    auto pending = search_users(bob, none, 0).async_execute(db, asio::use_future);
    while (pending.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
      co_await asio::post(io, use_awaitable);
    }
    EXPECT_EQ(pending.get().rows_affected(), 1u);
  });
}
