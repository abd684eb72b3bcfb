// SQLite's migration dialect (src/runtime/internal/migration_dialect.hpp): sqlx's SQLite
// `_sqlx_migrations` table (sqlx-sqlite's migrate.rs: its column types differ from
// PostgreSQL's), a migration's SQL run statement by statement, and a cross-process lock sqlx
// does not take.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <mutex>
#include <string>
#include <thread>

#include "../internal/migration_dialect.hpp"
#include "sqlx/sqlite/connection.hpp"
#include "sqlx/sqlite/pool.hpp"

namespace sqlx {
namespace {

// Line and column (1-based) of byte `offset` in `text`.
std::string line_and_column(std::string_view text, std::size_t offset) {
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

// Runs a migration's SQL one statement at a time, so that a failure names its place in the
// file and a `-- no-transaction` migration can say how many statements took effect.
void run_script(sqlite::connection& conn, const migration& m, bool transactional) {
  sqlite3* db = conn.native_handle();
  const std::string& sql = m.sql;
  const char* at = sql.c_str();
  const char* const end = sql.c_str() + sql.size();
  int done = 0;
  while (at < end) {
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v2(db, at, static_cast<int>(end - at), &stmt, &tail);
    if (rc == SQLITE_OK && stmt != nullptr) {
      while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      }
      if (rc == SQLITE_DONE) rc = SQLITE_OK;
    }
    if (rc != SQLITE_OK) {
      pg::database_error::fields f;
      f.message = sqlite3_errmsg(db);
      const int within = sqlite3_error_offset(db);
      const auto offset = static_cast<std::size_t>(at - sql.c_str()) +
                          static_cast<std::size_t>(within < 0 ? 0 : within);
      sqlite3_finalize(stmt);
      // Whitespace before the statement is not its place.
      std::size_t place = offset;
      while (
          within < 0 && place < sql.size() &&
          (sql[place] == ' ' || sql[place] == '\n' || sql[place] == '\t' || sql[place] == '\r')) {
        ++place;
      }
      f.position = static_cast<int>(place) + 1;
      std::string what = m.name() + " failed at " + line_and_column(sql, place) + ": " + f.message;
      what += transactional ? "; rolled back, nothing of it was applied"
                            : "; -- no-transaction: " + std::to_string(done) +
                                  " statement(s) before it took effect, and it is not recorded";
      throw migration_failed_error(what, m.version, std::move(f));
    }
    sqlite3_finalize(stmt);
    if (stmt != nullptr) ++done;
    at = tail;
  }
}

// The migration lock: flock() on "<file>-migrate-lock", a file of its own (opening and closing
// the database file itself would drop SQLite's own POSIX locks of this process). In-memory
// databases live in this process only: a mutex. The wait is bounded by the connection's
// lock_timeout (0: none), as PostgreSQL's session lock_timeout bounds the PostgreSQL
// migrator's: tries with LOCK_NB and short growing sleeps, since flock() itself has no timeout.
// The holder writes its pid into the file, so that a waiter that gives up can name it.
class file_lock {
 public:
  using duration = sqlite::connect_options::duration;

  file_lock(const std::string& database_file, duration timeout) {
    const auto start = std::chrono::steady_clock::now();
    if (database_file.empty()) {
      if (timeout.count() == 0) {
        memory_mutex().lock();
      } else if (!memory_mutex().try_lock_for(timeout)) {
        throw migration_lock_timeout_error(
            "gave up waiting for the migration lock of this in-memory database after " +
            std::to_string(waited_ms(start)) +
            " ms (connect_options::lock_timeout): another connection of this process is "
            "migrating it");
      }
      memory_ = true;
      return;
    }
    path_ = database_file + "-migrate-lock";
    fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) {
      throw migrate_error("cannot open the migration lock file " + path_ + ": " +
                          std::strerror(errno));
    }
    std::chrono::milliseconds delay{10};
    while (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
      const int error = errno;
      if (error == EINTR) continue;
      if (error != EWOULDBLOCK) {
        ::close(fd_);
        throw migrate_error("cannot lock " + path_ + ": " + std::strerror(error));
      }
      const long long waited = waited_ms(start);
      if (timeout.count() > 0 && waited >= timeout.count()) {
        const std::string holder = holder_of_lock();
        ::close(fd_);
        throw migration_lock_timeout_error("gave up waiting for the migration lock " + path_ +
                                           " (flock) after " + std::to_string(waited) +
                                           " ms (connect_options::lock_timeout, " +
                                           std::to_string(timeout.count()) + " ms): " + holder +
                                           " still holds it, migrating " + database_file);
      }
      std::chrono::milliseconds sleep = delay;
      if (timeout.count() > 0) sleep = std::min(sleep, timeout - duration(waited));
      std::this_thread::sleep_for(sleep);
      delay = std::min(delay * 2, std::chrono::milliseconds(500));
    }
    record_holder();
  }
  ~file_lock() {
    if (memory_) memory_mutex().unlock();
    if (fd_ >= 0) ::close(fd_);  // releases the lock; the file stays for the next run
  }
  file_lock(const file_lock&) = delete;
  file_lock& operator=(const file_lock&) = delete;

 private:
  static std::timed_mutex& memory_mutex() {
    static std::timed_mutex m;
    return m;
  }
  static long long waited_ms(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                 start)
        .count();
  }
  // Best effort: the message is the same without it.
  void record_holder() const noexcept {
    const std::string pid = std::to_string(::getpid()) + "\n";
    if (::ftruncate(fd_, 0) == 0) {
      [[maybe_unused]] const ssize_t written = ::pwrite(fd_, pid.data(), pid.size(), 0);
    }
  }
  [[nodiscard]] std::string holder_of_lock() const {
    char buffer[32] = {};
    const ssize_t n = ::pread(fd_, buffer, sizeof buffer - 1, 0);
    std::string pid(buffer, n > 0 ? static_cast<std::size_t>(n) : 0);
    while (!pid.empty() && (pid.back() == '\n' || pid.back() == '\r')) pid.pop_back();
    const bool digits = !pid.empty() && pid.find_first_not_of("0123456789") == std::string::npos;
    return digits ? "process " + pid : "another process";
  }

  std::string path_;
  int fd_ = -1;
  bool memory_ = false;
};

class sqlite_dialect final : public detail::migration_dialect {
 public:
  explicit sqlite_dialect(sqlite::connection& conn) : conn_(conn) {}

  void require_idle() override {
    if (conn_.in_transaction()) {
      throw migrate_error(
          "migrations must run outside a transaction: each one commits its own transaction "
          "(and -- no-transaction ones cannot run in one); commit or roll back first");
    }
  }
  void lock() override { lock_.emplace(conn_.filename(), conn_.options().lock_timeout()); }
  void unlock() noexcept override { lock_.reset(); }
  void enter_schema(const std::optional<std::string>& schema, bool) override {
    if (schema) {
      throw migrate_error(
          "migrate_options::schema is PostgreSQL's (a search_path); SQLite has "
          "no schemas to migrate into: use one database file per instance");
    }
  }
  void leave_schema() noexcept override {}

  bool table_exists() override {
    auto stmt = conn_.prepare(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '_sqlx_migrations'");
    (void)stmt.step();
    return stmt.get<std::int64_t>(0) > 0;
  }
  void ensure_table() override {
    // Exactly sqlx's SQLite definition.
    conn_.execute(
        "CREATE TABLE IF NOT EXISTS _sqlx_migrations (\n"
        "    version BIGINT PRIMARY KEY,\n"
        "    description TEXT NOT NULL,\n"
        "    installed_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,\n"
        "    success BOOLEAN NOT NULL,\n"
        "    checksum BLOB NOT NULL,\n"
        "    execution_time BIGINT NOT NULL\n"
        ");");
  }
  std::map<std::int64_t, detail::applied_migration> list_applied() override {
    std::map<std::int64_t, detail::applied_migration> rows;
    auto stmt = conn_.prepare(
        "SELECT version, description, success, checksum FROM _sqlx_migrations ORDER BY version");
    while (stmt.step()) {
      detail::applied_migration row;
      row.version = stmt.get<std::int64_t>(0);
      row.description = stmt.get<std::string>(1);
      row.success = stmt.get<bool>(2);
      for (const std::byte b : stmt.get<std::vector<std::byte>>(3)) {
        row.checksum.push_back(static_cast<std::uint8_t>(b));
      }
      rows.emplace(row.version, std::move(row));
    }
    return rows;
  }
  void apply(const migration& m) override {
    in_transaction(m, [&] {
      run_script(conn_, m, !m.no_transaction);
      const std::span<const std::byte> checksum(
          reinterpret_cast<const std::byte*>(m.checksum.data()), m.checksum.size());
      (void)conn_.execute(
          "INSERT INTO _sqlx_migrations (version, description, success, checksum, "
          "execution_time) VALUES (?1, ?2, TRUE, ?3, -1)",
          m.version, m.description, checksum);
    });
  }
  void record_execution_time(std::int64_t version, std::chrono::nanoseconds elapsed) override {
    (void)conn_.execute("UPDATE _sqlx_migrations SET execution_time = ?1 WHERE version = ?2",
                        static_cast<std::int64_t>(elapsed.count()), version);
  }
  void revert(const migration& m) override {
    in_transaction(m, [&] {
      run_script(conn_, m, !m.no_transaction);
      (void)conn_.execute("DELETE FROM _sqlx_migrations WHERE version = ?1", m.version);
    });
  }

 private:
  // IMMEDIATE: the write lock first, so the migration never fails with SQLITE_BUSY half-way
  // because the application's connections wrote meanwhile (it waits the busy timeout instead).
  template <typename F>
  void in_transaction(const migration& m, F&& body) {
    if (!m.no_transaction) conn_.execute("BEGIN IMMEDIATE");
    try {
      body();
      if (!m.no_transaction) conn_.execute("COMMIT");
    } catch (...) {
      if (conn_.in_transaction()) {
        try {
          conn_.execute("ROLLBACK");
        } catch (...) {
          // SQLite rolled back already (an I/O error): nothing left to undo.
        }
      }
      throw;
    }
  }

  sqlite::connection& conn_;
  std::optional<file_lock> lock_;
};

}  // namespace

std::vector<migration_step> migrator::run(sqlite::connection& conn,
                                          const migrate_options& options) const {
  sqlite_dialect dialect(conn);
  return detail::run_migrations(migrations_, dialect, options);
}

std::vector<migration_step> migrator::run(sqlite::pool& pool,
                                          const migrate_options& options) const {
  auto conn = pool.acquire();
  return run(*conn, options);
}

std::vector<migration_step> migrator::revert(sqlite::connection& conn,
                                             const migrate_options& options) const {
  sqlite_dialect dialect(conn);
  return detail::revert_migrations(migrations_, dialect, options);
}

std::vector<migration_status> migrator::info(sqlite::connection& conn,
                                             const migrate_options& options) const {
  sqlite_dialect dialect(conn);
  return detail::migration_info(migrations_, dialect, options);
}

}  // namespace sqlx
