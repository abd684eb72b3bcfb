// What the PostgreSQL and SQLite async pools (pg/async_pool.hpp, sqlite/async_pool.hpp) have in
// common in their public classes: the lent connection's ownership and the handle on the pool.
// The members are defined once, in src/asio/async_pool_core.hpp, and instantiated there for
// each database's pool state; each database's classes derive from these and add their own
// query members.
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>

#include "sqlx/pg/async_common.hpp"

namespace sqlx::detail {

// The owner of what goes back to an async pool when it goes away: held as
// unique_ptr<T, pool_return<State, T>>, a lent connection's entry is released to the pool; the
// pool's own state (T = State) is closed. Moves and destruction then need no code of their own.
template <typename State, typename T>
struct pool_return {
  std::shared_ptr<State> pool;
  void operator()(T* p) const noexcept;
};

// A connection lent by an async pool: goes back when this object goes away (the pool closes a
// broken one and settles one left inside a transaction before lending it again).
template <typename State, typename Entry, typename Connection>
class basic_async_pooled_connection {
 public:
  [[nodiscard]] Connection& operator*() const noexcept;
  [[nodiscard]] Connection* operator->() const noexcept;
  // Returns the connection now rather than at scope exit.
  void release() noexcept;

  // An executor of checked queries, as the connection.
  [[nodiscard]] asio::any_io_executor get_executor() const noexcept;

 protected:
  basic_async_pooled_connection() noexcept = default;
  basic_async_pooled_connection(std::shared_ptr<State> pool, std::unique_ptr<Entry> entry) noexcept;
  // The connection; sqlx::error once released.
  [[nodiscard]] Connection& lent() const;

 private:
  std::unique_ptr<Entry, pool_return<State, Entry>> entry_;
};

// The handle on an async pool's state, which the pool's coroutines share; closes the pool when
// it goes away (or is assigned to).
template <typename State>
class basic_async_pool {
 public:
  using executor_type = asio::any_io_executor;

  [[nodiscard]] executor_type get_executor() const noexcept;
  // Connections open (lent, idle, being opened or settled) and idle.
  [[nodiscard]] std::size_t size() const noexcept;
  [[nodiscard]] std::size_t idle() const noexcept;
  // Closes idle connections, fails waiting acquires (sqlx::error), stops the timer;
  // connections still lent are closed when they come back.
  void close() noexcept;

 protected:
  basic_async_pool() noexcept = default;
  explicit basic_async_pool(std::shared_ptr<State> state) noexcept;
  // The state; sqlx::error for an empty pool.
  [[nodiscard]] const std::shared_ptr<State>& state() const;

 private:
  std::unique_ptr<State, pool_return<State, State>> state_;
};

}  // namespace sqlx::detail
