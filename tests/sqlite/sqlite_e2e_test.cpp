// SQLite checked queries end to end: SQLite metadata files in tests/sqlite/.sqlx-cpp/ (sqlx's
// SQLite format plus the sqlite_type extras, read by the one metadata reader), the header
// sqlx_cpp_check() generates from them, the macros on a connection, a pool and a transaction
// against a real database file.
#include <gtest/gtest.h>

#include <sqlx/sqlite.hpp>
#include <sqlx/sqlx.hpp>

#include "support/db_dir.hpp"

// Row structs live in a named namespace: clang's -Wundefined-internal rejects the field-name
// reflection of a struct with internal linkage.
namespace sqlite_e2e_test {

struct feed {
  std::int64_t id;
  std::string platform;
  std::string source_id;
  std::optional<std::string> title;
};

struct leaderboard_row {
  std::int64_t user_id;
  std::optional<std::int64_t> seconds;
};

}  // namespace sqlite_e2e_test

namespace {

using namespace std::chrono_literals;
using sqlite_e2e_test::feed;
using sqlite_e2e_test::leaderboard_row;

class SqliteEndToEnd : public ::testing::Test {
 protected:
  sqlx::test::db_dir dir;
  sqlx::sqlite::pool pool = sqlx::sqlite::pool_options{}
                                .max_connections(4)
                                .journal_mode(sqlx::sqlite::journal_mode::wal)
                                .connect("sqlite://" + dir.file("bot.db") + "?mode=rwc");

  void SetUp() override {
    pool.with_connection([](sqlx::sqlite::connection& c) {
      c.execute(
          "CREATE TABLE feeds (id INTEGER PRIMARY KEY, platform TEXT NOT NULL, source_id TEXT NOT "
          "NULL, title TEXT, UNIQUE (platform, source_id));"
          "CREATE TABLE voice_sessions (user_id INTEGER NOT NULL, guild_id INTEGER NOT NULL, "
          "join_time INTEGER NOT NULL, leave_time INTEGER);"
          "CREATE TABLE events (started_at DATETIME NOT NULL, payload TEXT, id_blob BLOB NOT "
          "NULL)");
      return 0;
    });
  }
};

TEST_F(SqliteEndToEnd, CrudOnPoolAndTransaction) {
  {
    auto tx = pool.begin();
    (void)SQLX_QUERY("INSERT INTO feeds (platform, source_id, title) VALUES (?, ?, ?)", "rss", "a",
                     "Alpha")
        .execute(tx);
    (void)SQLX_QUERY("INSERT INTO feeds (platform, source_id, title) VALUES (?, ?, ?)", "rss",
                     std::string("b"), std::nullopt)
        .execute(tx);
    tx.commit();
  }
  const auto one =
      SQLX_QUERY_AS(feed, "SELECT id, platform, source_id, title FROM feeds WHERE id = ?", 1)
          .fetch_one(pool);
  EXPECT_EQ(one.title, "Alpha");
  const auto anonymous =
      SQLX_QUERY("SELECT id, platform, source_id, title FROM feeds WHERE id = ?", 2)
          .fetch_one(pool);
  EXPECT_EQ(anonymous.source_id, "b");
  EXPECT_EQ(anonymous.title, std::nullopt);
  EXPECT_EQ((SQLX_QUERY_SCALAR("SELECT count(*) AS n FROM feeds").fetch_one(pool)), 2);
  const auto listed = SQLX_QUERY(
                          "SELECT id, title FROM feeds WHERE id IN (SELECT value FROM "
                          "json_each(?)) ORDER BY id",
                          std::vector<std::int64_t>{2, 1})
                          .fetch_all(pool);
  ASSERT_EQ(listed.size(), 2U);
  EXPECT_EQ(listed[0].title, "Alpha");
}

TEST_F(SqliteEndToEnd, LeaderboardWithActiveSessions) {
  pool.with_connection([](sqlx::sqlite::connection& c) {
    c.execute(
        "INSERT INTO voice_sessions VALUES (1, 10, 100, 160), (2, 10, 100, NULL), "
        "(1, 10, 200, 230), (3, 11, 0, 10)");
    return 0;
  });
  const auto top = SQLX_QUERY_AS(leaderboard_row,
                                 "SELECT user_id, sum(coalesce(leave_time, ?1) - join_time) AS "
                                 "seconds FROM voice_sessions WHERE guild_id = ?2 GROUP BY user_id "
                                 "ORDER BY 2 DESC LIMIT ?3",
                                 std::int64_t{400}, std::int64_t{10}, 5)
                       .fetch_all(pool);
  ASSERT_EQ(top.size(), 2U);
  EXPECT_EQ(top[0].user_id, 2);  // still active: 400 - 100
  EXPECT_EQ(top[0].seconds, 300);
  EXPECT_EQ(top[1].seconds, 90);
}

TEST_F(SqliteEndToEnd, DatesJsonAndBlobs) {
  const std::chrono::sys_time<std::chrono::microseconds> at =
      std::chrono::sys_days(std::chrono::year(2026) / 12 / 6) + 8h;
  const std::vector<std::byte> id{std::byte{1}, std::byte{2}};
  auto conn = pool.acquire();
  (void)SQLX_QUERY("INSERT INTO events (started_at, payload, id_blob) VALUES (?, ?, ?)", at,
                   std::string(R"({"k":1})"), id)
      .execute(conn);
  const auto rows =
      SQLX_QUERY("SELECT started_at, payload, id_blob FROM events ORDER BY rowid").fetch_all(conn);
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].started_at, at);
  EXPECT_EQ(rows[0].payload, R"({"k":1})");
  EXPECT_EQ(rows[0].id_blob, id);
}

}  // namespace
