// The async pool. Everything runs on the pool's executor, one thread: no lock. A slot is one
// of max_connections: held by an idle connection, a lent one, one being opened or one being
// settled (its dropped transaction rolled back); a slot freed goes straight to the first waiter.
#include "sqlx/pg/async_pool.hpp"

#include <fmt/format.h>
#include <poll.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/system/system_error.hpp>
#include <deque>
#include <vector>

#include "sqlx/pg/async_transaction.hpp"

namespace sqlx::pg::detail {

using clock = std::chrono::steady_clock;
using boost::asio::experimental::awaitable_operators::operator||;

struct async_pool_entry {
  async_connection conn;
  clock::time_point created;
  clock::time_point returned;
};

struct pool_waiter {
  pool_waiter(const asio::any_io_executor& executor, clock::time_point deadline)
      : wake(executor, deadline) {}
  asio::steady_timer wake;                   // cancelled to wake; expires at the acquire's deadline
  std::unique_ptr<async_pool_entry> handed;  // a connection handed over
  bool slot = false;                         // a free slot handed over: open one
  bool woken = false;
};

struct async_pool_state : std::enable_shared_from_this<async_pool_state> {
  async_pool_state(asio::any_io_executor ex, std::string u, pool_options o, async_pool_hooks h)
      : executor(ex),
        url(std::move(u)),
        options(std::move(o)),
        hooks(std::move(h)),
        connection_options(options.get_connection_options()),
        reaper(ex) {}

  asio::any_io_executor executor;
  std::string url;
  pool_options options;
  async_pool_hooks hooks;
  pg::connection_options connection_options;
  std::deque<std::unique_ptr<async_pool_entry>> idle;  // the most recently returned last
  std::size_t open = 0;                                // slots taken
  std::deque<std::shared_ptr<pool_waiter>> waiters;    // first come, first served
  bool closed = false;
  asio::steady_timer reaper;
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

  [[nodiscard]] bool too_old(const async_pool_entry& e, clock::time_point now) const {
    const auto lifetime = options.get_max_lifetime();
    return lifetime && now - e.created >= *lifetime;
  }

  // A slot was freed: to the first waiter, else given back.
  void give_slot() noexcept {
    if (!closed && !waiters.empty()) {
      const auto w = std::move(waiters.front());
      waiters.pop_front();
      w->slot = true;
      w->woken = true;
      w->wake.cancel();
      return;
    }
    --open;
  }

  // A clean connection: to the first waiter, else idle.
  void hand(std::unique_ptr<async_pool_entry> e) noexcept {
    e->returned = clock::now();  // test_before_acquire pings what was idle for a while
    if (!waiters.empty()) {
      const auto w = std::move(waiters.front());
      waiters.pop_front();
      w->handed = std::move(e);
      w->woken = true;
      w->wake.cancel();
      return;
    }
    idle.push_back(std::move(e));
  }

  void release(std::unique_ptr<async_pool_entry> e) noexcept;

  [[nodiscard]] async_pooled_connection lend(std::unique_ptr<async_pool_entry> e) {
    return async_pooled_connection(shared_from_this(), std::move(e));
  }
};

namespace {

// Reads past what is in flight (a dropped transaction's ROLLBACK), rolls back a transaction
// left open by hand, then gives the connection back; any failure, or taking longer than
// acquire_timeout, closes it. Its slot stays taken meanwhile.
asio::awaitable<void> settle(std::shared_ptr<async_pool_state> st,
                             std::unique_ptr<async_pool_entry> e) {
  bool clean = false;
  try {
    asio::steady_timer timer(st->executor, st->options.get_acquire_timeout());
    const auto pinged = co_await (e->conn.ping() || timer.async_wait(asio::use_awaitable));
    clean = pinged.index() == 0 && std::get<0>(pinged);
    if (clean && e->conn.transaction_status() != PQTRANS_IDLE) {
      (void)co_await e->conn.run(std::string("ROLLBACK"));
    }
    clean = clean && e->conn.is_usable() && e->conn.transaction_status() == PQTRANS_IDLE &&
            e->conn.in_flight() == 0;
  } catch (...) {
    clean = false;
  }
  if (clean) {
    st->release(std::move(e));
  } else {
    e.reset();
    st->give_slot();
  }
}

// One slot of the pool held by an acquire, with or without its connection: given back (or the
// connection returned) if the acquire does not complete.
struct lease {
  std::shared_ptr<async_pool_state> st;
  std::unique_ptr<async_pool_entry> entry;
  bool held = false;
  explicit lease(std::shared_ptr<async_pool_state> state) : st(std::move(state)) {}
  lease(const lease&) = delete;
  lease& operator=(const lease&) = delete;
  ~lease() {
    if (!held) return;
    if (entry) {
      st->release(std::move(entry));
    } else {
      st->give_slot();
    }
  }
};

[[noreturn]] void throw_timeout(const async_pool_state& st, clock::time_point start,
                                std::string_view what) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - start);
  throw pool_timeout(
      fmt::format("sqlx: acquiring a connection timed out after {} ms ({}; {} of "
                  "{} connections open)",
                  ms.count(), what, st.open, st.options.get_max_connections()));
}

// Something arrived on an idle connection (the FATAL of a terminated backend, the end of the
// stream): a poll without waiting.
[[nodiscard]] bool readable(const async_connection& conn) noexcept {
  pollfd socket{PQsocket(conn.native_handle()), POLLIN, 0};
  return ::poll(&socket, 1, 0) != 0;
}

[[nodiscard]] clock::time_point deadline_after(clock::duration timeout) {
  // A year or more: no bound.
  if (timeout >= std::chrono::hours(24 * 365)) return clock::time_point::max();
  return clock::now() + timeout;
}

asio::awaitable<async_pooled_connection> acquire_from(std::shared_ptr<async_pool_state> st);

}  // namespace

void async_pool_state::release(std::unique_ptr<async_pool_entry> e) noexcept {
  if (closed || !e->conn.is_usable() || too_old(*e, clock::now())) {
    e.reset();
    give_slot();
    return;
  }
  if (e->conn.in_flight() > 0 || e->conn.transaction_status() != PQTRANS_IDLE) {
    asio::co_spawn(executor, settle(shared_from_this(), std::move(e)), asio::detached);
    return;
  }
  hand(std::move(e));
}

namespace {

asio::awaitable<async_pooled_connection> acquire_from(std::shared_ptr<async_pool_state> st) {
  const auto start = clock::now();
  const auto deadline = deadline_after(st->options.get_acquire_timeout());
  lease slot(st);
  while (!slot.held) {
    if (st->closed) throw sqlx::error("sqlx: the async pool is closed");
    if (st->waiters.empty() && !st->idle.empty()) {
      slot.entry = std::move(st->idle.back());
      st->idle.pop_back();
      slot.held = true;
    } else if (st->waiters.empty() && st->open < st->options.get_max_connections()) {
      ++st->open;
      slot.held = true;
    } else {
      auto w = std::make_shared<pool_waiter>(st->executor, deadline);
      st->waiters.push_back(w);
      (void)co_await w->wake.async_wait(asio::as_tuple(asio::use_awaitable));
      if (!w->woken) {
        std::erase(st->waiters, w);
        const auto cancelled = (co_await asio::this_coro::cancellation_state).cancelled();
        if (cancelled != asio::cancellation_type::none) {
          throw boost::system::system_error(asio::error::operation_aborted);
        }
        throw_timeout(*st, start, "all connections busy");
      }
      if (w->handed) {
        slot.entry = std::move(w->handed);
        slot.held = true;
      } else if (w->slot) {
        slot.held = true;
      }
      // Else woken by close(): the loop says so.
    }
  }

  if (slot.entry) {
    async_connection& conn = slot.entry->conn;
    const auto now = clock::now();
    if (st->too_old(*slot.entry, now) || !conn.is_usable()) {
      slot.entry.reset();
    } else if (st->options.get_test_before_acquire() &&
               (now - slot.entry->returned > std::chrono::seconds(1) || readable(conn))) {
      bool alive = false;
      if (deadline == clock::time_point::max()) {
        alive = co_await conn.ping();
      } else {
        asio::steady_timer timer(st->executor, deadline);
        const auto pinged = co_await (conn.ping() || timer.async_wait(asio::use_awaitable));
        if (pinged.index() == 1) {
          slot.entry.reset();
          throw_timeout(*st, start, "the ping of an idle connection (test_before_acquire)");
        }
        alive = std::get<0>(pinged);
      }
      if (!alive) slot.entry.reset();
    }
    if (slot.entry && st->hooks.before_acquire) {
      const bool keep = co_await st->hooks.before_acquire(conn);
      if (!keep) slot.entry.reset();
    }
  }
  if (!slot.entry) {
    if (clock::now() >= deadline) throw_timeout(*st, start, "no time left to connect");
    try {
      auto conn =
          co_await async_connection::open(st->executor, st->url, st->connection_options, deadline);
      const auto now = clock::now();
      slot.entry.reset(new async_pool_entry{std::move(conn), now, now});
    } catch (const connection_error&) {
      if (clock::now() >= deadline) throw_timeout(*st, start, "connecting");
      throw;
    }
    if (st->hooks.after_connect) {
      try {
        co_await st->hooks.after_connect(slot.entry->conn);
      } catch (...) {
        slot.entry.reset();
        throw;
      }
    }
  }
  slot.held = false;
  co_return st->lend(std::move(slot.entry));
}

// Closes idle connections past idle_timeout or max_lifetime and keeps min_connections open,
// on a timer of the event loop; ends when the pool closes.
asio::awaitable<void> reap(std::shared_ptr<async_pool_state> st) {
  const auto idle_timeout = st->options.get_idle_timeout();
  const auto lifetime = st->options.get_max_lifetime();
  clock::duration period = std::chrono::seconds(30);
  if (idle_timeout) period = std::min(period, *idle_timeout / 2);
  if (lifetime) period = std::min(period, *lifetime / 2);
  period = std::max<clock::duration>(period, std::chrono::milliseconds(50));
  while (!st->closed) {
    st->reaper.expires_after(period);
    (void)co_await st->reaper.async_wait(asio::as_tuple(asio::use_awaitable));
    if (st->closed) break;
    const auto now = clock::now();
    const std::size_t min = st->options.get_min_connections();
    for (auto it = st->idle.begin(); it != st->idle.end();) {
      const bool stale = idle_timeout && now - (*it)->returned >= *idle_timeout && st->open > min;
      if (stale || st->too_old(**it, now)) {
        it = st->idle.erase(it);
        st->give_slot();
      } else {
        ++it;
      }
    }
    while (!st->closed && st->open < min && st->waiters.empty()) {
      ++st->open;
      try {
        auto conn =
            co_await async_connection::open(st->executor, st->url, st->connection_options,
                                            deadline_after(st->options.get_acquire_timeout()));
        if (st->hooks.after_connect) co_await st->hooks.after_connect(conn);
        st->release(std::unique_ptr<async_pool_entry>(
            new async_pool_entry{std::move(conn), clock::now(), clock::now()}));
      } catch (...) {
        st->give_slot();
        break;  // tried again at the next tick
      }
    }
  }
}

}  // namespace
}  // namespace sqlx::pg::detail

namespace sqlx::pg {

using detail::async_pool_entry;
using detail::async_pool_state;

async_pooled_connection::async_pooled_connection() noexcept = default;
async_pooled_connection::async_pooled_connection(std::shared_ptr<async_pool_state> pool,
                                                 std::unique_ptr<async_pool_entry> entry) noexcept
    : pool_(std::move(pool)), entry_(std::move(entry)) {}
async_pooled_connection::async_pooled_connection(async_pooled_connection&&) noexcept = default;
async_pooled_connection& async_pooled_connection::operator=(
    async_pooled_connection&& other) noexcept {
  if (this != &other) {
    release();
    pool_ = std::move(other.pool_);
    entry_ = std::move(other.entry_);
  }
  return *this;
}
async_pooled_connection::~async_pooled_connection() {
  release();
}

async_connection& async_pooled_connection::operator*() const noexcept {
  return entry_->conn;
}
async_connection* async_pooled_connection::operator->() const noexcept {
  return &entry_->conn;
}

void async_pooled_connection::release() noexcept {
  if (entry_) pool_->release(std::move(entry_));
  pool_.reset();
}

asio::any_io_executor async_pooled_connection::get_executor() const noexcept {
  return entry_ ? entry_->conn.get_executor() : asio::any_io_executor();
}

asio::awaitable<result> async_pooled_connection::run_checked(
    std::string_view text, std::span<const sqlx::detail::column_info> columns,
    std::span<const parameter> parameters) {
  if (!entry_) throw sqlx::error("sqlx: use of a released async_pooled_connection");
  return entry_->conn.run_checked(text, columns, parameters);
}

asio::awaitable<async_raw_stream> async_pooled_connection::open_stream(
    std::string_view text, std::span<const sqlx::detail::column_info> columns,
    std::span<const parameter> parameters) {
  if (!entry_) throw sqlx::error("sqlx: use of a released async_pooled_connection");
  return entry_->conn.open_stream(text, columns, parameters);
}

async_pool::async_pool() noexcept = default;
async_pool::async_pool(std::shared_ptr<async_pool_state> state) noexcept
    : state_(std::move(state)) {}
async_pool::async_pool(async_pool&&) noexcept = default;
async_pool& async_pool::operator=(async_pool&& other) noexcept {
  if (this != &other) {
    close();
    state_ = std::move(other.state_);
  }
  return *this;
}
async_pool::~async_pool() {
  close();
}

asio::awaitable<async_pool> async_pool::open(executor_type executor, std::string url,
                                             pool_options options, async_pool_hooks hooks,
                                             bool lazy) {
  if (options.get_max_connections() == 0) {
    throw configuration_error("sqlx: an async pool needs max_connections >= 1");
  }
  if (options.get_min_connections() > options.get_max_connections()) {
    throw configuration_error("sqlx: min_connections exceeds max_connections");
  }
  auto st = std::make_shared<async_pool_state>(executor, std::move(url), std::move(options),
                                               std::move(hooks));
  async_pool pool(st);
  if (!lazy) {
    std::vector<async_pooled_connection> first;
    const std::size_t n = std::max<std::size_t>(st->options.get_min_connections(), 1);
    for (std::size_t i = 0; i < n; ++i) first.push_back(co_await detail::acquire_from(st));
  }
  asio::co_spawn(executor, detail::reap(st), asio::detached);
  co_return pool;
}

asio::awaitable<async_pooled_connection> async_pool::acquire() {
  if (!state_) throw sqlx::error("sqlx: use of an empty async_pool");
  return detail::acquire_from(state_);
}

asio::awaitable<async_transaction> async_pool::begin(transaction_options options) {
  if (!state_) throw sqlx::error("sqlx: use of an empty async_pool");
  return [](std::shared_ptr<async_pool_state> st,
            transaction_options o) -> asio::awaitable<async_transaction> {
    co_return co_await async_transaction::begin(co_await detail::acquire_from(st), o);
  }(state_, options);
}

asio::any_io_executor async_pool::get_executor() const noexcept {
  return state_ ? state_->executor : asio::any_io_executor();
}

asio::awaitable<result> async_pool::run_checked(std::string_view text,
                                                std::span<const sqlx::detail::column_info> columns,
                                                std::span<const parameter> parameters) {
  if (!state_) throw sqlx::error("sqlx: use of an empty async_pool");
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
      conn = std::make_shared<async_pooled_connection>(co_await detail::acquire_from(st));
      st->shared.push_back(conn);
    }
    co_return co_await (*conn)->run_checked(t, c, p);
  }(state_, text, columns, parameters);
}

asio::awaitable<async_raw_stream> async_pool::open_stream(
    std::string_view text, std::span<const sqlx::detail::column_info> columns,
    std::span<const parameter> parameters) {
  if (!state_) throw sqlx::error("sqlx: use of an empty async_pool");
  return [](std::shared_ptr<async_pool_state> st, std::string_view t,
            std::span<const sqlx::detail::column_info> c,
            std::span<const parameter> p) -> asio::awaitable<async_raw_stream> {
    auto conn = std::make_shared<async_pooled_connection>(co_await detail::acquire_from(st));
    async_raw_stream stream = co_await (*conn)->open_stream(t, c, p);
    stream.keep(std::move(conn));
    co_return stream;
  }(state_, text, columns, parameters);
}

std::size_t async_pool::size() const noexcept {
  return state_ ? state_->open : 0;
}

std::size_t async_pool::idle() const noexcept {
  return state_ ? state_->idle.size() : 0;
}

void async_pool::close() noexcept {
  if (!state_ || state_->closed) return;
  async_pool_state& st = *state_;
  st.closed = true;
  st.open -= st.idle.size();
  st.idle.clear();
  for (const auto& w : st.waiters) {
    w->woken = true;
    w->wake.cancel();
  }
  st.waiters.clear();
  st.reaper.cancel();
}

}  // namespace sqlx::pg
