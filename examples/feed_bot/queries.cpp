// The feed bot's queries (examples/feed_bot). `sqlcheck prepare --temp-db=sqlite --migrations
// examples/feed_bot/migrations --source examples/feed_bot` describes each on a throwaway
// SQLite file into .sqlx-cpp/; the build checks them against it, offline.
#include <sqlx/sqlx.hpp>

#include "feed_bot.hpp"

namespace feed_bot {

std::vector<feed> all_feeds(db& pool) {
  return SQLX_QUERY_AS(feed,
                       "SELECT id, platform, source_id, title, last_checked FROM feeds "
                       "ORDER BY id")
      .fetch_all(pool);
}

std::optional<feed> feed_by_id(db& pool, std::int64_t id) {
  return SQLX_QUERY_AS(feed,
                       "SELECT id, platform, source_id, title, last_checked FROM feeds "
                       "WHERE id = ?",
                       id)
      .fetch_optional(pool);
}

std::vector<feed> feeds_by_ids(db& pool, const std::vector<std::int64_t>& ids) {
  // SQLite cannot bind a list; the vector goes as a JSON array (docs/sqlite.md, "Lists").
  return SQLX_QUERY_AS(feed,
                       "SELECT id, platform, source_id, title, last_checked FROM feeds "
                       "WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id",
                       ids)
      .fetch_all(pool);
}

std::int64_t insert_feed(db& pool, const std::string& platform, const std::string& source_id,
                         const std::string& title) {
  return SQLX_QUERY_SCALAR(
             "INSERT INTO feeds (platform, source_id, title) VALUES (?, ?, ?) RETURNING id",
             platform, source_id, title)
      .fetch_one(pool);
}

std::int64_t upsert_feed(db& pool, const std::string& platform, const std::string& source_id,
                         const std::string& title) {
  return SQLX_QUERY_SCALAR(R"sql(
        INSERT INTO feeds (platform, source_id, title) VALUES (?1, ?2, ?3)
        ON CONFLICT (platform, source_id) DO UPDATE SET title = excluded.title
        RETURNING id)sql",
                           platform, source_id, title)
      .fetch_one(pool);
}

std::uint64_t update_feed_checked(db& pool, std::int64_t id, std::int64_t checked_at) {
  return SQLX_QUERY("UPDATE feeds SET last_checked = ? WHERE id = ?", checked_at, id)
      .execute(pool)
      .rows_affected();
}

std::uint64_t delete_feed(db& pool, std::int64_t id) {
  return SQLX_QUERY("DELETE FROM feeds WHERE id = ?", id).execute(pool).rows_affected();
}

bool record_item(db& pool, std::int64_t feed_id, const std::string& item_key,
                 const std::string& title, std::int64_t published_at) {
  return SQLX_QUERY(
             "INSERT OR IGNORE INTO feed_items (feed_id, item_key, title, published_at) "
             "VALUES (?, ?, ?, ?)",
             feed_id, item_key, title, published_at)
             .execute(pool)
             .rows_affected() == 1;
}

std::int64_t item_count(db& pool, std::int64_t feed_id) {
  return SQLX_QUERY_SCALAR("SELECT count(*) FROM feed_items WHERE feed_id = ?", feed_id)
      .fetch_one(pool);
}

std::int64_t dm_subscriber(db& pool, const std::string& user_id) {
  // DO UPDATE (not DO NOTHING) so that RETURNING gives the existing row's id too.
  return SQLX_QUERY_SCALAR(R"sql(
        INSERT INTO subscribers (user_id) VALUES (?1)
        ON CONFLICT (user_id) DO UPDATE SET user_id = excluded.user_id
        RETURNING id)sql",
                           user_id)
      .fetch_one(pool);
}

std::int64_t channel_subscriber(db& pool, const std::string& guild_id,
                                const std::string& channel_id) {
  return SQLX_QUERY_SCALAR(R"sql(
        INSERT INTO subscribers (guild_id, channel_id) VALUES (?1, ?2)
        ON CONFLICT (guild_id, channel_id) DO UPDATE SET channel_id = excluded.channel_id
        RETURNING id)sql",
                           guild_id, channel_id)
      .fetch_one(pool);
}

bool subscribe(db& pool, std::int64_t subscriber_id, std::int64_t feed_id, std::int64_t now) {
  return SQLX_QUERY(
             "INSERT OR IGNORE INTO subscriptions (subscriber_id, feed_id, created_at) "
             "VALUES (?, ?, ?)",
             subscriber_id, feed_id, now)
             .execute(pool)
             .rows_affected() == 1;
}

bool unsubscribe(db& pool, std::int64_t subscriber_id, std::int64_t feed_id) {
  return SQLX_QUERY("DELETE FROM subscriptions WHERE subscriber_id = ? AND feed_id = ?",
                    subscriber_id, feed_id)
             .execute(pool)
             .rows_affected() == 1;
}

std::vector<subscriber> subscribers_of(db& pool, std::int64_t feed_id) {
  return SQLX_QUERY_AS(subscriber, R"sql(
        SELECT s.id, s.user_id, s.guild_id, s.channel_id
        FROM subscribers s JOIN subscriptions x ON x.subscriber_id = s.id
        WHERE x.feed_id = ? ORDER BY s.id)sql",
                       feed_id)
      .fetch_all(pool);
}

std::int64_t voice_join(db& pool, const std::string& guild_id, const std::string& user_id,
                        const std::string& channel_id, std::int64_t now) {
  return SQLX_QUERY_SCALAR(R"sql(
        INSERT INTO voice_sessions (guild_id, user_id, channel_id, join_time)
        VALUES (?, ?, ?, ?) RETURNING id)sql",
                           guild_id, user_id, channel_id, now)
      .fetch_one(pool);
}

bool voice_leave(db& pool, const std::string& guild_id, const std::string& user_id,
                 std::int64_t now) {
  return SQLX_QUERY(R"sql(
        UPDATE voice_sessions SET leave_time = ?3, is_active = FALSE
        WHERE guild_id = ?1 AND user_id = ?2 AND is_active)sql",
                    guild_id, user_id, now)
             .execute(pool)
             .rows_affected() == 1;
}

std::vector<leaderboard_entry> leaderboard(db& pool, const std::string& guild_id, std::int64_t from,
                                           std::int64_t to, std::int64_t now, std::int64_t limit,
                                           std::int64_t offset) {
  // An active session (leave_time NULL) counts up to now. A group has at least one row, so
  // the sum is never NULL ("seconds!").
  return SQLX_QUERY_AS(leaderboard_entry, R"sql(
        SELECT user_id, sum(coalesce(leave_time, ?4) - join_time) AS "seconds!"
        FROM voice_sessions
        WHERE guild_id = ?1 AND join_time >= ?2 AND join_time < ?3
        GROUP BY user_id
        ORDER BY 2 DESC, user_id
        LIMIT ?5 OFFSET ?6)sql",
                       guild_id, from, to, now, limit, offset)
      .fetch_all(pool);
}

std::vector<partner> partners(db& pool, const std::string& guild_id, const std::string& user_id,
                              std::int64_t now) {
  // Two sessions in one channel overlap when each began before the other ended; the overlap
  // is from the later join to the earlier leave (an active session's end being now).
  return SQLX_QUERY_AS(partner, R"sql(
        SELECT b.user_id,
               sum(min(coalesce(a.leave_time, ?3), coalesce(b.leave_time, ?3))
                   - max(a.join_time, b.join_time)) AS "overlap_seconds!"
        FROM voice_sessions a
        JOIN voice_sessions b
          ON b.guild_id = a.guild_id AND b.channel_id = a.channel_id
         AND b.user_id <> a.user_id
         AND b.join_time < coalesce(a.leave_time, ?3)
         AND a.join_time < coalesce(b.leave_time, ?3)
        WHERE a.guild_id = ?1 AND a.user_id = ?2
        GROUP BY b.user_id
        ORDER BY 2 DESC, b.user_id)sql",
                       guild_id, user_id, now)
      .fetch_all(pool);
}

std::uint64_t close_stale_sessions(db& pool, std::int64_t at) {
  // max(): a session that began after the last sign of life ends where it began.
  return SQLX_QUERY(
             "UPDATE voice_sessions SET leave_time = max(join_time, ?), is_active = FALSE "
             "WHERE is_active",
             at)
      .execute(pool)
      .rows_affected();
}

void set_guild_settings(db& pool, const std::string& guild_id, const std::string& prefix,
                        const std::optional<std::string>& announce_channel,
                        std::int64_t leaderboard_size) {
  SQLX_QUERY(R"sql(
        INSERT INTO guild_settings (guild_id, prefix, announce_channel, leaderboard_size)
        VALUES (?1, ?2, ?3, ?4)
        ON CONFLICT (guild_id) DO UPDATE SET prefix = excluded.prefix,
            announce_channel = excluded.announce_channel,
            leaderboard_size = excluded.leaderboard_size)sql",
             guild_id, prefix, announce_channel, leaderboard_size)
      .execute(pool);
}

std::optional<guild_settings> settings_for(db& pool, const std::string& guild_id) {
  return SQLX_QUERY_AS(guild_settings,
                       "SELECT guild_id, prefix, announce_channel, leaderboard_size "
                       "FROM guild_settings WHERE guild_id = ?",
                       guild_id)
      .fetch_optional(pool);
}

std::optional<std::string> meta_get(db& pool, const std::string& key) {
  return SQLX_QUERY_SCALAR("SELECT value FROM meta WHERE key = ?", key).fetch_optional(pool);
}

void meta_set(db& pool, const std::string& key, const std::string& value) {
  SQLX_QUERY("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", key, value).execute(pool);
}

}  // namespace feed_bot
