// A feed-announcing Discord bot's storage on SQLite (docs/sqlite.md, "Example"): feeds and
// their subscribers, voice-channel time for a leaderboard, per-guild settings and the bot's
// own key/value state. Every query is checked at compile time against .sqlx-cpp/.
#pragma once

#include <cstdint>
#include <optional>
#include <sqlx/sqlite.hpp>
#include <string>
#include <vector>

namespace feed_bot {

struct feed {
  std::int64_t id;
  std::string platform;
  std::string source_id;
  std::string title;
  std::optional<std::int64_t> last_checked;
};

// A direct-message user (user_id) or a guild channel (guild_id and channel_id).
struct subscriber {
  std::int64_t id;
  std::optional<std::string> user_id;
  std::optional<std::string> guild_id;
  std::optional<std::string> channel_id;
};

struct leaderboard_entry {
  std::string user_id;
  std::int64_t seconds;
};

struct partner {
  std::string user_id;
  std::int64_t overlap_seconds;
};

struct guild_settings {
  std::string guild_id;
  std::string prefix;
  std::optional<std::string> announce_channel;
  std::int64_t leaderboard_size;
};

using db = sqlx::sqlite::pool;

// Feeds: plain CRUD, and the upsert a "follow" command uses.
[[nodiscard]] std::vector<feed> all_feeds(db& pool);
[[nodiscard]] std::optional<feed> feed_by_id(db& pool, std::int64_t id);
[[nodiscard]] std::vector<feed> feeds_by_ids(db& pool, const std::vector<std::int64_t>& ids);
[[nodiscard]] std::int64_t insert_feed(db& pool, const std::string& platform,
                                       const std::string& source_id, const std::string& title);
// The feed's id, inserted or found by (platform, source_id) with its title updated.
[[nodiscard]] std::int64_t upsert_feed(db& pool, const std::string& platform,
                                       const std::string& source_id, const std::string& title);
// Rows changed (0 or 1).
std::uint64_t update_feed_checked(db& pool, std::int64_t id, std::int64_t checked_at);
std::uint64_t delete_feed(db& pool, std::int64_t id);

// Feed items: true when the item is new (to be announced).
bool record_item(db& pool, std::int64_t feed_id, const std::string& item_key,
                 const std::string& title, std::int64_t published_at);
[[nodiscard]] std::int64_t item_count(db& pool, std::int64_t feed_id);

// Subscribers and subscriptions.
[[nodiscard]] std::int64_t dm_subscriber(db& pool, const std::string& user_id);
[[nodiscard]] std::int64_t channel_subscriber(db& pool, const std::string& guild_id,
                                              const std::string& channel_id);
// True when the subscription is new.
bool subscribe(db& pool, std::int64_t subscriber_id, std::int64_t feed_id, std::int64_t now);
bool unsubscribe(db& pool, std::int64_t subscriber_id, std::int64_t feed_id);
[[nodiscard]] std::vector<subscriber> subscribers_of(db& pool, std::int64_t feed_id);

// Voice sessions. join throws sqlx::sqlite::database_error (SQLITE_CONSTRAINT_UNIQUE) when the
// user already has an active session in the guild. Returns the session's id.
std::int64_t voice_join(db& pool, const std::string& guild_id, const std::string& user_id,
                        const std::string& channel_id, std::int64_t now);
bool voice_leave(db& pool, const std::string& guild_id, const std::string& user_id,
                 std::int64_t now);
// Seconds per user of the sessions that began in [from, to), active ones counted up to now,
// most first; a page of `limit` from `offset`.
[[nodiscard]] std::vector<leaderboard_entry> leaderboard(db& pool, const std::string& guild_id,
                                                         std::int64_t from, std::int64_t to,
                                                         std::int64_t now, std::int64_t limit,
                                                         std::int64_t offset);
// Who was in the same voice channel as user_id at the same time, and for how long in all.
[[nodiscard]] std::vector<partner> partners(db& pool, const std::string& guild_id,
                                            const std::string& user_id, std::int64_t now);
// At start-up after a crash: ends the sessions still active at `at` (the last time the bot
// was known alive); returns how many.
std::uint64_t close_stale_sessions(db& pool, std::int64_t at);

// Settings and meta.
void set_guild_settings(db& pool, const std::string& guild_id, const std::string& prefix,
                        const std::optional<std::string>& announce_channel,
                        std::int64_t leaderboard_size);
[[nodiscard]] std::optional<guild_settings> settings_for(db& pool, const std::string& guild_id);
[[nodiscard]] std::optional<std::string> meta_get(db& pool, const std::string& key);
void meta_set(db& pool, const std::string& key, const std::string& value);

}  // namespace feed_bot
