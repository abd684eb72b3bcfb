// A transaction on one connection: rolls back unless committed, also during stack unwinding.
// It is an executor, so checked queries run inside it. Begun on a pool it holds its pooled
// connection until it ends; begun on a transaction it is a SAVEPOINT.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>

#include "sqlx/detail/transaction_base.hpp"
#include "sqlx/error.hpp"
#include "sqlx/pg/connection.hpp"
#include "sqlx/pg/pool.hpp"

namespace sqlx::pg {

enum class isolation_level { read_committed, repeatable_read, serializable };

// How BEGIN starts the transaction, e.g. begin(pool, {.isolation =
// isolation_level::serializable, .read_only = true}).
struct transaction_options {
  // Empty: the session's default_transaction_isolation.
  std::optional<isolation_level> isolation;
  // A write in a read-only transaction fails with SQLSTATE 25006.
  bool read_only = false;
};

namespace detail {

[[nodiscard]] inline std::string begin_command(const transaction_options& options) {
  std::string sql = "BEGIN";
  if (options.isolation) {
    switch (*options.isolation) {
      case isolation_level::read_committed:
        sql += " ISOLATION LEVEL READ COMMITTED";
        break;
      case isolation_level::repeatable_read:
        sql += " ISOLATION LEVEL REPEATABLE READ";
        break;
      case isolation_level::serializable:
        sql += " ISOLATION LEVEL SERIALIZABLE";
        break;
    }
  }
  if (options.read_only) sql += " READ ONLY";
  return sql;
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

  template <typename F>
  decltype(auto) with_connection(F&& f) {
    return std::forward<F>(f)(active_connection());
  }

 private:
  friend basic_transaction;
  transaction(savepoint_tag tag, connection& conn, std::size_t depth)
      : basic_transaction(tag, conn, depth) {}
};

// Starts a transaction on any executor: a connection or a connection lent by a pool (borrowed),
// a pool (which lends the transaction a connection), or a transaction (a SAVEPOINT).
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

}  // namespace sqlx::pg
