// A transaction on a SQLite async connection (docs/async.md, "SQLite"): IMMEDIATE by default,
// as the blocking sqlite::transaction (the write lock taken at BEGIN, waiting up to the busy
// timeout). A destructor cannot co_await, so one dropped without commit queues its ROLLBACK
// (or ROLLBACK TO) on the connection's worker at once: whatever runs on the connection later
// runs after it, and a pool lends the connection again only once it has run.
#pragma once

#include <cstddef>
#include <string>
#include <utility>

#include "sqlx/pg/async_common.hpp"
#include "sqlx/sqlite/async_connection.hpp"
#include "sqlx/sqlite/async_pool.hpp"
#include "sqlx/sqlite/transaction.hpp"

namespace sqlx::sqlite {

class async_transaction {
 public:
  using sqlite_async_executor_tag = void;

  // No transaction: what a completion handler receives alongside an exception.
  async_transaction() noexcept = default;
  async_transaction(async_transaction&& other) noexcept;
  async_transaction& operator=(async_transaction&& other) noexcept;
  async_transaction(const async_transaction&) = delete;
  async_transaction& operator=(const async_transaction&) = delete;
  // Not committed nor rolled back: queues the rollback (see above).
  ~async_transaction();

  // BEGIN on a borrowed connection, which must outlive the transaction.
  [[nodiscard]] static asio::awaitable<async_transaction> begin(async_connection& conn,
                                                                transaction_options options = {});
  // BEGIN on a pooled connection the transaction keeps until it goes away (async_pool::begin).
  [[nodiscard]] static asio::awaitable<async_transaction> begin(async_pooled_connection conn,
                                                                transaction_options options = {});

  // COMMIT, or RELEASE for a nested transaction.
  [[nodiscard]] asio::awaitable<void> commit();
  // ROLLBACK, or ROLLBACK TO and RELEASE for a nested transaction (the outer work stays).
  [[nodiscard]] asio::awaitable<void> rollback();
  // A nested transaction: a SAVEPOINT on this transaction's connection; it must end before
  // this one.
  [[nodiscard]] asio::awaitable<async_transaction> begin_nested();

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
  [[nodiscard]] async_connection& connection() const;

  // An executor of checked queries.
  [[nodiscard]] asio::any_io_executor get_executor() const noexcept;
  [[nodiscard]] asio::awaitable<void> run(const connection_work& work);

 private:
  async_transaction(async_pooled_connection pooled, async_connection* conn,
                    std::size_t depth) noexcept;
  [[nodiscard]] std::string savepoint_name() const;
  [[nodiscard]] asio::awaitable<void> finish(std::string sql);

  async_pooled_connection pooled_;  // when begun on a pool
  async_connection* conn_ = nullptr;
  std::size_t depth_ = 0;  // 0: BEGIN; n: the n-th nested SAVEPOINT
  bool active_ = false;
};

}  // namespace sqlx::sqlite
