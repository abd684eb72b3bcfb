// A transaction on one connection: rolls back unless committed, also during stack unwinding.
// It is an executor, so checked queries run inside it.
#pragma once

#include <utility>

#include "sqlx/pg/connection.hpp"

namespace sqlx::pg {

class transaction {
 public:
  explicit transaction(connection& conn) : conn_(&conn) { conn.execute("BEGIN"); }

  transaction(transaction&& other) noexcept : conn_(std::exchange(other.conn_, nullptr)) {}
  transaction& operator=(transaction&&) = delete;
  transaction(const transaction&) = delete;
  transaction& operator=(const transaction&) = delete;

  ~transaction() {
    if (conn_ != nullptr) {
      try {
        conn_->execute("ROLLBACK");
      } catch (...) {
        // A broken connection has no transaction left to roll back.
      }
    }
  }

  void commit() { finish("COMMIT"); }
  void rollback() { finish("ROLLBACK"); }

  template <typename F>
  decltype(auto) with_connection(F&& f) {
    if (conn_ == nullptr) throw sqlx::error("the transaction is already committed or rolled back");
    return std::forward<F>(f)(*conn_);
  }

 private:
  void finish(const char* command) {
    if (conn_ == nullptr) throw sqlx::error("the transaction is already committed or rolled back");
    connection* conn = std::exchange(conn_, nullptr);
    conn->execute(command);
  }

  connection* conn_;
};

// Starts a transaction on `conn`.
[[nodiscard]] inline transaction begin(connection& conn) { return transaction(conn); }

}  // namespace sqlx::pg
