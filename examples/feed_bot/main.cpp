// The feed bot's start-up and a few simulated Discord events, end to end on SQLite:
//   feed_bot [sqlite://path/to/bot.db?mode=rwc]     (no URL: a file in a new temporary dir)
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <sqlx/migrate.hpp>
#include <string>

#include "feed_bot.hpp"

namespace {

// A temporary directory removed at exit, for the default database file.
class temp_dir {
 public:
  temp_dir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "feed_bot-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      throw std::runtime_error("feed_bot: cannot create a temporary directory");
    }
    path_ = pattern;
  }
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;
  ~temp_dir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace

int main(int argc, char** argv) try {
  std::optional<temp_dir> dir;
  std::string url;
  if (argc > 1) {
    url = argv[1];
  } else {
    dir.emplace();
    url = "sqlite://" + (dir->path() / "bot.db").string() + "?mode=rwc";
  }
  // WAL: the bot's event handlers read while one of them writes.
  auto pool = sqlx::sqlite::pool_options{}
                  .max_connections(4)
                  .journal_mode(sqlx::sqlite::journal_mode::wal)
                  .connect(url);
  fmt::print("opened {}\n", dir ? "a database file in a temporary directory" : url);
  // Start-up: the migrations compiled into the program (sqlx_cpp_embed_migrations), under a
  // file lock, so that several instances may start at once.
  for (const auto& step : sqlx::embedded_migrations().run(pool)) {
    fmt::print("applied migration {} ({})\n", step.version, step.description);
  }
  using namespace feed_bot;

  // A restart after a crash: sessions still active were left by the previous run.
  const std::int64_t t0 = 1714521600;  // 2024-05-01T00:00:00Z; the events are minutes apart
  if (auto alive = meta_get(pool, "last_alive")) {
    fmt::print("closed {} session(s) left active by the previous run\n",
               close_stale_sessions(pool, std::stoll(*alive)));
  }

  // /follow: feeds, a DM subscriber and a channel subscriber.
  const auto yt = upsert_feed(pool, "youtube", "UC-lofi", "Lofi Girl");
  const auto tw = insert_feed(pool, "twitch", "sqlite_streams", "SQLite streams");
  const auto rss = upsert_feed(pool, "rss", "https://sqlite.org/news.rss", "SQLite news");
  fmt::print("feeds: youtube={} twitch={} rss={}\n", yt, tw, rss);
  fmt::print("re-following youtube keeps id {}\n",
             upsert_feed(pool, "youtube", "UC-lofi", "Lofi Girl (24/7)"));
  const auto ada = dm_subscriber(pool, "1001");
  const auto news = channel_subscriber(pool, "g-1", "c-news");
  subscribe(pool, ada, yt, t0);
  subscribe(pool, news, yt, t0);
  subscribe(pool, news, rss, t0);
  for (const auto& s : subscribers_of(pool, yt)) {
    fmt::print(
        "youtube subscriber {}: {}\n", s.id,
        s.user_id ? "DM to " + *s.user_id : "#" + s.channel_id.value() + " in " + *s.guild_id);
  }

  // The poller: new items are announced once.
  for (const char* key : {"v1", "v2", "v1"}) {
    fmt::print("item {} on youtube: {}\n", key,
               record_item(pool, yt, key, "video", t0) ? "new, announce" : "seen");
  }
  update_feed_checked(pool, yt, t0 + 60);
  for (const auto& f : feeds_by_ids(pool, {rss, yt})) {
    fmt::print("feed {} {}/{} \"{}\" checked {}\n", f.id, f.platform, f.source_id, f.title,
               f.last_checked ? std::to_string(*f.last_checked) : "never");
  }

  // Voice: Ada and Bob overlap 20 minutes; Cy is still in the channel.
  voice_join(pool, "g-1", "1001", "voice-a", t0);
  voice_join(pool, "g-1", "1002", "voice-a", t0 + 600);
  voice_leave(pool, "g-1", "1001", t0 + 1800);
  voice_join(pool, "g-1", "1003", "voice-a", t0 + 1200);
  voice_leave(pool, "g-1", "1002", t0 + 2400);
  const std::int64_t now = t0 + 3600;
  set_guild_settings(pool, "g-1", "?", "c-news", 2);
  const auto settings = settings_for(pool, "g-1").value();
  std::int64_t rank = 0;
  for (const auto& e :
       leaderboard(pool, "g-1", t0, t0 + 86400, now, settings.leaderboard_size, 0)) {
    fmt::print("leaderboard #{}: {} {} min\n", ++rank, e.user_id, e.seconds / 60);
  }
  for (const auto& p : partners(pool, "g-1", "1002", now)) {
    fmt::print("1002 was in voice with {} for {} min\n", p.user_id, p.overlap_seconds / 60);
  }

  unsubscribe(pool, news, rss);
  delete_feed(pool, tw);
  fmt::print("feeds now: {}\n", all_feeds(pool).size());
  meta_set(pool, "last_alive", std::to_string(now));
  fmt::print("last_alive = {}\n", meta_get(pool, "last_alive").value_or("?"));
  return 0;
} catch (const std::exception& e) {
  std::cerr << "feed_bot: " << e.what() << "\n";
  return 1;
}
