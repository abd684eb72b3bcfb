// What the PostgreSQL and SQLite async transactions (pg/async_transaction.hpp,
// sqlite/async_transaction.hpp) share. A destructor cannot co_await, so one dropped without
// commit queues its ROLLBACK (or ROLLBACK TO SAVEPOINT) on the connection at once
// (Transaction::queue_rollback): whatever runs on the connection later runs after it, and a
// pool lends the connection again only once it has run. The members are defined once, in
// src/asio/async_transaction_core.hpp, and instantiated there for each database.
#pragma once

#include <cstddef>
#include <string>
#include <utility>

#include "sqlx/pg/async_common.hpp"

namespace sqlx::detail {

// Transaction: the derived class, with static execute(Connection&, std::string) (a coroutine),
// static queue_rollback(Connection&, depth) and a `database` name for messages.
template <typename Transaction, typename Connection, typename Pooled>
class basic_async_transaction {
 public:
  // Move-only (declaring the moves deletes the copies).
  basic_async_transaction(basic_async_transaction&& other) noexcept;
  basic_async_transaction& operator=(basic_async_transaction&& other) noexcept;
  // Not committed nor rolled back: queues the rollback (see above).
  ~basic_async_transaction();

  // COMMIT, or RELEASE SAVEPOINT for a nested transaction.
  [[nodiscard]] asio::awaitable<void> commit();
  // ROLLBACK, or ROLLBACK TO SAVEPOINT and RELEASE SAVEPOINT for a nested transaction (the
  // outer work stays).
  [[nodiscard]] asio::awaitable<void> rollback();
  // A nested transaction: a SAVEPOINT on this transaction's connection; it must end before
  // this one.
  [[nodiscard]] asio::awaitable<Transaction> begin_nested();

  template <typename Token>
  auto async_commit(Token&& token) {
    return pg::detail::launch(get_executor(), commit(), std::forward<Token>(token));
  }
  template <typename Token>
  auto async_rollback(Token&& token) {
    return pg::detail::launch(get_executor(), rollback(), std::forward<Token>(token));
  }
  template <typename Token>
  auto async_begin(Token&& token) {
    return pg::detail::launch(get_executor(), begin_nested(), std::forward<Token>(token));
  }

  [[nodiscard]] bool is_active() const noexcept { return active_; }
  [[nodiscard]] Connection& connection() const;

  // An executor of checked queries.
  [[nodiscard]] asio::any_io_executor get_executor() const noexcept;

 protected:
  basic_async_transaction() noexcept = default;
  // `begin` run on the connection; a pooled one is kept until the transaction ends.
  [[nodiscard]] static asio::awaitable<Transaction> start(Pooled pooled, Connection& conn,
                                                          std::string begin);

 private:
  [[nodiscard]] static Transaction make(Pooled pooled, Connection* conn, std::size_t depth);
  [[nodiscard]] asio::awaitable<void> finish(std::string sql);
  void drop() noexcept;

  Pooled pooled_;  // when begun on a pool
  Connection* conn_ = nullptr;
  std::size_t depth_ = 0;  // 0: BEGIN; n: the n-th nested SAVEPOINT
  bool active_ = false;
};

}  // namespace sqlx::detail
