// What the PostgreSQL and SQLite blocking transactions (pg/transaction.hpp,
// sqlite/transaction.hpp) share: rollback unless committed, nesting as SAVEPOINTs named by
// depth, and the commands that end them (the async transactions use the same commands). Each
// database's transaction derives from basic_transaction and adds its BEGIN and its executor
// members.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>

#include "sqlx/error.hpp"

namespace sqlx::detail {

// Savepoints are named by depth: siblings reuse a name only after the previous one ended. The
// commands are spelled as both PostgreSQL and SQLite accept them.
[[nodiscard]] inline std::string savepoint_name(std::size_t depth) {
  return "sqlx_savepoint_" + std::to_string(depth);
}
[[nodiscard]] inline std::string savepoint_command(std::size_t depth) {
  return "SAVEPOINT " + savepoint_name(depth);
}
// COMMIT, or RELEASE SAVEPOINT for a nested transaction (depth > 0).
[[nodiscard]] inline std::string commit_command(std::size_t depth) {
  return depth == 0 ? "COMMIT" : "RELEASE SAVEPOINT " + savepoint_name(depth);
}
// ROLLBACK, or for a nested transaction ROLLBACK TO SAVEPOINT, which keeps the savepoint, then
// RELEASE SAVEPOINT, which leaves the outer transaction as it was before the nested one began.
[[nodiscard]] inline std::string rollback_to_command(std::size_t depth) {
  return "ROLLBACK TO SAVEPOINT " + savepoint_name(depth);
}
[[nodiscard]] inline std::string rollback_command(std::size_t depth) {
  if (depth == 0) return "ROLLBACK";
  return rollback_to_command(depth) + "; " + commit_command(depth);
}

// Transaction: the derived class, which begin() returns; it constructs its base with the
// BEGIN command and befriends basic_transaction for the nested ones.
template <typename Transaction, typename Connection, typename Pooled>
class basic_transaction {
 public:
  basic_transaction(basic_transaction&& other) noexcept
      : owned_(std::move(other.owned_)),
        conn_(std::exchange(other.conn_, nullptr)),
        depth_(other.depth_) {}
  basic_transaction& operator=(basic_transaction&&) = delete;
  basic_transaction(const basic_transaction&) = delete;
  basic_transaction& operator=(const basic_transaction&) = delete;

  ~basic_transaction() {
    if (conn_ != nullptr) {
      try {
        conn_->execute(rollback_command(depth_));
      } catch (...) {
        // A broken connection has no transaction left to roll back (a pooled one is then
        // closed, not returned); SQLite may have rolled back already (an I/O error,
        // SQLITE_FULL).
      }
    }
  }

  // COMMIT, or RELEASE SAVEPOINT for a nested transaction.
  void commit() { finish(commit_command(depth_)); }
  // ROLLBACK, or ROLLBACK TO SAVEPOINT for a nested transaction (the outer work stays).
  void rollback() { finish(rollback_command(depth_)); }

  // A nested transaction: a SAVEPOINT on this transaction's connection. It must end before
  // this one does.
  [[nodiscard]] Transaction begin() {
    return Transaction(savepoint_tag{}, active_connection(), depth_ + 1);
  }

  // False after commit() or rollback().
  [[nodiscard]] bool is_active() const noexcept { return conn_ != nullptr; }

 protected:
  struct savepoint_tag {};

  // `begin` on a borrowed connection, which must outlive the transaction.
  basic_transaction(Connection& conn, const std::string& begin) : conn_(&conn) {
    conn.execute(begin);
  }
  // `begin` on a pooled connection the transaction keeps until it goes away.
  basic_transaction(Pooled conn, const std::string& begin)
      : owned_(std::move(conn)), conn_(&**owned_) {
    // When BEGIN throws, owned_ goes back to the pool, which closes it if it broke.
    conn_->execute(begin);
  }
  basic_transaction(savepoint_tag, Connection& conn, std::size_t depth)
      : conn_(&conn), depth_(depth) {
    conn.execute(savepoint_command(depth));
  }

  [[nodiscard]] Connection& active_connection() const {
    if (conn_ == nullptr) throw sqlx::error("the transaction is already committed or rolled back");
    return *conn_;
  }

 private:
  void finish(const std::string& command) {
    Connection& conn = active_connection();
    conn_ = nullptr;
    conn.execute(command);
  }

  std::optional<Pooled> owned_;
  Connection* conn_ = nullptr;  // null once committed or rolled back
  std::size_t depth_ = 0;       // 0: BEGIN; n > 0: the n-th nested SAVEPOINT
};

}  // namespace sqlx::detail
