// A transaction on an async connection (docs/async.md, "Transactions"): commit, rollback and
// nesting are basic_async_transaction's (detail/async_transaction_base.hpp). One dropped
// without commit queues its ROLLBACK on the connection's pipeline at once: whatever is sent on
// the connection later runs after it, and a pool lends the connection again only once the
// ROLLBACK's result is read.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "sqlx/detail/async_transaction_base.hpp"
#include "sqlx/pg/async_common.hpp"
#include "sqlx/pg/async_connection.hpp"
#include "sqlx/pg/async_pool.hpp"
#include "sqlx/pg/transaction.hpp"

namespace sqlx::pg {

class async_transaction
    : public sqlx::detail::basic_async_transaction<async_transaction, async_connection,
                                                   async_pooled_connection> {
 public:
  // No transaction: what a completion handler receives alongside an exception.
  async_transaction() noexcept = default;

  // BEGIN on a borrowed connection, which must outlive the transaction.
  [[nodiscard]] static asio::awaitable<async_transaction> begin(async_connection& conn,
                                                                transaction_options options = {});
  // BEGIN on a pooled connection the transaction keeps until it goes away (async_pool::begin).
  [[nodiscard]] static asio::awaitable<async_transaction> begin(async_pooled_connection conn,
                                                                transaction_options options = {});

  // An executor of checked queries (get_executor()).
  [[nodiscard]] asio::awaitable<result> run_checked(
      std::string_view text, std::span<const sqlx::detail::column_info> columns,
      std::span<const parameter> parameters);
  [[nodiscard]] asio::awaitable<async_raw_stream> open_stream(
      std::string_view text, std::span<const sqlx::detail::column_info> columns,
      std::span<const parameter> parameters);

 private:
  friend basic_async_transaction;
  static constexpr std::string_view database = "";
  [[nodiscard]] static asio::awaitable<void> execute(async_connection& conn, std::string sql);
  static void queue_rollback(async_connection& conn, std::size_t depth) noexcept;
};

}  // namespace sqlx::pg
