// The SQLite async transaction: the shared members (async_transaction_core.hpp) over the
// connection's worker.
#include "async_transaction_core.hpp"
#include "sqlx/sqlite/async_transaction.hpp"

template class sqlx::detail::basic_async_transaction<sqlx::sqlite::async_transaction,
                                                     sqlx::sqlite::async_connection,
                                                     sqlx::sqlite::async_pooled_connection>;

namespace sqlx::sqlite {

asio::awaitable<void> async_transaction::execute(async_connection& conn, std::string sql) {
  co_await conn.execute(std::move(sql));
}

void async_transaction::queue_rollback(async_connection& conn, std::size_t depth) noexcept {
  conn.execute_and_forget(sqlx::detail::rollback_command(depth));
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

asio::awaitable<void> async_transaction::run(const connection_work& work) {
  return connection().run(work);
}

}  // namespace sqlx::sqlite
