// The async transactions' shared members (sqlx/detail/async_transaction_base.hpp), defined
// once for PostgreSQL (async_transaction.cpp) and SQLite (sqlite_async_transaction.cpp), each
// of which instantiates them.
#pragma once

#include <fmt/format.h>

#include "sqlx/detail/async_transaction_base.hpp"
#include "sqlx/detail/transaction_base.hpp"
#include "sqlx/error.hpp"

namespace sqlx::detail {

template <typename T, typename C, typename P>
basic_async_transaction<T, C, P>::basic_async_transaction(basic_async_transaction&& other) noexcept
    : pooled_(std::move(other.pooled_)),
      conn_(std::exchange(other.conn_, nullptr)),
      depth_(other.depth_),
      active_(std::exchange(other.active_, false)) {}

template <typename T, typename C, typename P>
basic_async_transaction<T, C, P>& basic_async_transaction<T, C, P>::operator=(
    basic_async_transaction&& other) noexcept {
  if (this != &other) {
    drop();  // queued before the pooled connection (if any) goes back
    pooled_ = std::move(other.pooled_);
    conn_ = std::exchange(other.conn_, nullptr);
    depth_ = other.depth_;
    active_ = std::exchange(other.active_, false);
  }
  return *this;
}

template <typename T, typename C, typename P>
basic_async_transaction<T, C, P>::~basic_async_transaction() {
  drop();
}

// Queued now, before the pooled connection (if any) goes back: the pool settles it (the
// rollback done) before lending it again; on a borrowed connection it runs before the next
// operation.
template <typename T, typename C, typename P>
void basic_async_transaction<T, C, P>::drop() noexcept {
  if (!active_ || conn_ == nullptr) return;
  active_ = false;
  T::queue_rollback(*conn_, depth_);
}

template <typename T, typename C, typename P>
T basic_async_transaction<T, C, P>::make(P pooled, C* conn, std::size_t depth) {
  T t;
  basic_async_transaction& base = t;
  base.pooled_ = std::move(pooled);
  base.conn_ = conn;
  base.depth_ = depth;
  base.active_ = true;
  return t;
}

template <typename T, typename C, typename P>
asio::awaitable<T> basic_async_transaction<T, C, P>::start(P pooled, C& conn, std::string begin) {
  co_await T::execute(conn, std::move(begin));
  co_return make(std::move(pooled), &conn, 0);
}

template <typename T, typename C, typename P>
asio::awaitable<void> basic_async_transaction<T, C, P>::finish(std::string sql) {
  C& c = connection();
  if (!active_) throw sqlx::error("sqlx: the transaction has already ended");
  // Still active when the command fails or is cancelled: the destructor queues the rollback
  // (a no-op error when the database already rolled back).
  co_await T::execute(c, std::move(sql));
  active_ = false;
  pooled_.release();
}

template <typename T, typename C, typename P>
asio::awaitable<void> basic_async_transaction<T, C, P>::commit() {
  return finish(commit_command(depth_));
}

template <typename T, typename C, typename P>
asio::awaitable<void> basic_async_transaction<T, C, P>::rollback() {
  if (depth_ == 0) return finish(rollback_command(0));
  // ROLLBACK TO keeps the savepoint; releasing it too leaves the outer transaction as it was.
  return [](basic_async_transaction* self) -> asio::awaitable<void> {
    C& c = self->connection();
    if (!self->active_) throw sqlx::error("sqlx: the transaction has already ended");
    co_await T::execute(c, rollback_to_command(self->depth_));
    co_await self->finish(commit_command(self->depth_));
  }(this);
}

template <typename T, typename C, typename P>
asio::awaitable<T> basic_async_transaction<T, C, P>::begin_nested() {
  C& c = connection();
  if (!active_) throw sqlx::error("sqlx: the transaction has already ended");
  const std::size_t depth = depth_ + 1;
  co_await T::execute(c, savepoint_command(depth));
  co_return make(P(), &c, depth);
}

template <typename T, typename C, typename P>
C& basic_async_transaction<T, C, P>::connection() const {
  if (conn_ == nullptr) {
    throw sqlx::error(
        fmt::format("sqlx: use of a moved-from or empty {}async_transaction", T::database));
  }
  return *conn_;
}

template <typename T, typename C, typename P>
asio::any_io_executor basic_async_transaction<T, C, P>::get_executor() const noexcept {
  return conn_ != nullptr ? conn_->get_executor() : asio::any_io_executor();
}

}  // namespace sqlx::detail
