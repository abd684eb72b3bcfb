// A pool of async connections on one Asio executor (docs/async.md): fair to waiting coroutines
// (first come, first served), never more than max_connections open (counting those being
// opened or cleaned), broken connections replaced, idle and aged ones closed by a timer of the
// event loop, a dropped transaction's connection rolled back before anyone else gets it.
// Single-threaded: use it from its executor's thread (or strand) only.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "sqlx/detail/async_pool_base.hpp"
#include "sqlx/pg/async_common.hpp"
#include "sqlx/pg/async_connection.hpp"
#include "sqlx/pg/pool.hpp"
#include "sqlx/pg/transaction.hpp"

namespace sqlx::pg {

class async_pool;
class async_transaction;

namespace detail {
struct async_pool_state;
struct async_pool_entry;
}  // namespace detail

// The async pool's hooks, coroutines run on the pool's executor: after_connect on every new
// connection (when it throws, the connection is closed and the exception reaches the
// acquirer); before_acquire on an idle connection before it is lent (false replaces it).
struct async_pool_hooks {
  std::function<asio::awaitable<void>(async_connection&)> after_connect;
  std::function<asio::awaitable<bool>(async_connection&)> before_acquire;
};

// A connection lent by an async_pool: goes back when this object goes away. A broken one is
// closed; one left inside a transaction or with commands in flight is rolled back and settled
// first, on the event loop, before it can be lent again.
class async_pooled_connection
    : public sqlx::detail::basic_async_pooled_connection<
          detail::async_pool_state, detail::async_pool_entry, async_connection> {
 public:
  async_pooled_connection() noexcept = default;

  // An executor of checked queries, as the connection.
  [[nodiscard]] asio::awaitable<result> run_checked(
      std::string_view text, std::span<const sqlx::detail::column_info> columns,
      std::span<const parameter> parameters);
  [[nodiscard]] asio::awaitable<async_raw_stream> open_stream(
      std::string_view text, std::span<const sqlx::detail::column_info> columns,
      std::span<const parameter> parameters);

 private:
  friend struct detail::async_pool_state;
  async_pooled_connection(std::shared_ptr<detail::async_pool_state> pool,
                          std::unique_ptr<detail::async_pool_entry> entry) noexcept;
};

class async_pool : public sqlx::detail::basic_async_pool<detail::async_pool_state> {
 public:
  // No pool: what a completion handler receives alongside an exception. A pool closes when it
  // goes away (close()).
  async_pool() noexcept = default;

  // Opens the pool and max(min_connections, 1) connections (so a wrong URL fails here), unless
  // `lazy`. Throws configuration_error for max_connections 0 or min > max.
  [[nodiscard]] static asio::awaitable<async_pool> open(executor_type executor, std::string url,
                                                        pool_options options = {},
                                                        async_pool_hooks hooks = {},
                                                        bool lazy = false);
  template <typename Token>
  static auto async_connect(executor_type executor, std::string url, pool_options options,
                            async_pool_hooks hooks, Token&& token) {
    return detail::launch(executor,
                          open(executor, std::move(url), std::move(options), std::move(hooks)),
                          std::forward<Token>(token));
  }

  // Lends a connection: an idle one (pinged as test_before_acquire says), else a new one while
  // fewer than max_connections are open, else waits, first come first served; all of it within
  // acquire_timeout, else sqlx::pool_timeout. void(std::exception_ptr, async_pooled_connection).
  [[nodiscard]] asio::awaitable<async_pooled_connection> acquire();
  template <typename Token>
  auto async_acquire(Token&& token) {
    return detail::launch(get_executor(), acquire(), std::forward<Token>(token));
  }

  // BEGIN on a connection the transaction holds until it ends (async_transaction.hpp).
  [[nodiscard]] asio::awaitable<async_transaction> begin(transaction_options options = {});
  template <typename Token>
  auto async_begin(Token&& token) {
    return detail::launch(get_executor(), begin(), std::forward<Token>(token));
  }
  template <typename Token>
  auto async_begin(const transaction_options& options, Token&& token) {
    return detail::launch(get_executor(), begin(options), std::forward<Token>(token));
  }

  // An executor of checked queries (get_executor()): lends a connection for the query.
  [[nodiscard]] asio::awaitable<result> run_checked(
      std::string_view text, std::span<const sqlx::detail::column_info> columns,
      std::span<const parameter> parameters);
  // A stream holds its pooled connection until it goes away.
  [[nodiscard]] asio::awaitable<async_raw_stream> open_stream(
      std::string_view text, std::span<const sqlx::detail::column_info> columns,
      std::span<const parameter> parameters);

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
    return async_pool::async_connect(asio::any_io_executor(executor), url, options, {},
                                     std::forward<Token>(token));
  }
};

}  // namespace detail
}  // namespace sqlx::pg
