// SQLite database URLs as sqlx reads them: `sqlite://path`, `sqlite:path`, `sqlite::memory:`
// (also `sqlite://:memory:`), a percent-encoded path, and the parameters `mode=ro|rw|rwc|memory`,
// `cache=shared|private`, `immutable=true|false`, `vfs=NAME`. A relative path is relative to
// the current directory (`sqlite://data/bot.db`); an absolute one has three slashes
// (`sqlite:///var/lib/bot.db`).
#pragma once

#include <string>
#include <string_view>

namespace sqlx::core {

struct sqlite_url {
  std::string filename;  // the file; empty for an in-memory database
  bool in_memory = false;
  bool read_only = false;          // mode=ro
  bool create_if_missing = false;  // mode=rwc (sqlx's default is rw: the file must exist)
  bool shared_cache = false;
  bool immutable = false;
  std::string vfs;
};

// Whether `url` names a SQLite database (its scheme is `sqlite:`).
[[nodiscard]] bool is_sqlite_url(std::string_view url) noexcept;

// Parses a SQLite URL; throws sqlx::error naming the parameter for an unknown parameter or
// value (as sqlx does).
[[nodiscard]] sqlite_url parse_sqlite_url(std::string_view url);

// sqlite3_open_v2 flags for the URL: READONLY, READWRITE, or READWRITE|CREATE; MEMORY and
// SHAREDCACHE as asked; always URI off and NOMUTEX off (the library's defaults).
[[nodiscard]] int sqlite_open_flags(const sqlite_url& url) noexcept;

}  // namespace sqlx::core
