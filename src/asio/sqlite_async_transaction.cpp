#include "sqlx/sqlite/async_transaction.hpp"

namespace sqlx::sqlite {

async_transaction::async_transaction(async_pooled_connection pooled, async_connection* conn,
                                     std::size_t depth) noexcept
    : pooled_(std::move(pooled)), conn_(conn), depth_(depth), active_(true) {}

async_transaction::async_transaction(async_transaction&& other) noexcept
    : pooled_(std::move(other.pooled_)),
      conn_(std::exchange(other.conn_, nullptr)),
      depth_(other.depth_),
      active_(std::exchange(other.active_, false)) {}

async_transaction& async_transaction::operator=(async_transaction&& other) noexcept {
  if (this != &other) {
    this->~async_transaction();
    new (this) async_transaction(std::move(other));
  }
  return *this;
}

async_transaction::~async_transaction() {
  if (!active_ || conn_ == nullptr) return;
  // Queued now, before the pooled connection (if any) goes back: the worker runs it before
  // anything queued later, and the pool settles the connection before lending it again.
  if (depth_ == 0) {
    conn_->execute_and_forget("ROLLBACK");
  } else {
    conn_->execute_and_forget("ROLLBACK TO " + savepoint_name() + "; RELEASE " + savepoint_name());
  }
}

asio::awaitable<async_transaction> async_transaction::begin(async_connection& conn,
                                                            transaction_options options) {
  co_await conn.execute(detail::begin_command(options));
  co_return async_transaction(async_pooled_connection(), &conn, 0);
}

asio::awaitable<async_transaction> async_transaction::begin(async_pooled_connection conn,
                                                            transaction_options options) {
  async_connection* c = &*conn;
  co_await c->execute(detail::begin_command(options));
  co_return async_transaction(std::move(conn), c, 0);
}

asio::awaitable<void> async_transaction::finish(std::string sql) {
  async_connection& c = connection();
  if (!active_) throw sqlx::error("sqlx: the transaction has already ended");
  // Still active when COMMIT fails or is cancelled: the destructor queues the ROLLBACK (a
  // no-op error when SQLite already rolled back), as for the PostgreSQL async transaction.
  co_await c.execute(std::move(sql));
  active_ = false;
  pooled_.release();
}

asio::awaitable<void> async_transaction::commit() {
  return finish(depth_ == 0 ? "COMMIT" : "RELEASE " + savepoint_name());
}

asio::awaitable<void> async_transaction::rollback() {
  if (depth_ == 0) return finish("ROLLBACK");
  // ROLLBACK TO keeps the savepoint; releasing it too leaves the outer transaction as it was.
  return finish("ROLLBACK TO " + savepoint_name() + "; RELEASE " + savepoint_name());
}

asio::awaitable<async_transaction> async_transaction::begin_nested() {
  async_connection& c = connection();
  if (!active_) throw sqlx::error("sqlx: the transaction has already ended");
  const std::size_t depth = depth_ + 1;
  co_await c.execute("SAVEPOINT sqlx_savepoint_" + std::to_string(depth));
  co_return async_transaction(async_pooled_connection(), &c, depth);
}

async_connection& async_transaction::connection() const {
  if (conn_ == nullptr) {
    throw sqlx::error("sqlx: use of a moved-from or empty SQLite async_transaction");
  }
  return *conn_;
}

std::string async_transaction::savepoint_name() const {
  return "sqlx_savepoint_" + std::to_string(depth_);
}

asio::any_io_executor async_transaction::get_executor() const noexcept {
  return conn_ != nullptr ? conn_->get_executor() : asio::any_io_executor();
}

asio::awaitable<void> async_transaction::run(const connection_work& work) {
  return connection().run(work);
}

}  // namespace sqlx::sqlite
