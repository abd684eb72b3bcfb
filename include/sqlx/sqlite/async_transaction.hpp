// A transaction on a SQLite async connection (docs/async.md, "SQLite"): IMMEDIATE by default,
// as the blocking sqlite::transaction (the write lock taken at BEGIN, waiting up to the busy
// timeout). Commit, rollback and nesting are basic_async_transaction's
// (detail/async_transaction_base.hpp); one dropped without commit queues its ROLLBACK on the
// connection's worker at once: whatever runs on the connection later runs after it, and a pool
// lends the connection again only once it has run.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

#include "sqlx/detail/async_transaction_base.hpp"
#include "sqlx/pg/async_common.hpp"
#include "sqlx/sqlite/async_connection.hpp"
#include "sqlx/sqlite/async_pool.hpp"
#include "sqlx/sqlite/transaction.hpp"

namespace sqlx::sqlite {

class async_transaction
    : public sqlx::detail::basic_async_transaction<async_transaction, async_connection,
                                                   async_pooled_connection> {
 public:
  using sqlite_async_executor_tag = void;

  // No transaction: what a completion handler receives alongside an exception.
  async_transaction() noexcept = default;

  // BEGIN on a borrowed connection, which must outlive the transaction.
  [[nodiscard]] static asio::awaitable<async_transaction> begin(async_connection& conn,
                                                                transaction_options options = {});
  // BEGIN on a pooled connection the transaction keeps until it goes away (async_pool::begin).
  [[nodiscard]] static asio::awaitable<async_transaction> begin(async_pooled_connection conn,
                                                                transaction_options options = {});

  // An executor of checked queries (get_executor()).
  [[nodiscard]] asio::awaitable<void> run(const connection_work& work);

 private:
  friend basic_async_transaction;
  static constexpr std::string_view database = "SQLite ";
  [[nodiscard]] static asio::awaitable<void> execute(async_connection& conn, std::string sql);
  static void queue_rollback(async_connection& conn, std::size_t depth) noexcept;
};

}  // namespace sqlx::sqlite
