// The account-linking bot's request handlers as coroutines (docs/async.md): 1,000 concurrent
// simulated requests through an async pool of 10 connections, on one thread.
//   account_linker_async [DATABASE_URL]     (no URL: a throwaway server)
// The queries are the blocking example's (examples/account_linker/queries.cpp), word for word,
// so they share its metadata in .sqlx-cpp/.
#include <fmt/format.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <sqlx/asio.hpp>

#include "../account_linker/account_linker.hpp"
#include "server/cluster.hpp"
#include "sqlx/migrate.hpp"

namespace account_linker {

namespace asio = boost::asio;
using asio::use_awaitable;
using sqlx::pg::async_pool;

// "/link": registers the Discord user (or renames them); their row id.
asio::awaitable<std::int64_t> handle_link(async_pool& db, std::string discord_user_id,
                                          std::string display_name) {
  co_return co_await SQLX_QUERY_SCALAR(R"sql(
        INSERT INTO users (discord_user_id, display_name)
        VALUES ($1, $2)
        ON CONFLICT (discord_user_id) DO UPDATE SET display_name = EXCLUDED.display_name
        RETURNING id)sql",
                                       discord_user_id, display_name)
      .async_fetch_one(db, use_awaitable);
}

// "/whois": the AniList account linked to a Discord user, if any.
asio::awaitable<std::optional<oauth_credential>> handle_whois(async_pool& db,
                                                              std::string discord_user_id) {
  co_return co_await SQLX_QUERY_AS(oauth_credential,
                                   "SELECT discord_user_id, anilist_id, anilist_username "
                                   "FROM oauth_credentials WHERE discord_user_id = $1",
                                   discord_user_id)
      .async_fetch_optional(db, use_awaitable);
}

// "/settings": a guild's settings, the defaults when it has none.
asio::awaitable<guild_settings> handle_settings(async_pool& db, std::string guild_id) {
  auto row = co_await SQLX_QUERY(
                 "SELECT guild_id, notifications AS \"notifications: notification_level\", "
                 "announce_channel, features FROM guild_settings WHERE guild_id = $1",
                 guild_id)
                 .async_fetch_optional(db, use_awaitable);
  if (!row) co_return guild_settings{guild_id, notification_level::mentions, std::nullopt, {}};
  co_return guild_settings{row->guild_id, row->notifications, row->announce_channel, row->features};
}

// "/unlink": drops the user's sessions and credential in one transaction.
asio::awaitable<std::uint64_t> handle_unlink(async_pool& db, std::string discord_user_id) {
  auto tx = co_await db.async_begin(use_awaitable);
  (void)co_await SQLX_QUERY("DELETE FROM oauth_sessions WHERE discord_user_id = $1",
                            discord_user_id)
      .async_execute(tx, use_awaitable);
  const auto gone = co_await SQLX_QUERY("DELETE FROM oauth_credentials WHERE discord_user_id = $1",
                                        discord_user_id)
                        .async_execute(tx, use_awaitable);
  co_await tx.async_commit(use_awaitable);
  co_return gone.rows_affected();
}

asio::awaitable<std::int64_t> count_linked(async_pool& db) {
  co_return co_await SQLX_QUERY_SCALAR("SELECT count(*) FROM oauth_credentials")
      .async_fetch_one(db, use_awaitable);
}

// 1,000 requests at once: links, look-ups, settings and unlinks of 200 users.
asio::awaitable<void> serve(asio::io_context& io, std::string url) {
  auto db = co_await sqlx::pg::pool_options{}.max_connections(10).async_connect(io.get_executor(),
                                                                                url, use_awaitable);
  constexpr int requests = 1000;
  int served = 0;
  int failed = 0;
  int found = 0;
  std::size_t most_connections = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < requests; ++i) {
    asio::co_spawn(
        io,
        [&, i]() -> asio::awaitable<void> {
          const std::string user = std::to_string(1000 + i % 200);
          switch (i % 4) {
            case 0:
              (void)co_await handle_link(db, user, "user " + user);
              break;
            case 1: {
              const auto credential = co_await handle_whois(db, user);
              if (credential) ++found;
              break;
            }
            case 2:
              (void)co_await handle_settings(db, "g-" + std::to_string(i % 7));
              break;
            default:
              (void)co_await handle_unlink(db, user);
              break;
          }
          most_connections = std::max(most_connections, db.size());
        },
        [&](std::exception_ptr e) {
          ++served;
          if (e) {
            ++failed;
            try {
              std::rethrow_exception(e);
            } catch (const std::exception& error) {
              fmt::print("request failed: {}\n", error.what());
            }
          }
        });
  }
  asio::steady_timer tick(io);
  while (served < requests) {
    tick.expires_after(std::chrono::milliseconds(1));
    co_await tick.async_wait(use_awaitable);
  }
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - start)
                      .count();
  fmt::print(
      "served {} concurrent requests ({} failed, {} credentials found) in {} ms on one "
      "thread, at most {} connections\n",
      served, failed, found, ms, most_connections);
  fmt::print("linked accounts now: {}\n", co_await count_linked(db));
  if (failed > 0) throw std::runtime_error("some requests failed");
}

}  // namespace account_linker

int main(int argc, char** argv) try {
  std::unique_ptr<sqlx::core::temp_cluster> cluster;
  std::string url;
  if (argc > 1) {
    url = argv[1];
  } else {
    cluster = std::make_unique<sqlx::core::temp_cluster>(sqlx::core::temp_cluster::start());
    url = cluster->url();
  }
  {
    auto setup = sqlx::pg::connection::connect(url);
    (void)sqlx::embedded_migrations().run(setup);
    // A few linked accounts for the look-ups to find.
    setup.execute(
        "INSERT INTO users (discord_user_id, display_name) SELECT g::text, 'user ' || g "
        "FROM generate_series(1000, 1049) g ON CONFLICT DO NOTHING;"
        "INSERT INTO oauth_credentials SELECT g::text, 5000 + g, NULL, 'token', "
        "now() + interval '1 hour' FROM generate_series(1000, 1049) g ON CONFLICT DO NOTHING");
  }
  boost::asio::io_context io;
  std::exception_ptr failure;
  boost::asio::co_spawn(io, account_linker::serve(io, url),
                        [&](std::exception_ptr e) { failure = e; });
  io.run();
  if (failure) std::rethrow_exception(failure);
  return 0;
} catch (const std::exception& e) {
  std::cerr << "account_linker_async: " << e.what() << "\n";
  return 1;
}
