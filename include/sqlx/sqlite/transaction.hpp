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

class transaction {
 public:
  // BEGIN on a borrowed connection, which must outlive the transaction.
  explicit transaction(connection& conn, const transaction_options& options = {}) : conn_(&conn) {
    conn.execute(detail::begin_command(options));
  }

  // BEGIN on a pooled connection the transaction keeps until it goes away (pool::begin).
  explicit transaction(pooled_connection conn, const transaction_options& options = {})
      : owned_(std::move(conn)), conn_(&**owned_) {
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
        // SQLite may have rolled back already (an I/O error, SQLITE_FULL): nothing to undo.
      }
    }
  }

  // COMMIT, or RELEASE for a nested transaction.
  void commit() { finish(commit_command()); }
  // ROLLBACK, or ROLLBACK TO the savepoint for a nested transaction.
  void rollback() { finish(rollback_command()); }

  // A nested transaction: a SAVEPOINT; it must end before this one does.
  [[nodiscard]] transaction begin() {
    return transaction(savepoint_tag{}, active_connection(), depth_ + 1);
  }

  [[nodiscard]] bool is_active() const noexcept { return conn_ != nullptr; }

  using sqlite_executor_tag = void;
  template <typename F>
  requires std::invocable<F&&, connection&>
  decltype(auto) with_connection(F&& f) { return std::forward<F>(f)(active_connection()); }

 private:
  struct savepoint_tag {};
  transaction(savepoint_tag, connection& conn, std::size_t depth) : conn_(&conn), depth_(depth) {
    conn.execute("SAVEPOINT " + savepoint_name());
  }

  [[nodiscard]] connection& active_connection() const {
    if (conn_ == nullptr) throw sqlx::error("the transaction is already committed or rolled back");
    return *conn_;
  }
  [[nodiscard]] std::string savepoint_name() const {
    return "sqlx_savepoint_" + std::to_string(depth_);
  }
  [[nodiscard]] std::string commit_command() const {
    return depth_ == 0 ? "COMMIT" : "RELEASE " + savepoint_name();
  }
  [[nodiscard]] std::string rollback_command() const {
    if (depth_ == 0) return "ROLLBACK";
    const std::string name = savepoint_name();
    return "ROLLBACK TO " + name + "; RELEASE " + name;
  }
  void finish(const std::string& command) {
    connection& conn = active_connection();
    conn_ = nullptr;
    conn.execute(command);
  }

  std::optional<pooled_connection> owned_;
  connection* conn_ = nullptr;
  std::size_t depth_ = 0;
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
