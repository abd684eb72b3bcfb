// The PostgreSQL async pool: the shared core (async_pool_core.hpp) with what is PostgreSQL's -
// the URL and hooks, a ping bounded by the timeouts, settling a dropped transaction's ROLLBACK
// in flight, and pipelining single checked queries when every connection is busy.
#include "sqlx/pg/async_pool.hpp"

#include <poll.h>

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <optional>

#include "async_pool_core.hpp"
#include "sqlx/pg/async_transaction.hpp"

namespace sqlx::pg::detail {

using sqlx::detail::pool_core::clock;
using boost::asio::experimental::awaitable_operators::operator||;

struct async_pool_entry : sqlx::detail::pool_core::entry_base<async_connection> {
  using entry_base::entry_base;
};

namespace {

// Something arrived on an idle connection (the FATAL of a terminated backend, the end of the
// stream): a poll without waiting.
[[nodiscard]] bool readable(const async_connection& conn) noexcept {
  pollfd socket{PQsocket(conn.native_handle()), POLLIN, 0};
  return ::poll(&socket, 1, 0) != 0;
}

}  // namespace

struct async_pool_state
    : sqlx::detail::pool_core::state_base<async_pool_state, async_pool_entry, pool_options> {
  static constexpr std::string_view database = "";

  async_pool_state(asio::any_io_executor ex, std::string u, pool_options o, async_pool_hooks h)
      : state_base(std::move(ex), std::move(o)),
        url(std::move(u)),
        hooks(std::move(h)),
        connection_options(options.get_connection_options()) {}

  std::string url;
  async_pool_hooks hooks;
  pg::connection_options connection_options;
  // Connections lent to single checked queries (run_checked), which further such queries may
  // share, pipelined, while every connection is busy and nobody waits (docs/async.md).
  std::vector<std::weak_ptr<async_pooled_connection>> shared;

  // The least loaded shared connection, or null.
  [[nodiscard]] std::shared_ptr<async_pooled_connection> least_loaded_shared() {
    std::shared_ptr<async_pooled_connection> best;
    std::erase_if(shared, [](const auto& w) { return w.expired(); });
    for (const auto& w : shared) {
      auto candidate = w.lock();
      if (!candidate || !(*candidate)->is_usable()) continue;
      if (!best || (*candidate)->in_flight() < (*best)->in_flight()) best = std::move(candidate);
    }
    return best;
  }

  [[nodiscard]] async_pooled_connection lend(std::unique_ptr<async_pool_entry> e) {
    return async_pooled_connection(shared_from_this(), std::move(e));
  }

  // A dropped transaction's ROLLBACK in flight, or a transaction left open by hand.
  [[nodiscard]] static bool needs_settling(const async_connection& conn) noexcept {
    return conn.in_flight() > 0 || conn.transaction_status() != PQTRANS_IDLE;
  }

  // Reads past what is in flight, rolls back a transaction left open; taking longer than
  // acquire_timeout counts as a failure.
  static asio::awaitable<bool> settle_connection(async_pool_state& st, async_connection& conn) {
    asio::steady_timer timer(st.executor, st.options.get_acquire_timeout());
    const auto pinged = co_await (conn.ping() || timer.async_wait(asio::use_awaitable));
    bool clean = pinged.index() == 0 && std::get<0>(pinged);
    if (clean && conn.transaction_status() != PQTRANS_IDLE) {
      (void)co_await conn.run(std::string("ROLLBACK"));
    }
    co_return clean&& conn.is_usable() &&
        conn.transaction_status() == PQTRANS_IDLE&& conn.in_flight() == 0;
  }

  // test_before_acquire pings a connection idle for a while (or with something to read) within
  // the acquire's deadline; before_acquire may refuse it.
  static asio::awaitable<void> vet(std::shared_ptr<async_pool_state> st,
                                   std::unique_ptr<async_pool_entry>& entry,
                                   clock::time_point start, clock::time_point deadline) {
    async_connection& conn = entry->conn;
    if (st->options.get_test_before_acquire() &&
        (clock::now() - entry->returned > std::chrono::seconds(1) || readable(conn))) {
      bool alive = false;
      if (deadline == clock::time_point::max()) {
        alive = co_await conn.ping();
      } else {
        asio::steady_timer timer(st->executor, deadline);
        const auto pinged = co_await (conn.ping() || timer.async_wait(asio::use_awaitable));
        if (pinged.index() == 1) {
          entry.reset();
          sqlx::detail::pool_core::throw_timeout(
              *st, start, "the ping of an idle connection (test_before_acquire)");
        }
        alive = std::get<0>(pinged);
      }
      if (!alive) {
        entry.reset();
        co_return;
      }
    }
    if (st->hooks.before_acquire && !co_await st->hooks.before_acquire(entry->conn)) {
      entry.reset();
    }
  }

  // A new connection within the deadline, with after_connect run on it.
  static asio::awaitable<async_connection> connect(std::shared_ptr<async_pool_state> st,
                                                   clock::time_point start,
                                                   clock::time_point deadline) {
    std::optional<async_connection> conn;
    try {
      conn.emplace(
          co_await async_connection::open(st->executor, st->url, st->connection_options, deadline));
    } catch (const connection_error&) {
      if (clock::now() >= deadline) {
        sqlx::detail::pool_core::throw_timeout(*st, start, "connecting");
      }
      throw;
    }
    if (st->hooks.after_connect) co_await st->hooks.after_connect(*conn);
    co_return std::move(*conn);
  }
};

}  // namespace sqlx::pg::detail

SQLX_ASYNC_POOL_INSTANTIATE(sqlx::pg::detail::async_pool_state, sqlx::pg::detail::async_pool_entry,
                            sqlx::pg::async_connection);

namespace sqlx::pg {

using detail::async_pool_entry;
using detail::async_pool_state;
using sqlx::detail::pool_core::acquire_from;

async_pooled_connection::async_pooled_connection(std::shared_ptr<async_pool_state> pool,
                                                 std::unique_ptr<async_pool_entry> entry) noexcept
    : basic_async_pooled_connection(std::move(pool), std::move(entry)) {}

asio::awaitable<result> async_pooled_connection::run_checked(
    std::string_view text, std::span<const sqlx::detail::column_info> columns,
    std::span<const parameter> parameters) {
  return lent().run_checked(text, columns, parameters);
}

asio::awaitable<async_raw_stream> async_pooled_connection::open_stream(
    std::string_view text, std::span<const sqlx::detail::column_info> columns,
    std::span<const parameter> parameters) {
  return lent().open_stream(text, columns, parameters);
}

async_pool::async_pool(std::shared_ptr<async_pool_state> state) noexcept
    : basic_async_pool(std::move(state)) {}

asio::awaitable<async_pool> async_pool::open(executor_type executor, std::string url,
                                             pool_options options, async_pool_hooks hooks,
                                             bool lazy) {
  co_return async_pool(co_await sqlx::detail::pool_core::open_state<async_pool_state>(
      lazy, executor, std::move(url), std::move(options), std::move(hooks)));
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

asio::awaitable<result> async_pool::run_checked(std::string_view text,
                                                std::span<const sqlx::detail::column_info> columns,
                                                std::span<const parameter> parameters) {
  return [](std::shared_ptr<async_pool_state> st, std::string_view t,
            std::span<const sqlx::detail::column_info> c,
            std::span<const parameter> p) -> asio::awaitable<result> {
    // Every connection busy and nobody waiting: pipeline onto the least loaded connection
    // already lent to single queries, rather than wait for one to come back. Each query is its
    // own Sync segment there, so they do not affect each other.
    std::shared_ptr<async_pooled_connection> conn;
    if (st->waiters.empty() && st->idle.empty() && st->open >= st->options.get_max_connections()) {
      conn = st->least_loaded_shared();
    }
    if (!conn) {
      conn = std::make_shared<async_pooled_connection>(co_await acquire_from(st));
      st->shared.push_back(conn);
    }
    co_return co_await (*conn)->run_checked(t, c, p);
  }(state(), text, columns, parameters);
}

asio::awaitable<async_raw_stream> async_pool::open_stream(
    std::string_view text, std::span<const sqlx::detail::column_info> columns,
    std::span<const parameter> parameters) {
  return [](std::shared_ptr<async_pool_state> st, std::string_view t,
            std::span<const sqlx::detail::column_info> c,
            std::span<const parameter> p) -> asio::awaitable<async_raw_stream> {
    auto conn = std::make_shared<async_pooled_connection>(co_await acquire_from(st));
    async_raw_stream stream = co_await (*conn)->open_stream(t, c, p);
    stream.keep(std::move(conn));
    co_return stream;
  }(state(), text, columns, parameters);
}

}  // namespace sqlx::pg
