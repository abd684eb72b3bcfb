// A pool of SQLite async connections on one Asio executor (docs/async.md, "SQLite"), with the
// blocking SQLite pool's options (sqlite::pool_options): max/min connections, acquire_timeout
// (sqlx::pool_timeout), idle_timeout and max_lifetime (a timer of the event loop closes idle
// and aged connections), test_before_acquire (an idle connection left inside a transaction is
// rolled back), after_connect and before_acquire (run on the connection's worker thread, with
// the sqlite::connection). Fair to waiting coroutines (first come, first served); a dropped
// transaction's connection is rolled back before anyone else gets it. Single-threaded: use it
// from its executor's thread (or strand) only.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <utility>

#include "sqlx/detail/async_pool_base.hpp"
#include "sqlx/pg/async_common.hpp"
#include "sqlx/sqlite/async_connection.hpp"
#include "sqlx/sqlite/pool.hpp"
#include "sqlx/sqlite/transaction.hpp"

namespace sqlx::sqlite {

class async_pool;
class async_transaction;

namespace detail {
struct async_pool_state;
struct async_pool_entry;
}  // namespace detail

// A connection lent by an async_pool: goes back when this object goes away.
class async_pooled_connection
    : public sqlx::detail::basic_async_pooled_connection<
          detail::async_pool_state, detail::async_pool_entry, async_connection> {
 public:
  using sqlite_async_executor_tag = void;

  async_pooled_connection() noexcept = default;

  // An executor of checked queries, as the connection.
  [[nodiscard]] asio::awaitable<void> run(const connection_work& work);

 private:
  friend struct detail::async_pool_state;
  async_pooled_connection(std::shared_ptr<detail::async_pool_state> pool,
                          std::unique_ptr<detail::async_pool_entry> entry) noexcept;
};

class async_pool : public sqlx::detail::basic_async_pool<detail::async_pool_state> {
 public:
  using sqlite_async_executor_tag = void;

  // No pool: what a completion handler receives alongside an exception. A pool closes when it
  // goes away (close()).
  async_pool() noexcept = default;

  // Opens the pool and max(min_connections, 1) connections (so a wrong path fails here with
  // connection_error). The URL's file and mode replace the options' connect options' file and
  // mode, as pool_options::connect(url) does. Throws configuration_error for max_connections 0
  // or min > max.
  [[nodiscard]] static asio::awaitable<async_pool> open(executor_type executor, std::string url,
                                                        pool_options options = {});
  // With the connect options as given in `options`.
  [[nodiscard]] static asio::awaitable<async_pool> open(executor_type executor,
                                                        pool_options options);
  // open() with a completion token: void(std::exception_ptr, async_pool).
  template <typename Token>
  static auto async_connect(executor_type executor, std::string url, pool_options options,
                            Token&& token) {
    return pg::detail::launch(executor, open(executor, std::move(url), std::move(options)),
                              std::forward<Token>(token));
  }

  // Lends a connection: an idle one, else a new one while fewer than max_connections are
  // open, else waits, first come first served; all of it within acquire_timeout, else
  // sqlx::pool_timeout. void(std::exception_ptr, async_pooled_connection).
  [[nodiscard]] asio::awaitable<async_pooled_connection> acquire();
  template <typename Token>
  auto async_acquire(Token&& token) {
    return pg::detail::launch(get_executor(), acquire(), std::forward<Token>(token));
  }

  // BEGIN (IMMEDIATE by default, as the blocking transaction) on a connection the transaction
  // holds until it ends (async_transaction.hpp).
  [[nodiscard]] asio::awaitable<async_transaction> begin(transaction_options options = {});
  template <typename Token>
  auto async_begin(Token&& token) {
    return pg::detail::launch(get_executor(), begin(), std::forward<Token>(token));
  }
  template <typename Token>
  auto async_begin(const transaction_options& options, Token&& token) {
    return pg::detail::launch(get_executor(), begin(options), std::forward<Token>(token));
  }

  // An executor of checked queries (get_executor()): lends a connection for the query.
  [[nodiscard]] asio::awaitable<void> run(const connection_work& work);

 private:
  explicit async_pool(std::shared_ptr<detail::async_pool_state> state) noexcept;
};

namespace detail {

// pool_options{}.async_connect(executor, url, token) (pool.hpp's seam).
template <typename Executor>
struct async_pool_connector {
  template <typename Token>
  static auto connect(const pool_options& options, const Executor& executor, const std::string& url,
                      Token&& token) {
    return async_pool::async_connect(asio::any_io_executor(executor), url, options,
                                     std::forward<Token>(token));
  }
};

}  // namespace detail
}  // namespace sqlx::sqlite
