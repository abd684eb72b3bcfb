// `sqlcheck prepare` on SQLite against the floor: sqlite3_prepare_v2 of every text plus the
// column metadata (name, declared type, table, origin) and the parameter count, in-process,
// nothing else. Alternating rounds on the same database file; medians and ratios reported.
//
//   sqlite_prepare_bench [N ...]        (default: 2000 10000)
//
// Columns: floor; describe = the library's describe_queries in-process (prepare + the
// structural parse, nullability and types); warm = `sqlcheck prepare` end to end with
// .sqlx-cpp/ up to date; cold = the same with .sqlx-cpp/ empty.
#include <fmt/format.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <chrono>
#include <cstdlib>
#include <vector>

#include "code_base.hpp"
#include "describe/sqlite/describe.hpp"
#include "measure.hpp"
#include "server/process.hpp"

namespace {
namespace fs = std::filesystem;
using bench::clock_type;
using bench::seconds_since;

constexpr const char* schema = R"sql(
CREATE TABLE feeds (id INTEGER PRIMARY KEY, platform TEXT NOT NULL, source_id TEXT NOT NULL,
  name TEXT, last_checked DATETIME, created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE (platform, source_id));
CREATE TABLE feed_items (id INTEGER PRIMARY KEY, feed_id INTEGER NOT NULL REFERENCES feeds,
  item_id TEXT NOT NULL, title TEXT, url TEXT, published_at INTEGER);
CREATE TABLE subscribers (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, user_id INTEGER,
  guild_id INTEGER, channel_id INTEGER, joined_at INTEGER NOT NULL);
CREATE TABLE subscriptions (subscriber_id INTEGER NOT NULL, feed_id INTEGER NOT NULL,
  filter TEXT, PRIMARY KEY (subscriber_id, feed_id)) WITHOUT ROWID;
CREATE TABLE voice_sessions (id INTEGER PRIMARY KEY, guild_id INTEGER NOT NULL,
  user_id INTEGER NOT NULL, channel_id INTEGER NOT NULL, join_time INTEGER NOT NULL,
  leave_time INTEGER, is_active BOOLEAN NOT NULL DEFAULT 1);
CREATE TABLE guild_settings (guild_id INTEGER PRIMARY KEY, prefix TEXT NOT NULL DEFAULT '!',
  log_channel INTEGER, timezone TEXT);
CREATE VIEW active_sessions AS SELECT id, guild_id, user_id, join_time FROM voice_sessions
  WHERE is_active;
)sql";

// Realistic shapes over the schema; `{0}` makes each text distinct.
constexpr std::string_view templates[] = {
    "SELECT id, platform, source_id, name FROM feeds WHERE platform = ?1 AND source_id = ?2 "
    "AND id > {0}",
    "SELECT f.id, f.name, i.title, i.url FROM feeds f LEFT JOIN feed_items i ON i.feed_id = "
    "f.id WHERE f.id = ? ORDER BY i.published_at DESC LIMIT {0}",
    "SELECT user_id, sum(coalesce(leave_time, ?1) - join_time) AS seconds FROM voice_sessions "
    "WHERE guild_id = ?2 AND join_time >= ?3 GROUP BY user_id ORDER BY 2 DESC LIMIT ?4 OFFSET "
    "{0}",
    "INSERT INTO feed_items (feed_id, item_id, title, url, published_at) VALUES (?, ?, ?, ?, {0}) "
    "RETURNING id",
    "UPDATE voice_sessions SET leave_time = ?1, is_active = 0 WHERE guild_id = ?2 AND user_id = "
    "?3 AND is_active AND id > {0} RETURNING id, join_time",
    "DELETE FROM subscriptions WHERE subscriber_id = ? AND feed_id = {0} RETURNING filter",
    "SELECT s.id, s.kind, s.user_id, s.channel_id, x.filter FROM subscriptions x JOIN "
    "subscribers s ON s.id = x.subscriber_id WHERE x.feed_id = ? AND s.joined_at > {0}",
    "WITH recent AS (SELECT * FROM feed_items WHERE published_at > ?) SELECT r.id, f.platform "
    "FROM recent r JOIN feeds f ON f.id = r.feed_id LIMIT {0}",
    "SELECT a.user_id AS me, b.user_id AS partner FROM voice_sessions a JOIN voice_sessions b ON "
    "a.guild_id = b.guild_id AND a.user_id <> b.user_id AND a.join_time < coalesce(b.leave_time, "
    "?1) WHERE a.user_id = ?2 AND b.id > {0}",
    "SELECT g.guild_id, coalesce(g.prefix, '!') AS prefix, (SELECT count(*) FROM active_sessions "
    "v WHERE v.guild_id = g.guild_id) AS active FROM guild_settings g WHERE g.guild_id = ? + {0}",
};

// The floor: what any SQLite describe must do at least.
void describe_floor(sqlite3* db, const std::vector<std::string>& queries) {
  std::size_t touched = 0;
  for (const auto& q : queries) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, q.c_str(), static_cast<int>(q.size()), &stmt, nullptr) !=
        SQLITE_OK) {
      fmt::print(stderr, "floor: {}: {}\n", q, sqlite3_errmsg(db));
      std::exit(1);
    }
    touched += static_cast<std::size_t>(sqlite3_bind_parameter_count(stmt));
    for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
      for (const char* s : {sqlite3_column_name(stmt, c), sqlite3_column_decltype(stmt, c),
                            sqlite3_column_table_name(stmt, c), sqlite3_column_origin_name(stmt, c),
                            sqlite3_column_database_name(stmt, c)}) {
        touched += s != nullptr ? 1 : 0;
      }
    }
    sqlite3_finalize(stmt);
  }
  if (touched == 0) std::exit(1);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::size_t> sizes;
  for (int i = 1; i < argc; ++i) sizes.push_back(std::stoul(argv[i]));
  if (sizes.empty()) sizes = {2000, 10000};
  constexpr int rounds = 5;

  std::string dir_pattern = (fs::temp_directory_path() / "sqlite-prepare-bench-XXXXXX").string();
  if (mkdtemp(dir_pattern.data()) == nullptr) return 1;
  const fs::path root = dir_pattern;
  const fs::path work = root / "project";
  const fs::path file = root / "bench.db";
  sqlite3* db = nullptr;
  sqlite3_open(file.c_str(), &db);
  sqlite3_exec(db, schema, nullptr, nullptr, nullptr);

  fmt::print("{:>7} {:>9} {:>10} {:>9} {:>9} {:>11} {:>11} {:>11} {:>13} {:>11}\n", "queries",
             "floor s", "describe s", "warm s", "cold s", "floor q/s", "warm q/s", "cold q/s",
             "describe/floor", "warm/floor");
  for (std::size_t n : sizes) {
    const auto queries = bench::generate_queries(templates, n);
    fs::remove_all(work);
    bench::write_sources(work, queries);
    std::vector<double> floor_times, describe_times, warm_times, cold_times;
    const auto prepare = [&] {
      const auto start = clock_type::now();
      auto run = sqlx::core::run_process({"env", "-C", work.string(), SQLX_CPP_SQLCHECK, "prepare",
                                          "-D", "sqlite://" + file.string()});
      if (run.exit_code != 0) {
        fmt::print(stderr, "sqlcheck prepare failed:\n{}\n", run.output);
        std::exit(1);
      }
      return seconds_since(start);
    };
    for (int round = 0; round < rounds; ++round) {
      auto start = clock_type::now();
      describe_floor(db, queries);
      floor_times.push_back(seconds_since(start));
      start = clock_type::now();
      const auto described = sqlx::core::sqlite::describe_queries(db, queries);
      describe_times.push_back(seconds_since(start));
      if (described.size() != n || described.front().error) std::exit(1);
      fs::remove_all(work / ".sqlx-cpp");
      cold_times.push_back(prepare());
      warm_times.push_back(prepare());
    }
    const double floor = bench::median(floor_times);
    const double describe = bench::median(describe_times);
    const double warm = bench::median(warm_times);
    const double cold = bench::median(cold_times);
    const auto qps = [&](double s) { return static_cast<double>(n) / s; };
    fmt::print(
        "{:>7} {:>9.3f} {:>10.3f} {:>9.3f} {:>9.3f} {:>11.0f} {:>11.0f} {:>11.0f} "
        "{:>12.2f}x {:>10.2f}x\n",
        n, floor, describe, warm, cold, qps(floor), qps(warm), qps(cold), describe / floor,
        warm / floor);
  }
  sqlite3_close(db);
  fs::remove_all(root);
  return 0;
}
