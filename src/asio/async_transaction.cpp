#include "sqlx/pg/async_transaction.hpp"

#include <array>

namespace sqlx::pg {

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
  // Queued now, before the pooled connection (if any) goes back: the pool settles it (reads
  // this ROLLBACK's result) before lending it again; on a borrowed connection the next
  // operation reads past it.
  if (depth_ == 0) {
    const std::array<std::string, 1> rollback{"ROLLBACK"};
    conn_->send_and_forget(rollback);
  } else {
    const std::array<std::string, 2> rollback{"ROLLBACK TO SAVEPOINT " + savepoint_name(),
                                              "RELEASE SAVEPOINT " + savepoint_name()};
    conn_->send_and_forget(rollback);
  }
}

asio::awaitable<async_transaction> async_transaction::begin(async_connection& conn,
                                                            transaction_options options) {
  (void)co_await conn.run(detail::begin_command(options));
  co_return async_transaction(async_pooled_connection(), &conn, 0);
}

asio::awaitable<async_transaction> async_transaction::begin(async_pooled_connection conn,
                                                            transaction_options options) {
  async_connection* c = &*conn;
  (void)co_await c->run(detail::begin_command(options));
  co_return async_transaction(std::move(conn), c, 0);
}

asio::awaitable<void> async_transaction::finish(std::string sql) {
  async_connection& c = connection();
  if (!active_) throw sqlx::error("sqlx: the transaction has already ended");
  (void)co_await c.run(std::move(sql));
  active_ = false;
  pooled_.release();
}

asio::awaitable<void> async_transaction::commit() {
  return finish(depth_ == 0 ? "COMMIT" : "RELEASE SAVEPOINT " + savepoint_name());
}

asio::awaitable<void> async_transaction::rollback() {
  if (depth_ == 0) return finish("ROLLBACK");
  // ROLLBACK TO keeps the savepoint; releasing it too leaves the outer transaction as it was.
  return [](async_transaction* self) -> asio::awaitable<void> {
    async_connection& c = self->connection();
    if (!self->active_) throw sqlx::error("sqlx: the transaction has already ended");
    std::string to = "ROLLBACK TO SAVEPOINT " + self->savepoint_name();
    (void)co_await c.run(std::move(to));
    std::string release = "RELEASE SAVEPOINT " + self->savepoint_name();
    co_await self->finish(std::move(release));
  }(this);
}

asio::awaitable<async_transaction> async_transaction::begin_nested() {
  async_connection& c = connection();
  const std::size_t depth = depth_ + 1;
  std::string sql = "SAVEPOINT sqlx_savepoint_" + std::to_string(depth);
  (void)co_await c.run(std::move(sql));
  co_return async_transaction(async_pooled_connection(), &c, depth);
}

async_connection& async_transaction::connection() const {
  if (conn_ == nullptr) throw sqlx::error("sqlx: use of a moved-from or empty async_transaction");
  return *conn_;
}

std::string async_transaction::savepoint_name() const {
  return "sqlx_savepoint_" + std::to_string(depth_);
}

asio::any_io_executor async_transaction::get_executor() const noexcept {
  return conn_ != nullptr ? conn_->get_executor() : asio::any_io_executor();
}

asio::awaitable<result> async_transaction::run_checked(
    std::string_view text, std::span<const sqlx::detail::column_info> columns,
    std::span<const parameter> parameters) {
  return connection().run_checked(text, columns, parameters);
}

asio::awaitable<async_raw_stream> async_transaction::open_stream(
    std::string_view text, std::span<const sqlx::detail::column_info> columns,
    std::span<const parameter> parameters) {
  return connection().open_stream(text, columns, parameters);
}

}  // namespace sqlx::pg
