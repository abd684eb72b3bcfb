// The SQLite async pool: the shared core (async_pool_core.hpp) over connections that each run
// on a worker thread; the blocking SQLite pool's hooks and checks run there, with the
// sqlite::connection.
#include "async_pool_core.hpp"
#include "sqlx/sqlite/async_pool.hpp"
#include "sqlx/sqlite/async_transaction.hpp"

namespace sqlx::sqlite::detail {

using sqlx::detail::pool_core::clock;

struct async_pool_entry : sqlx::detail::pool_core::entry_base<async_connection> {
  using entry_base::entry_base;
};

struct async_pool_state
    : sqlx::detail::pool_core::state_base<async_pool_state, async_pool_entry, pool_options> {
  static constexpr std::string_view database = "SQLite ";

  using state_base::state_base;

  [[nodiscard]] async_pooled_connection lend(std::unique_ptr<async_pool_entry> e) {
    return async_pooled_connection(shared_from_this(), std::move(e));
  }

  // What a dropped transaction (or a BEGIN by hand) left open, or work still on the worker.
  [[nodiscard]] static bool needs_settling(const async_connection& conn) noexcept {
    return conn.needs_settling() || conn.in_transaction() || conn.in_flight() > 0;
  }

  // Rolls back what is left open, after the ROLLBACK the dropped transaction queued.
  static asio::awaitable<bool> settle_connection(async_pool_state&, async_connection& conn) {
    const connection_work work = [](connection& c) {
      if (c.in_transaction()) c.execute("ROLLBACK");
    };
    co_await conn.run(work);
    co_return conn.is_usable() && !conn.in_transaction() && !conn.needs_settling();
  }

  // The blocking pool's checks, on the worker: a transaction left open is rolled back
  // (test_before_acquire); before_acquire may refuse the connection.
  static asio::awaitable<void> vet(std::shared_ptr<async_pool_state> st,
                                   std::unique_ptr<async_pool_entry>& entry, clock::time_point,
                                   clock::time_point) {
    const bool test = st->options.get_test_before_acquire() && entry->conn.in_transaction();
    const auto& hook = st->options.get_before_acquire();
    if (!test && !hook) co_return;
    bool keep = true;
    const connection_work work = [&](connection& c) {
      if (test && c.in_transaction()) c.execute("ROLLBACK");
      if (hook) keep = hook(c);
    };
    try {
      co_await entry->conn.run(work);
    } catch (const boost::system::system_error&) {
      throw;  // cancelled: the lease gives the connection back
    } catch (...) {
      keep = false;
    }
    if (!keep) entry.reset();
  }

  // A new connection with after_connect run on its worker (SQLite opens without a deadline).
  static asio::awaitable<async_connection> connect(std::shared_ptr<async_pool_state> st,
                                                   clock::time_point, clock::time_point) {
    auto conn = co_await async_connection::open(st->executor, st->options.get_connect_options());
    if (const auto& hook = st->options.get_after_connect()) {
      const connection_work work = [&hook](connection& c) { hook(c); };
      co_await conn.run(work);
    }
    co_return conn;
  }
};

}  // namespace sqlx::sqlite::detail

SQLX_ASYNC_POOL_INSTANTIATE(sqlx::sqlite::detail::async_pool_state,
                            sqlx::sqlite::detail::async_pool_entry, sqlx::sqlite::async_connection);

namespace sqlx::sqlite {

using detail::async_pool_entry;
using detail::async_pool_state;
using sqlx::detail::pool_core::acquire_from;

async_pooled_connection::async_pooled_connection(std::shared_ptr<async_pool_state> pool,
                                                 std::unique_ptr<async_pool_entry> entry) noexcept
    : basic_async_pooled_connection(std::move(pool), std::move(entry)) {}

asio::awaitable<void> async_pooled_connection::run(const connection_work& work) {
  return lent().run(work);
}

async_pool::async_pool(std::shared_ptr<async_pool_state> state) noexcept
    : basic_async_pool(std::move(state)) {}

asio::awaitable<async_pool> async_pool::open(executor_type executor, pool_options options) {
  co_return async_pool(co_await sqlx::detail::pool_core::open_state<async_pool_state>(
      false, executor, std::move(options)));
}

asio::awaitable<async_pool> async_pool::open(executor_type executor, std::string url,
                                             pool_options options) {
  co_return co_await open(std::move(executor), options.with_url(url));
}

asio::awaitable<async_pooled_connection> async_pool::acquire() {
  return acquire_from(state());
}

asio::awaitable<async_transaction> async_pool::begin(transaction_options options) {
  return [](std::shared_ptr<async_pool_state> st,
            transaction_options o) -> asio::awaitable<async_transaction> {
    co_return co_await async_transaction::begin(co_await acquire_from(st), o);
  }(state(), options);
}

asio::awaitable<void> async_pool::run(const connection_work& work) {
  return
      [](std::shared_ptr<async_pool_state> st, const connection_work& w) -> asio::awaitable<void> {
        async_pooled_connection conn = co_await acquire_from(st);
        co_await conn.run(w);
      }(state(), work);
}

}  // namespace sqlx::sqlite
