// A SQLite transaction: rolls back unless committed, also during stack unwinding; an
// executor; begun on a transaction it is a SAVEPOINT. IMMEDIATE by default (docs/sqlite.md,
// "Transactions"): it takes the write lock at BEGIN, waiting up to the busy timeout, so a
// transaction that reads and then writes never fails with SQLITE_BUSY at once (which a
// DEFERRED one does when another connection wrote in between). Read-only work can ask for
// DEFERRED, which lets writers go on.
#pragma once

#include <concepts>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>

#include "sqlx/detail/transaction_base.hpp"
#include "sqlx/error.hpp"
#include "sqlx/sqlite/connection.hpp"
#include "sqlx/sqlite/pool.hpp"

namespace sqlx::sqlite {

enum class transaction_behavior { deferred, immediate, exclusive };

struct transaction_options {
  transaction_behavior behavior = transaction_behavior::immediate;
};

namespace detail {
// The BEGIN of `options` (the async transaction's too).
[[nodiscard]] inline std::string begin_command(const transaction_options& options) {
  switch (options.behavior) {
    case transaction_behavior::deferred:
      return "BEGIN DEFERRED";
    case transaction_behavior::exclusive:
      return "BEGIN EXCLUSIVE";
    case transaction_behavior::immediate:
      break;
  }
  return "BEGIN IMMEDIATE";
}
}  // namespace detail

class transaction
    : public sqlx::detail::basic_transaction<transaction, connection, pooled_connection> {
 public:
  // BEGIN on a borrowed connection, which must outlive the transaction.
  explicit transaction(connection& conn, const transaction_options& options = {})
      : basic_transaction(conn, detail::begin_command(options)) {}
  // BEGIN on a pooled connection the transaction keeps until it goes away (pool::begin).
  explicit transaction(pooled_connection conn, const transaction_options& options = {})
      : basic_transaction(std::move(conn), detail::begin_command(options)) {}

  using sqlite_executor_tag = void;
  template <typename F>
  requires std::invocable<F&&, connection&>
  decltype(auto) with_connection(F&& f) { return std::forward<F>(f)(active_connection()); }

 private:
  friend basic_transaction;
  transaction(savepoint_tag tag, connection& conn, std::size_t depth)
      : basic_transaction(tag, conn, depth) {}
};

[[nodiscard]] inline transaction begin(connection& conn, const transaction_options& options = {}) {
  return transaction(conn, options);
}
[[nodiscard]] inline transaction begin(pooled_connection& conn,
                                       const transaction_options& options = {}) {
  return transaction(*conn, options);
}
[[nodiscard]] inline transaction begin(pool& p, const transaction_options& options = {}) {
  return p.begin(options);
}
[[nodiscard]] inline transaction begin(transaction& tx) {
  return tx.begin();
}

}  // namespace sqlx::sqlite
