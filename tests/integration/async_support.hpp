// What the async tests share: a fresh database with the example schema and a few rows, and
// running a coroutine on an io_context, bounded in time.
#pragma once

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <future>
#include <optional>
#include <sqlx/asio.hpp>
#include <string>

#include "sqlx/migrate.hpp"
#include "support/run_async.hpp"
#include "support/test_cluster.hpp"

namespace sqlx::test {

namespace asio = boost::asio;

struct credential {
  std::string discord_user_id;
  std::int64_t anilist_id;
  std::optional<std::string> anilist_username;
};

// A database migrated from migrations/ with three users, two credentials, three sessions.
inline std::string seeded_database(const std::string& hint) {
  const std::string url = fresh_database(hint);
  auto db = pg::connection::connect(url);
  (void)migrator::from_directory(std::filesystem::path(SQLX_CPP_SOURCE_DIR) / "migrations").run(db);
  db.execute(R"sql(
    INSERT INTO users (discord_user_id, display_name, email) VALUES
      ('d1', 'Ada', 'ada@example.com'), ('d2', 'Bob', NULL), ('d3', 'Cy', NULL);
    INSERT INTO oauth_credentials VALUES
      ('d1', 101, 'ada_al', 'token-1', now() + interval '1 day'),
      ('d2', 102, NULL, 'token-2', now() + interval '1 day');
    INSERT INTO oauth_sessions (discord_user_id) VALUES ('d1'), ('d1'), ('d2');
    INSERT INTO guild_settings (guild_id, notifications, features) VALUES
      ('g1', 'all', '{"polls","quotes"}');
  )sql");
  return url;
}

inline std::string current_test_name() {
  return ::testing::UnitTest::GetInstance()->current_test_info()->name();
}

}  // namespace sqlx::test
