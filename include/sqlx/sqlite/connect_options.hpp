// How to open a SQLite database: sqlx's URL forms and SqliteConnectOptions' defaults
// (docs/sqlite.md, "URLs and options"). The setters chain:
//   auto conn = sqlx::sqlite::connect_options::parse("sqlite://data/bot.db?mode=rwc")
//                   .journal_mode(sqlx::sqlite::journal_mode::wal)
//                   .connect();
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sqlx::sqlite {

class connection;

// PRAGMA journal_mode. Not set unless asked (as sqlx): it is a property of the file, and
// changing it needs an exclusive lock that the busy timeout cannot wait for.
enum class journal_mode { delete_, truncate, persist, memory, wal, off };
// PRAGMA synchronous. Not set unless asked: SQLite's default is FULL.
enum class synchronous { off, normal, full, extra };

[[nodiscard]] std::string_view to_string(journal_mode mode) noexcept;
[[nodiscard]] std::string_view to_string(synchronous mode) noexcept;

class connect_options {
 public:
  using duration = std::chrono::milliseconds;

  // sqlx's defaults: the database ":memory:"-less empty filename must be set by parse() or
  // filename(); foreign keys on, busy timeout 5 s, 100 cached statements, the file must exist.
  connect_options() = default;

  // sqlx's URL forms: "sqlite://path", "sqlite:path" (relative to the working directory;
  // "sqlite:///abs/path" is absolute), "sqlite::memory:" (a private in-memory database, shared
  // by the connections made from these options), with query parameters mode=ro|rw|rwc|memory,
  // cache=shared|private, immutable=true|false, vfs=<name>. Path bytes may be %-encoded.
  // Throws configuration_error for anything else.
  [[nodiscard]] static connect_options parse(std::string_view url);

  // The database file ("app.db"), ":memory:" for a private in-memory database.
  connect_options& filename(std::string path);
  // mode=ro: open read-only (writes fail with SQLITE_READONLY).
  connect_options& read_only(bool on) noexcept {
    read_only_ = on;
    return *this;
  }
  // mode=rwc: create the file when it is missing (default false: a missing file is an error).
  connect_options& create_if_missing(bool on) noexcept {
    create_if_missing_ = on;
    return *this;
  }
  connect_options& shared_cache(bool on) noexcept {
    shared_cache_ = on;
    return *this;
  }
  // immutable=true: SQLite assumes nobody changes the file (no locking at all).
  connect_options& immutable(bool on) noexcept {
    immutable_ = on;
    return *this;
  }
  connect_options& vfs(std::string name) {
    vfs_ = std::move(name);
    return *this;
  }
  // PRAGMA foreign_keys, on by default (SQLite's own default is off).
  connect_options& foreign_keys(bool on) noexcept {
    foreign_keys_ = on;
    return *this;
  }
  connect_options& journal_mode(sqlite::journal_mode mode) noexcept {
    journal_mode_ = mode;
    return *this;
  }
  connect_options& synchronous(sqlite::synchronous mode) noexcept {
    synchronous_ = mode;
    return *this;
  }
  // How long a statement waits for another connection's lock before failing with
  // SQLITE_BUSY (default 5 s, as sqlx). 0 fails at once.
  connect_options& busy_timeout(duration timeout) noexcept {
    busy_timeout_ = timeout;
    return *this;
  }
  // How long sqlx::migrator waits for the migration lock another process (or connection)
  // holds before throwing migration_lock_timeout_error (default 60 s). The name and meaning of
  // PostgreSQL's session `lock_timeout`, which bounds the PostgreSQL migrator's wait; 0 waits
  // as long as the holder needs (docs/sqlite.md, "Migrations").
  connect_options& lock_timeout(duration timeout) noexcept {
    lock_timeout_ = timeout;
    return *this;
  }
  // Prepared statements kept per connection, least recently used closed first (default 100).
  // 0 prepares every statement anew.
  connect_options& statement_cache_capacity(std::size_t n) noexcept {
    statement_cache_capacity_ = n;
    return *this;
  }
  // Any other PRAGMA, run at connect after the ones above, in the order given
  // ("cache_size", "-20000"). The name and value are not quoted: they come from the program.
  connect_options& pragma(std::string name, std::string value) {
    pragmas_.emplace_back(std::move(name), std::move(value));
    return *this;
  }

  [[nodiscard]] const std::string& filename() const noexcept { return filename_; }
  [[nodiscard]] bool in_memory() const noexcept { return in_memory_; }
  [[nodiscard]] bool read_only() const noexcept { return read_only_; }
  [[nodiscard]] bool create_if_missing() const noexcept { return create_if_missing_; }
  [[nodiscard]] bool shared_cache() const noexcept { return shared_cache_; }
  [[nodiscard]] bool immutable() const noexcept { return immutable_; }
  [[nodiscard]] const std::string& vfs() const noexcept { return vfs_; }
  [[nodiscard]] bool foreign_keys() const noexcept { return foreign_keys_; }
  [[nodiscard]] std::optional<sqlite::journal_mode> journal_mode() const noexcept {
    return journal_mode_;
  }
  [[nodiscard]] std::optional<sqlite::synchronous> synchronous() const noexcept {
    return synchronous_;
  }
  [[nodiscard]] duration busy_timeout() const noexcept { return busy_timeout_; }
  [[nodiscard]] duration lock_timeout() const noexcept { return lock_timeout_; }
  [[nodiscard]] std::size_t statement_cache_capacity() const noexcept {
    return statement_cache_capacity_;
  }
  [[nodiscard]] const std::vector<std::pair<std::string, std::string>>& pragmas() const noexcept {
    return pragmas_;
  }

  // Opens a connection with these options (connection::connect(*this)).
  [[nodiscard]] connection connect() const;

 private:
  std::string filename_;
  bool in_memory_ = false;
  bool read_only_ = false;
  bool create_if_missing_ = false;
  bool shared_cache_ = false;
  bool immutable_ = false;
  std::string vfs_;
  bool foreign_keys_ = true;
  std::optional<sqlite::journal_mode> journal_mode_;
  std::optional<sqlite::synchronous> synchronous_;
  duration busy_timeout_ = std::chrono::seconds(5);
  duration lock_timeout_ = std::chrono::seconds(60);
  std::size_t statement_cache_capacity_ = 100;
  std::vector<std::pair<std::string, std::string>> pragmas_;
};

}  // namespace sqlx::sqlite
