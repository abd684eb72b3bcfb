// A pool of connections to one server: thread-safe, fair to waiters (first come, first
// served), bounded (never more than max_connections open, counting those being opened), and
// self-healing (broken connections are dropped, idle and aged ones reaped, min_connections
// kept warm by a background thread). The pool, a connection lent by it and a transaction
// begun on it are all executors, so checked queries run on any of them.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>

#include "sqlx/detail/pool_options_base.hpp"
#include "sqlx/error.hpp"
#include "sqlx/pg/callback.hpp"
#include "sqlx/pg/connection.hpp"

namespace sqlx {

// An acquire took longer than the pool's acquire_timeout: all connections stayed busy, or the
// server did not answer a new connection or the ping of an idle one in time.
class pool_timeout : public error {
 public:
  using error::error;
  ~pool_timeout() override;
};

}  // namespace sqlx

namespace sqlx::pg {

class pool;
class transaction;
struct transaction_options;

namespace detail {
struct pool_state;
struct pool_entry;
// The async pool's opener: defined by <sqlx/asio.hpp> (docs/async.md); this header names no Asio.
template <typename Executor>
struct async_pool_connector;

// Shared ownership of the pool's state by the pool and the connections it lent, so that a
// connection returned after the pool went away finds the state still there. Counted by hand
// rather than by std::shared_ptr: this header is part of <sqlx/sqlx.hpp>, and <memory> would
// cost every translation unit with a checked query its compile time (docs/performance.md).
class pool_state_ref {
 public:
  pool_state_ref() noexcept = default;
  explicit pool_state_ref(pool_state* adopted) noexcept : state_(adopted) {}  // its reference
  pool_state_ref(const pool_state_ref& other) noexcept;
  pool_state_ref(pool_state_ref&& other) noexcept : state_(std::exchange(other.state_, nullptr)) {}
  pool_state_ref& operator=(pool_state_ref other) noexcept {
    std::swap(state_, other.state_);
    return *this;
  }
  ~pool_state_ref() { reset(); }

  void reset() noexcept;
  [[nodiscard]] pool_state* get() const noexcept { return state_; }
  [[nodiscard]] pool_state* operator->() const noexcept { return state_; }
  explicit operator bool() const noexcept { return state_ != nullptr; }

 private:
  pool_state* state_ = nullptr;
};
}  // namespace detail

// The pool's after_connect and before_acquire hooks: a copyable callable taking the
// connection, as std::function<R(connection&)>.
template <typename R>
using connection_hook = callback<R(connection&)>;

// How a pool behaves; the setters chain, and connect() opens the pool:
//   auto p = pool_options{}.max_connections(10).idle_timeout(std::chrono::seconds(60))
//                .connect(url);
// The defaults are sqlx's. The common options are basic_pool_options' (detail/
// pool_options_base.hpp); here: min_connections are topped up by a background thread;
// acquire_timeout bounds the connect (whatever connect_timeout the URL says) and the ping too,
// also when the server stops answering, but not after_connect and before_acquire, and at least
// one year means no bound (libpq's connect_timeout applies).
class pool_options : public sqlx::detail::basic_pool_options<pool_options, connection> {
 public:
  // Options for each connection (statement cache size, notice sink).
  pool_options& connection_options(pg::connection_options o) noexcept {
    connection_options_ = std::move(o);
    return *this;
  }
  // Where the server's notices on the pool's connections go (see connection_options::on_notice);
  // when set, it wins over the one in connection_options. Called from any thread, also
  // several at once.
  pool_options& on_notice(notice_handler f) noexcept {
    on_notice_ = std::move(f);
    return *this;
  }

  // Opens the pool and max(min_connections, 1) connections at once, so that a wrong URL or a
  // server that is down fails here with connection_error rather than at the first query.
  // Throws sqlx::configuration_error for max_connections 0 or min > max.
  [[nodiscard]] pool connect(const std::string& url) const;
  // Opens the pool without connecting; connections are opened on demand (and min_connections
  // by the background thread).
  [[nodiscard]] pool connect_lazy(const std::string& url) const;

  // Opens a sqlx::pg::async_pool with these options on an Asio executor, completing through
  // `token` (use_awaitable, a callback, use_future, deferred): needs <sqlx/asio.hpp>.
  template <typename Executor, typename Token>
  auto async_connect(const Executor& executor, const std::string& url, Token&& token) const {
    return detail::async_pool_connector<Executor>::connect(*this, executor, url,
                                                           static_cast<Token&&>(token));
  }

  // The per-connection options, with on_notice's sink when one is set.
  [[nodiscard]] pg::connection_options get_connection_options() const {
    pg::connection_options o = connection_options_;
    if (on_notice_) o.on_notice = on_notice_;
    return o;
  }

 private:
  friend struct detail::pool_state;

  pg::connection_options connection_options_;
  notice_handler on_notice_;
};

// A connection lent by a pool; goes back to it when this object goes away (also during stack
// unwinding). A connection that broke, or was left inside a transaction that cannot be rolled
// back, is closed instead of returned. Movable; an executor.
class pooled_connection {
 public:
  pooled_connection(pooled_connection&& other) noexcept;
  pooled_connection& operator=(pooled_connection&& other) noexcept;
  pooled_connection(const pooled_connection&) = delete;
  pooled_connection& operator=(const pooled_connection&) = delete;
  ~pooled_connection();

  [[nodiscard]] connection& operator*() const noexcept { return *conn_; }
  [[nodiscard]] connection* operator->() const noexcept { return conn_; }

  // Returns the connection to the pool now rather than at scope exit.
  void release() noexcept;

  template <typename F>
  decltype(auto) with_connection(F&& f) {
    return std::forward<F>(f)(*conn_);
  }

 private:
  friend struct detail::pool_state;
  pooled_connection(detail::pool_state_ref state, detail::pool_entry* entry) noexcept;

  // Shared with the pool, so that a connection returned after the pool went away finds the
  // state still there (and is closed).
  detail::pool_state_ref state_;
  detail::pool_entry* entry_ = nullptr;  // owned; null when moved from or released
  connection* conn_ = nullptr;
};

class pool {
 public:
  // A pool with the default options (pool_options{}.connect(url)).
  [[nodiscard]] static pool connect(const std::string& url);

  pool(pool&&) noexcept;
  pool& operator=(pool&&) noexcept;
  pool(const pool&) = delete;
  pool& operator=(const pool&) = delete;
  // Closes the pool (see close()).
  ~pool();

  // Lends a connection: an idle one (checked as the options say), else a new one while fewer
  // than max_connections are open, else waits - first come, first served. All of it, the
  // ping and the connect included, within acquire_timeout, else sqlx::pool_timeout. A failure
  // to open a connection throws connection_error and frees its slot.
  [[nodiscard]] pooled_connection acquire();

  // The executor seam: lends a connection for the duration of `f`.
  template <typename F>
  decltype(auto) with_connection(F&& f) {
    pooled_connection conn = acquire();
    return std::forward<F>(f)(*conn);
  }

  // A transaction on a connection it holds until it ends (transaction.hpp).
  [[nodiscard]] transaction begin();
  [[nodiscard]] transaction begin(const transaction_options& options);

  // Open connections (lent, idle and being opened); 0 for a moved-from pool.
  [[nodiscard]] std::size_t size() const;
  [[nodiscard]] std::size_t num_idle() const;
  [[nodiscard]] const pool_options& options() const noexcept;

  // Stops the background thread, closes the idle connections and fails waiting and later
  // acquires with sqlx::error; connections still lent are closed when they come back.
  // Idempotent.
  void close() noexcept;

 private:
  friend class pool_options;
  explicit pool(detail::pool_state_ref state) noexcept;
  detail::pool_state_ref state_;
};

}  // namespace sqlx::pg

// pool::begin returns a transaction, and a transaction can own a pooled_connection: each
// header includes the other so that either one alone is enough (#pragma once breaks the cycle).
#include "sqlx/pg/transaction.hpp"
