// The PostgreSQL async transaction: the shared members (async_transaction_core.hpp) over the
// connection's pipeline.
#include "sqlx/pg/async_transaction.hpp"

#include <array>

#include "async_transaction_core.hpp"

template class sqlx::detail::basic_async_transaction<
    sqlx::pg::async_transaction, sqlx::pg::async_connection, sqlx::pg::async_pooled_connection>;

namespace sqlx::pg {

asio::awaitable<void> async_transaction::execute(async_connection& conn, std::string sql) {
  (void)co_await conn.run(std::move(sql));
}

// One command a Sync segment: a nested rollback is two.
void async_transaction::queue_rollback(async_connection& conn, std::size_t depth) noexcept {
  if (depth == 0) {
    const std::array<std::string, 1> rollback{sqlx::detail::rollback_command(0)};
    conn.send_and_forget(rollback);
  } else {
    const std::array<std::string, 2> rollback{sqlx::detail::rollback_to_command(depth),
                                              sqlx::detail::commit_command(depth)};
    conn.send_and_forget(rollback);
  }
}

asio::awaitable<async_transaction> async_transaction::begin(async_connection& conn,
                                                            transaction_options options) {
  return start(async_pooled_connection(), conn, detail::begin_command(options));
}

asio::awaitable<async_transaction> async_transaction::begin(async_pooled_connection conn,
                                                            transaction_options options) {
  async_connection& c = *conn;
  return start(std::move(conn), c, detail::begin_command(options));
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
