// The options every pool has, PostgreSQL's and SQLite's, blocking and async (docs/pool.md):
// each database's pool_options derives from basic_pool_options and adds how its connections
// are opened. The setters chain and return the derived options.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <utility>

#include "sqlx/pg/callback.hpp"

namespace sqlx::detail {

template <typename Options, typename Connection>
class basic_pool_options {
 public:
  using duration = std::chrono::steady_clock::duration;
  // The after_connect and before_acquire hooks: a copyable callable taking the connection.
  template <typename R>
  using hook = pg::callback<R(Connection&)>;

  // The most connections open at once, counting those being opened (default 10, as sqlx).
  Options& max_connections(std::size_t n) noexcept {
    max_connections_ = n;
    return self();
  }
  // Connections opened by connect() and kept open when idle (default 0); a pool with a
  // background thread or timer opens them again after connections were closed.
  Options& min_connections(std::size_t n) noexcept {
    min_connections_ = n;
    return self();
  }
  // A connection older than this is closed when it is next returned or found idle
  // (default 30 min; nullopt: never). Bounds the memory a long-lived connection accumulates.
  Options& max_lifetime(std::optional<duration> d) noexcept {
    max_lifetime_ = d;
    return self();
  }
  // An idle connection unused for this long is closed, unless that would leave fewer than
  // min_connections (default 10 min; nullopt: never).
  Options& idle_timeout(std::optional<duration> d) noexcept {
    idle_timeout_ = d;
    return self();
  }
  // The longest acquire() takes before throwing sqlx::pool_timeout (default 30 s): waiting
  // for a connection, and for PostgreSQL also opening one and the liveness ping.
  Options& acquire_timeout(duration d) noexcept {
    acquire_timeout_ = d;
    return self();
  }
  // Checks an idle connection before lending it (default true): PostgreSQL pings it, so that
  // one the server dropped is replaced instead of failing the caller's query; SQLite rolls
  // back a transaction left open on it.
  Options& test_before_acquire(bool on) noexcept {
    test_before_acquire_ = on;
    return self();
  }
  // Runs on every new connection before it is used (SET search_path, PRAGMA ...); when it
  // throws, the connection is closed and the exception reaches the acquirer. Called from any
  // thread, also a pool's background one.
  Options& after_connect(hook<void> f) {
    after_connect_ = std::move(f);
    return self();
  }
  // Runs on an idle connection before it is lent; false closes it and another is used.
  Options& before_acquire(hook<bool> f) {
    before_acquire_ = std::move(f);
    return self();
  }

  [[nodiscard]] std::size_t get_max_connections() const noexcept { return max_connections_; }
  [[nodiscard]] std::size_t get_min_connections() const noexcept { return min_connections_; }
  [[nodiscard]] std::optional<duration> get_max_lifetime() const noexcept { return max_lifetime_; }
  [[nodiscard]] std::optional<duration> get_idle_timeout() const noexcept { return idle_timeout_; }
  [[nodiscard]] duration get_acquire_timeout() const noexcept { return acquire_timeout_; }
  [[nodiscard]] bool get_test_before_acquire() const noexcept { return test_before_acquire_; }
  [[nodiscard]] const hook<void>& get_after_connect() const noexcept { return after_connect_; }
  [[nodiscard]] const hook<bool>& get_before_acquire() const noexcept { return before_acquire_; }

 protected:
  std::size_t max_connections_ = 10;
  std::size_t min_connections_ = 0;
  std::optional<duration> max_lifetime_ = std::chrono::minutes(30);
  std::optional<duration> idle_timeout_ = std::chrono::minutes(10);
  duration acquire_timeout_ = std::chrono::seconds(30);
  bool test_before_acquire_ = true;
  hook<void> after_connect_;
  hook<bool> before_acquire_;

 private:
  Options& self() noexcept { return static_cast<Options&>(*this); }
};

}  // namespace sqlx::detail
