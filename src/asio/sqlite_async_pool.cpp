// The SQLite async pool: the PostgreSQL async pool's design (src/asio/async_pool.cpp) over
// connections that each run on a worker thread. Everything here runs on the pool's executor,
// one thread: no lock. A slot is one of max_connections: held by an idle connection, a lent
// one, one being opened or one being settled; a slot freed goes straight to the first waiter.
#include <fmt/format.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/system/system_error.hpp>
#include <deque>
#include <vector>

#include "sqlx/sqlite/async_pool.hpp"
#include "sqlx/sqlite/async_transaction.hpp"

namespace sqlx::sqlite::detail {

using clock = std::chrono::steady_clock;

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
  async_pool_state(asio::any_io_executor ex, pool_options o)
      : executor(std::move(ex)), options(std::move(o)), reaper(executor) {}

  asio::any_io_executor executor;
  pool_options options;
  std::deque<std::unique_ptr<async_pool_entry>> idle;  // the most recently returned last
  std::size_t open = 0;                                // slots taken
  std::deque<std::shared_ptr<pool_waiter>> waiters;    // first come, first served
  bool closed = false;
  asio::steady_timer reaper;

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
    e->returned = clock::now();
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

// Rolls back what a dropped transaction (or a BEGIN by hand) left open, after the ROLLBACK the
// transaction queued, then gives the connection back; any failure closes it. Its slot stays
// taken meanwhile.
asio::awaitable<void> settle(std::shared_ptr<async_pool_state> st,
                             std::unique_ptr<async_pool_entry> e) {
  bool clean = false;
  try {
    const connection_work work = [](connection& conn) {
      if (conn.in_transaction()) conn.execute("ROLLBACK");
    };
    co_await e->conn.run(work);
    clean = e->conn.is_usable() && !e->conn.in_transaction() && !e->conn.needs_settling();
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
      fmt::format("sqlx: acquiring a SQLite connection timed out after {} ms ({}; {} of "
                  "{} connections open)",
                  ms.count(), what, st.open, st.options.get_max_connections()));
}

[[nodiscard]] clock::time_point deadline_after(clock::duration timeout) {
  // A year or more: no bound.
  if (timeout >= std::chrono::hours(24 * 365)) return clock::time_point::max();
  return clock::now() + timeout;
}

// A new connection with after_connect run on its worker.
asio::awaitable<std::unique_ptr<async_pool_entry>> connect_entry(
    std::shared_ptr<async_pool_state> st) {
  auto conn = co_await async_connection::open(st->executor, st->options.get_connect_options());
  if (const auto& hook = st->options.get_after_connect()) {
    const connection_work work = [&hook](connection& c) { hook(c); };
    co_await conn.run(work);
  }
  const auto now = clock::now();
  co_return std::unique_ptr<async_pool_entry>(new async_pool_entry{std::move(conn), now, now});
}

}  // namespace

void async_pool_state::release(std::unique_ptr<async_pool_entry> e) noexcept {
  if (closed || !e->conn.is_usable() || too_old(*e, clock::now())) {
    e.reset();
    give_slot();
    return;
  }
  if (e->conn.needs_settling() || e->conn.in_transaction() || e->conn.in_flight() > 0) {
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
    if (st->closed) throw sqlx::error("sqlx: the SQLite async pool is closed");
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
    if (st->too_old(*slot.entry, clock::now()) || !conn.is_usable()) {
      slot.entry.reset();
    } else {
      // The blocking pool's checks, on the worker: a transaction left open is rolled back
      // (test_before_acquire); before_acquire may refuse the connection.
      const bool test = st->options.get_test_before_acquire() && conn.in_transaction();
      const auto& hook = st->options.get_before_acquire();
      if (test || hook) {
        bool keep = true;
        const connection_work work = [&](connection& c) {
          if (test && c.in_transaction()) c.execute("ROLLBACK");
          if (hook) keep = hook(c);
        };
        try {
          co_await conn.run(work);
        } catch (const boost::system::system_error&) {
          throw;  // cancelled: the lease gives the connection back
        } catch (...) {
          keep = false;
        }
        if (!keep) slot.entry.reset();
      }
    }
  }
  if (!slot.entry) {
    if (clock::now() >= deadline) throw_timeout(*st, start, "no time left to connect");
    slot.entry = co_await connect_entry(st);
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
        st->release(co_await connect_entry(st));
      } catch (...) {
        st->give_slot();
        break;  // tried again at the next tick
      }
    }
  }
}

}  // namespace
}  // namespace sqlx::sqlite::detail

namespace sqlx::sqlite {

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

asio::awaitable<void> async_pooled_connection::run(const connection_work& work) {
  if (!entry_) throw sqlx::error("sqlx: use of a released SQLite async_pooled_connection");
  return entry_->conn.run(work);
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

asio::awaitable<async_pool> async_pool::open(executor_type executor, pool_options options) {
  if (options.get_max_connections() == 0) {
    throw configuration_error("sqlx: an async pool needs max_connections >= 1");
  }
  if (options.get_min_connections() > options.get_max_connections()) {
    throw configuration_error("sqlx: min_connections exceeds max_connections");
  }
  auto st = std::make_shared<async_pool_state>(executor, std::move(options));
  async_pool pool(st);
  {
    std::vector<async_pooled_connection> first;
    const std::size_t n = std::max<std::size_t>(st->options.get_min_connections(), 1);
    for (std::size_t i = 0; i < n; ++i) first.push_back(co_await detail::acquire_from(st));
  }
  asio::co_spawn(executor, detail::reap(st), asio::detached);
  co_return pool;
}

asio::awaitable<async_pool> async_pool::open(executor_type executor, std::string url,
                                             pool_options options) {
  co_return co_await open(std::move(executor), options.with_url(url));
}

asio::awaitable<async_pooled_connection> async_pool::acquire() {
  if (!state_) throw sqlx::error("sqlx: use of an empty SQLite async_pool");
  return detail::acquire_from(state_);
}

asio::awaitable<async_transaction> async_pool::begin(transaction_options options) {
  if (!state_) throw sqlx::error("sqlx: use of an empty SQLite async_pool");
  return [](std::shared_ptr<async_pool_state> st,
            transaction_options o) -> asio::awaitable<async_transaction> {
    co_return co_await async_transaction::begin(co_await detail::acquire_from(st), o);
  }(state_, options);
}

asio::any_io_executor async_pool::get_executor() const noexcept {
  return state_ ? state_->executor : asio::any_io_executor();
}

asio::awaitable<void> async_pool::run(const connection_work& work) {
  if (!state_) throw sqlx::error("sqlx: use of an empty SQLite async_pool");
  return
      [](std::shared_ptr<async_pool_state> st, const connection_work& w) -> asio::awaitable<void> {
        async_pooled_connection conn = co_await detail::acquire_from(st);
        co_await conn.run(w);
      }(state_, work);
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

}  // namespace sqlx::sqlite
