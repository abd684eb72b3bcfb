// Every query of the feed bot against a real SQLite file, after its migrations were applied,
// reverted all the way and applied again.
#include "feed_bot.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <sqlx/migrate.hpp>
#include <string>

namespace feed_bot {
namespace {

class temp_dir {
 public:
  temp_dir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "feed_bot_test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      throw std::runtime_error("cannot create a temporary directory");
    }
    path_ = pattern;
  }
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;
  ~temp_dir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  [[nodiscard]] std::string url() const { return "sqlite://" + (path_ / "bot.db").string(); }

 private:
  std::filesystem::path path_;
};

std::int64_t table_count(sqlx::sqlite::connection& conn) {
  auto stmt = conn.prepare(
      "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
      "AND name <> '_sqlx_migrations'");
  EXPECT_TRUE(stmt.step());
  return stmt.get<std::int64_t>(0);
}

constexpr std::int64_t t0 = 1714521600;

// The migrations a run applied or a revert reverted (run with a target also lists the ones it
// skipped).
std::size_t changed(const std::vector<sqlx::migration_step>& steps) {
  return static_cast<std::size_t>(std::count_if(steps.begin(), steps.end(), [](const auto& s) {
    return s.what == sqlx::migration_step::action::applied ||
           s.what == sqlx::migration_step::action::reverted;
  }));
}

class FeedBot : public ::testing::Test {
 protected:
  void SetUp() override {
    pool_.emplace(
        sqlx::sqlite::pool_options{}.max_connections(2).connect(dir_.url() + "?mode=rwc"));
    const auto migrations = sqlx::embedded_migrations();
    ASSERT_EQ(migrations.run(*pool_).size(), 5U);
    auto conn = pool_->acquire();
    EXPECT_EQ(table_count(*conn), 7);  // feeds, feed_items, subscribers, subscriptions, ...
    sqlx::migrate_options all;
    all.target_version = 0;
    ASSERT_EQ(migrations.revert(*conn, all).size(), 5U);
    EXPECT_EQ(table_count(*conn), 0);
    ASSERT_EQ(migrations.run(*conn).size(), 5U);
    EXPECT_EQ(table_count(*conn), 7);
  }

  db& pool() { return *pool_; }

 private:
  temp_dir dir_;
  std::optional<db> pool_;
};

TEST_F(FeedBot, FeedCrud) {
  EXPECT_TRUE(all_feeds(pool()).empty());
  const auto a = insert_feed(pool(), "youtube", "UC-a", "A");
  const auto b = upsert_feed(pool(), "rss", "https://b.example/feed", "B");
  EXPECT_NE(a, b);
  // The upsert finds (platform, source_id) and renames; a plain insert of it is refused.
  EXPECT_EQ(upsert_feed(pool(), "youtube", "UC-a", "A renamed"), a);
  EXPECT_THROW((void)insert_feed(pool(), "youtube", "UC-a", "again"), sqlx::sqlite::database_error);
  const auto found = feed_by_id(pool(), a);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->title, "A renamed");
  EXPECT_EQ(found->platform, "youtube");
  EXPECT_FALSE(found->last_checked.has_value());
  EXPECT_FALSE(feed_by_id(pool(), a + b + 100).has_value());

  EXPECT_EQ(update_feed_checked(pool(), a, t0), 1U);
  EXPECT_EQ(update_feed_checked(pool(), 999, t0), 0U);
  EXPECT_EQ(feed_by_id(pool(), a)->last_checked, t0);

  // A vector bound to an IN list (as a JSON array); an empty one matches nothing.
  const auto some = feeds_by_ids(pool(), {b, 999, a});
  ASSERT_EQ(some.size(), 2U);
  EXPECT_EQ(some[0].id, a);
  EXPECT_EQ(some[1].id, b);
  EXPECT_TRUE(feeds_by_ids(pool(), {}).empty());

  EXPECT_TRUE(record_item(pool(), a, "v1", "first", t0));
  EXPECT_FALSE(record_item(pool(), a, "v1", "first again", t0));
  EXPECT_TRUE(record_item(pool(), a, "v2", "second", t0));
  EXPECT_EQ(item_count(pool(), a), 2);

  // Deleting a feed takes its items (ON DELETE CASCADE: foreign keys are on by default).
  EXPECT_EQ(delete_feed(pool(), a), 1U);
  EXPECT_EQ(delete_feed(pool(), a), 0U);
  EXPECT_EQ(item_count(pool(), a), 0);
  ASSERT_EQ(all_feeds(pool()).size(), 1U);
  EXPECT_EQ(all_feeds(pool())[0].id, b);
}

TEST_F(FeedBot, Subscriptions) {
  const auto f = insert_feed(pool(), "twitch", "s", "S");
  const auto dm = dm_subscriber(pool(), "1001");
  const auto channel = channel_subscriber(pool(), "g-1", "c-1");
  EXPECT_EQ(dm_subscriber(pool(), "1001"), dm);
  EXPECT_EQ(channel_subscriber(pool(), "g-1", "c-1"), channel);
  EXPECT_NE(channel_subscriber(pool(), "g-1", "c-2"), channel);

  EXPECT_TRUE(subscribe(pool(), dm, f, t0));
  EXPECT_FALSE(subscribe(pool(), dm, f, t0 + 1));
  EXPECT_TRUE(subscribe(pool(), channel, f, t0));
  const auto subs = subscribers_of(pool(), f);
  ASSERT_EQ(subs.size(), 2U);
  EXPECT_EQ(subs[0].user_id, "1001");
  EXPECT_FALSE(subs[0].guild_id.has_value());
  EXPECT_EQ(subs[1].guild_id, "g-1");
  EXPECT_EQ(subs[1].channel_id, "c-1");
  EXPECT_FALSE(subs[1].user_id.has_value());

  EXPECT_TRUE(unsubscribe(pool(), dm, f));
  EXPECT_FALSE(unsubscribe(pool(), dm, f));
  ASSERT_EQ(subscribers_of(pool(), f).size(), 1U);
  // A subscription needs both ends (foreign keys).
  EXPECT_THROW(subscribe(pool(), dm, 999, t0), sqlx::sqlite::database_error);
  // A subscriber is a user or a channel, not both (the CHECK).
  auto conn = pool().acquire();
  EXPECT_THROW(
      conn->execute("INSERT INTO subscribers (user_id, guild_id, channel_id) VALUES ('u','g','c')"),
      sqlx::sqlite::database_error);
}

TEST_F(FeedBot, VoiceLeaderboardAndPartners) {
  // 1001: 0-30 min; 1002: 10-40 min; 1003: from 20 min, still in; 1004 in another channel.
  voice_join(pool(), "g", "1001", "va", t0);
  voice_join(pool(), "g", "1002", "va", t0 + 600);
  voice_join(pool(), "g", "1004", "vb", t0 + 600);
  EXPECT_TRUE(voice_leave(pool(), "g", "1001", t0 + 1800));
  EXPECT_FALSE(voice_leave(pool(), "g", "1001", t0 + 1900));
  voice_join(pool(), "g", "1003", "va", t0 + 1200);
  voice_leave(pool(), "g", "1002", t0 + 2400);
  voice_leave(pool(), "g", "1004", t0 + 700);
  // One active session per user and guild.
  EXPECT_THROW(voice_join(pool(), "g", "1003", "vb", t0 + 1300), sqlx::sqlite::database_error);
  // The same user in another guild is fine.
  voice_join(pool(), "h", "1003", "vx", t0 + 1300);

  const std::int64_t now = t0 + 3600;
  const auto board = leaderboard(pool(), "g", t0, t0 + 86400, now, 10, 0);
  ASSERT_EQ(board.size(), 4U);
  EXPECT_EQ(board[0].user_id, "1003");  // active: 20 min -> now (60 min) = 40 min
  EXPECT_EQ(board[0].seconds, 2400);
  EXPECT_EQ(board[1].user_id, "1001");  // 30 min, ahead of 1002's 30 min by user_id
  EXPECT_EQ(board[1].seconds, 1800);
  EXPECT_EQ(board[2].user_id, "1002");
  EXPECT_EQ(board[3].seconds, 100);
  // Pages.
  const auto page = leaderboard(pool(), "g", t0, t0 + 86400, now, 2, 1);
  ASSERT_EQ(page.size(), 2U);
  EXPECT_EQ(page[0].user_id, "1001");
  EXPECT_EQ(page[1].user_id, "1002");
  // The time range: only sessions begun from 15 min on.
  const auto late = leaderboard(pool(), "g", t0 + 900, t0 + 86400, now, 10, 0);
  ASSERT_EQ(late.size(), 1U);
  EXPECT_EQ(late[0].user_id, "1003");

  // 1002 overlapped 1001 from 10 to 30 min and 1003 from 20 to 40 min; 1004 was elsewhere.
  const auto with_1002 = partners(pool(), "g", "1002", now);
  ASSERT_EQ(with_1002.size(), 2U);
  EXPECT_EQ(with_1002[0].user_id, "1001");
  EXPECT_EQ(with_1002[0].overlap_seconds, 1200);
  EXPECT_EQ(with_1002[1].user_id, "1003");
  EXPECT_EQ(with_1002[1].overlap_seconds, 1200);
  // 1003 is still in: its overlap with nobody after 40 min grows with now.
  const auto with_1003 = partners(pool(), "g", "1003", now);
  ASSERT_EQ(with_1003.size(), 2U);
  EXPECT_EQ(with_1003[0].user_id, "1002");
  EXPECT_EQ(with_1003[0].overlap_seconds, 1200);
  EXPECT_EQ(with_1003[1].overlap_seconds, 600);
  EXPECT_TRUE(partners(pool(), "g", "1004", now).empty());

  // Crash recovery: both active sessions (g and h) end at the last sign of life.
  EXPECT_EQ(close_stale_sessions(pool(), t0 + 3100), 2U);
  EXPECT_EQ(close_stale_sessions(pool(), t0 + 3100), 0U);
  const auto after = leaderboard(pool(), "g", t0, t0 + 86400, now + 10000, 1, 0);
  ASSERT_EQ(after.size(), 1U);
  EXPECT_EQ(after[0].user_id, "1003");
  EXPECT_EQ(after[0].seconds, 1900);
  // A user may join again once the session is closed.
  voice_join(pool(), "g", "1003", "va", t0 + 4000);
}

TEST_F(FeedBot, SettingsAndMeta) {
  EXPECT_FALSE(settings_for(pool(), "g").has_value());
  set_guild_settings(pool(), "g", "!", std::nullopt, 10);
  auto s = settings_for(pool(), "g");
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->prefix, "!");
  EXPECT_FALSE(s->announce_channel.has_value());
  set_guild_settings(pool(), "g", "$$", "c-9", 3);
  s = settings_for(pool(), "g");
  EXPECT_EQ(s->prefix, "$$");
  EXPECT_EQ(s->announce_channel, "c-9");
  EXPECT_EQ(s->leaderboard_size, 3);
  // The CHECKs added by the migration that recreated the table.
  EXPECT_THROW(set_guild_settings(pool(), "g", "toolong", std::nullopt, 3),
               sqlx::sqlite::database_error);
  EXPECT_THROW(set_guild_settings(pool(), "g", "!", std::nullopt, 0), sqlx::sqlite::database_error);

  EXPECT_FALSE(meta_get(pool(), "k").has_value());
  meta_set(pool(), "k", "1");
  meta_set(pool(), "k", "2");
  EXPECT_EQ(meta_get(pool(), "k"), "2");
}

// The migration that recreates guild_settings keeps its rows, and so does its down migration.
TEST(FeedBotMigrations, RecreatingTheTableCopiesTheRows) {
  temp_dir dir;
  auto conn = sqlx::sqlite::connection::connect(dir.url() + "?mode=rwc");
  const auto migrations = sqlx::embedded_migrations();
  sqlx::migrate_options up_to_4;
  up_to_4.target_version = 20240504000000;
  ASSERT_EQ(changed(migrations.run(conn, up_to_4)), 4U);
  conn.execute(
      "INSERT INTO guild_settings (guild_id, prefix, announce_channel) "
      "VALUES ('g', '?', 'c'), ('h', '!', NULL)");
  ASSERT_EQ(migrations.run(conn).size(), 1U);
  {
    auto stmt = conn.prepare(
        "SELECT group_concat(guild_id || prefix || coalesce(announce_channel, '-') || "
        "leaderboard_size, ' ') FROM (SELECT * FROM guild_settings ORDER BY guild_id)");
    ASSERT_TRUE(stmt.step());
    EXPECT_EQ(stmt.get<std::string>(0), "g?c10 h!-10");
  }
  ASSERT_EQ(migrations.revert(conn).size(), 1U);  // the latest only
  auto back = conn.prepare(
      "SELECT group_concat(guild_id || prefix || coalesce(announce_channel, '-'), ' ') "
      "FROM (SELECT * FROM guild_settings ORDER BY guild_id)");
  ASSERT_TRUE(back.step());
  EXPECT_EQ(back.get<std::string>(0), "g?c h!-");
}

}  // namespace
}  // namespace feed_bot
