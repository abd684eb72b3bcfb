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

// How a SQLite pool behaves: basic_pool_options' options (detail/pool_options_base.hpp) and
// the connections' own. SQLite has one writer at a time whatever max_connections says; readers
// run in parallel in WAL mode. No background thread: SQLite connections hold no server
// resources, so idle ones are reaped by acquire and release. acquire_timeout bounds the wait
// for a connection.
class pool_options : public sqlx::detail::basic_pool_options<pool_options, connection> {
 public:
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

  [[nodiscard]] const sqlite::connect_options& get_connect_options() const noexcept {
    return connect_options_;
  }

 private:
  friend struct detail::pool_state;

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
