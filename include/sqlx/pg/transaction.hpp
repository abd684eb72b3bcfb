// A transaction on one connection: rolls back unless committed, also during stack unwinding.
// It is an executor, so checked queries run inside it. Begun on a pool it holds its pooled
// connection until it ends; begun on a transaction it is a SAVEPOINT.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>

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

class transaction {
 public:
  // BEGIN on a borrowed connection, which must outlive the transaction.
  explicit transaction(connection& conn, const transaction_options& options = {})
      : conn_(&conn) {
    conn.execute(detail::begin_command(options));
  }

  // BEGIN on a pooled connection the transaction keeps until it goes away (pool::begin).
  explicit transaction(pooled_connection conn, const transaction_options& options = {})
      : owned_(std::move(conn)), conn_(&**owned_) {
    // When BEGIN throws, owned_ goes back to the pool, which closes it if it broke.
    conn_->execute(detail::begin_command(options));
  }

  transaction(transaction&& other) noexcept
      : owned_(std::move(other.owned_)),
        conn_(std::exchange(other.conn_, nullptr)),
        depth_(other.depth_) {}
  transaction& operator=(transaction&&) = delete;
  transaction(const transaction&) = delete;
  transaction& operator=(const transaction&) = delete;

  ~transaction() {
    if (conn_ != nullptr) {
      try {
        conn_->execute(rollback_command());
      } catch (...) {
        // A broken connection has no transaction left to roll back (and a pooled one is
        // then closed, not returned).
      }
    }
  }

  // COMMIT, or RELEASE SAVEPOINT for a nested transaction.
  void commit() { finish(commit_command()); }
  // ROLLBACK, or ROLLBACK TO SAVEPOINT for a nested transaction (the outer work stays).
  void rollback() { finish(rollback_command()); }

  // A nested transaction: a SAVEPOINT on this transaction's connection. It must end before
  // this one does.
  [[nodiscard]] transaction begin() {
    return transaction(savepoint_tag{}, active_connection(), depth_ + 1);
  }

  // False after commit() or rollback().
  [[nodiscard]] bool is_active() const noexcept { return conn_ != nullptr; }

  template <typename F>
  decltype(auto) with_connection(F&& f) {
    return std::forward<F>(f)(active_connection());
  }

 private:
  struct savepoint_tag {};
  transaction(savepoint_tag, connection& conn, std::size_t depth) : conn_(&conn), depth_(depth) {
    conn.execute("SAVEPOINT " + savepoint_name());
  }

  [[nodiscard]] connection& active_connection() const {
    if (conn_ == nullptr) throw sqlx::error("the transaction is already committed or rolled back");
    return *conn_;
  }

  // Savepoints are named by depth: siblings reuse a name only after the previous one ended.
  [[nodiscard]] std::string savepoint_name() const {
    return "sqlx_savepoint_" + std::to_string(depth_);
  }
  [[nodiscard]] std::string commit_command() const {
    return depth_ == 0 ? "COMMIT" : "RELEASE SAVEPOINT " + savepoint_name();
  }
  [[nodiscard]] std::string rollback_command() const {
    if (depth_ == 0) return "ROLLBACK";
    // ROLLBACK TO keeps the savepoint; releasing it too leaves the outer transaction as it
    // was before begin().
    const std::string name = savepoint_name();
    return "ROLLBACK TO SAVEPOINT " + name + "; RELEASE SAVEPOINT " + name;
  }

  void finish(const std::string& command) {
    connection& conn = active_connection();
    conn_ = nullptr;
    conn.execute(command);
  }

  std::optional<pooled_connection> owned_;
  connection* conn_ = nullptr;  // null once committed or rolled back
  std::size_t depth_ = 0;       // 0: BEGIN; n > 0: the n-th nested SAVEPOINT
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
[[nodiscard]] inline transaction begin(transaction& tx) { return tx.begin(); }

}  // namespace sqlx::pg
