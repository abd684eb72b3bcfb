// A pool of SQLite connections to one database: thread-safe, fair to waiters (first come,
// first served), bounded (never more than max_connections open), with the PostgreSQL pool's
// options (docs/pool.md) and the connections' own (busy timeout, journal mode, ...). The pool,
// a connection lent by it and a transaction begun on it are executors.
//
//   auto pool = sqlx::sqlite::pool_options{}.max_connections(4)
//                   .busy_timeout(std::chrono::seconds(5))
//                   .connect("sqlite://data/bot.db?mode=rwc");
#pragma once

#include <chrono>
#include <concepts>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "sqlx/pg/callback.hpp"
#include "sqlx/pg/pool.hpp"
#include "sqlx/sqlite/connection.hpp"

namespace sqlx::sqlite {

class pool;
class transaction;
struct transaction_options;

namespace detail {
struct pool_state;
struct pool_entry;
// The async pool's opener: defined by <sqlx/asio.hpp> (sqlite/async_pool.hpp); this header
// names no Asio.
template <typename Executor>
struct async_pool_connector;
}  // namespace detail

template <typename R>
using connection_hook = pg::callback<R(connection&)>;

class pool_options {
 public:
  using duration = std::chrono::steady_clock::duration;

  // The most connections open at once (default 10, as sqlx). SQLite has one writer at a time
  // whatever this says; readers run in parallel in WAL mode.
  pool_options& max_connections(std::size_t n) noexcept {
    max_connections_ = n;
    return *this;
  }
  // Connections opened by connect() and kept when idle (default 0).
  pool_options& min_connections(std::size_t n) noexcept {
    min_connections_ = n;
    return *this;
  }
  // A connection older than this is closed when it comes back or is found idle (default 30
  // min; nullopt: never).
  pool_options& max_lifetime(std::optional<duration> d) noexcept {
    max_lifetime_ = d;
    return *this;
  }
  // An idle connection unused this long is closed when found, unless that leaves fewer than
  // min_connections (default 10 min; nullopt: never). No background thread: SQLite
  // connections hold no server resources, so idle ones are reaped by acquire and release.
  pool_options& idle_timeout(std::optional<duration> d) noexcept {
    idle_timeout_ = d;
    return *this;
  }
  // The longest acquire() waits for a connection before throwing sqlx::pool_timeout
  // (default 30 s).
  pool_options& acquire_timeout(duration d) noexcept {
    acquire_timeout_ = d;
    return *this;
  }
  // Checks an idle connection before lending it: one left inside a transaction is rolled back
  // or dropped (default true).
  pool_options& test_before_acquire(bool on) noexcept {
    test_before_acquire_ = on;
    return *this;
  }
  // Runs on every new connection before it is used; when it throws, the connection is closed
  // and the exception reaches the acquirer.
  pool_options& after_connect(connection_hook<void> f) {
    after_connect_ = std::move(f);
    return *this;
  }
  // Runs on an idle connection before it is lent; false closes it and another is used.
  pool_options& before_acquire(connection_hook<bool> f) {
    before_acquire_ = std::move(f);
    return *this;
  }
  // The connections' options; connect(url) parses the URL into them and keeps the rest.
  pool_options& connect_options(sqlite::connect_options o) {
    connect_options_ = std::move(o);
    return *this;
  }
  // Shorthands for the connections' options.
  pool_options& busy_timeout(std::chrono::milliseconds timeout) {
    connect_options_.busy_timeout(timeout);
    return *this;
  }
  pool_options& journal_mode(sqlite::journal_mode mode) {
    connect_options_.journal_mode(mode);
    return *this;
  }
  pool_options& synchronous(sqlite::synchronous mode) {
    connect_options_.synchronous(mode);
    return *this;
  }
  pool_options& foreign_keys(bool on) {
    connect_options_.foreign_keys(on);
    return *this;
  }

  // Opens the pool and max(min_connections, 1) connections, so that a wrong path fails here
  // with connection_error. The URL's file and mode replace the connect options' file and mode;
  // the other options (busy timeout, journal mode, ...) are kept. Throws configuration_error
  // for max_connections 0 or min > max.
  [[nodiscard]] pool connect(std::string_view url) const;
  // The same with the connection options as given (connect_options()).
  [[nodiscard]] pool connect() const;
  // Opens a sqlite::async_pool on `executor` (docs/async.md, "SQLite") and completes through
  // `token` (use_awaitable, a callback, use_future, deferred): needs <sqlx/asio.hpp>.
  template <typename Executor, typename Token>
  auto async_connect(const Executor& executor, const std::string& url, Token&& token) const {
    return detail::async_pool_connector<Executor>::connect(*this, executor, url,
                                                           static_cast<Token&&>(token));
  }
  // These options with the URL's file and mode (what connect(url) opens; the async pool too).
  [[nodiscard]] pool_options with_url(std::string_view url) const;

  [[nodiscard]] std::size_t get_max_connections() const noexcept { return max_connections_; }
  [[nodiscard]] std::size_t get_min_connections() const noexcept { return min_connections_; }
  [[nodiscard]] std::optional<duration> get_max_lifetime() const noexcept { return max_lifetime_; }
  [[nodiscard]] std::optional<duration> get_idle_timeout() const noexcept { return idle_timeout_; }
  [[nodiscard]] duration get_acquire_timeout() const noexcept { return acquire_timeout_; }
  [[nodiscard]] bool get_test_before_acquire() const noexcept { return test_before_acquire_; }
  [[nodiscard]] const sqlite::connect_options& get_connect_options() const noexcept {
    return connect_options_;
  }
  // The hooks, for the async pool (sqlite/async_pool.hpp), which runs them on a connection's
  // worker thread.
  [[nodiscard]] const connection_hook<void>& get_after_connect() const noexcept {
    return after_connect_;
  }
  [[nodiscard]] const connection_hook<bool>& get_before_acquire() const noexcept {
    return before_acquire_;
  }

 private:
  friend struct detail::pool_state;

  std::size_t max_connections_ = 10;
  std::size_t min_connections_ = 0;
  std::optional<duration> max_lifetime_ = std::chrono::minutes(30);
  std::optional<duration> idle_timeout_ = std::chrono::minutes(10);
  duration acquire_timeout_ = std::chrono::seconds(30);
  bool test_before_acquire_ = true;
  connection_hook<void> after_connect_;
  connection_hook<bool> before_acquire_;
  sqlite::connect_options connect_options_;
};

// A connection lent by the pool; goes back when this object goes away. Movable; an executor.
class pooled_connection {
 public:
  pooled_connection(pooled_connection&& other) noexcept
      : state_(std::exchange(other.state_, nullptr)),
        entry_(std::exchange(other.entry_, nullptr)) {}
  pooled_connection& operator=(pooled_connection&& other) noexcept;
  pooled_connection(const pooled_connection&) = delete;
  pooled_connection& operator=(const pooled_connection&) = delete;
  ~pooled_connection() { release(); }

  [[nodiscard]] connection& operator*() const noexcept;
  [[nodiscard]] connection* operator->() const noexcept { return &**this; }

  // Returns the connection to the pool now rather than at scope exit.
  void release() noexcept;

  using sqlite_executor_tag = void;
  template <typename F>
  requires std::invocable<F&&, connection&>
  decltype(auto) with_connection(F&& f) { return std::forward<F>(f)(**this); }

 private:
  friend struct detail::pool_state;
  pooled_connection(detail::pool_state* state, detail::pool_entry* entry) noexcept
      : state_(state), entry_(entry) {}

  detail::pool_state* state_ = nullptr;  // a reference (counted by hand: no <memory>)
  detail::pool_entry* entry_ = nullptr;  // owned; null when moved from or released
};

class pool {
 public:
  // A pool with the default options.
  [[nodiscard]] static pool connect(std::string_view url);

  pool(pool&& other) noexcept : state_(std::exchange(other.state_, nullptr)) {}
  pool& operator=(pool&& other) noexcept;
  pool(const pool&) = delete;
  pool& operator=(const pool&) = delete;
  ~pool();

  // Lends a connection: an idle one, else a new one while fewer than max_connections are
  // open, else waits - first come, first served - at most acquire_timeout (pool_timeout).
  [[nodiscard]] pooled_connection acquire();

  using sqlite_executor_tag = void;
  template <typename F>
  requires std::invocable<F&&, connection&>
  decltype(auto) with_connection(F&& f) {
    pooled_connection conn = acquire();
    return std::forward<F>(f)(*conn);
  }

  // A transaction on a connection it holds until it ends (transaction.hpp).
  [[nodiscard]] transaction begin();
  [[nodiscard]] transaction begin(const transaction_options& options);

  [[nodiscard]] std::size_t size() const;
  [[nodiscard]] std::size_t num_idle() const;
  [[nodiscard]] const pool_options& options() const noexcept;

  // Closes the idle connections and fails waiting and later acquires; connections still lent
  // are closed when they come back. Idempotent.
  void close() noexcept;

 private:
  friend class pool_options;
  explicit pool(detail::pool_state* state) noexcept : state_(state) {}
  detail::pool_state* state_ = nullptr;
};

}  // namespace sqlx::sqlite

#include "sqlx/sqlite/transaction.hpp"
