// The async pools' one core (docs/async.md), for PostgreSQL (async_pool.cpp) and SQLite
// (sqlite_async_pool.cpp). Everything runs on the pool's executor, one thread: no lock. A slot
// is one of max_connections: held by an idle connection, a lent one, one being opened or one
// being settled (its dropped transaction rolled back); a slot freed goes straight to the first
// waiter, so acquires are served first come, first served.
//
// A database's pool state derives from async_pool_core<State, Entry, Options> and provides:
//   static constexpr std::string_view database;  // "" or "SQLite ", for messages
//   static bool needs_settling(const Connection&);  // returned with work to undo
//   static awaitable<bool> settle_connection(State&, Connection&);  // undone and clean?
//   static awaitable<void> vet(shared_ptr<State>, unique_ptr<Entry>&, start, deadline);
//       // an idle connection about to be lent: resets the entry to refuse it
//   static awaitable<Connection> connect(shared_ptr<State>, start, deadline);  // with hooks
//   Pooled lend(unique_ptr<Entry>);  // the database's async_pooled_connection
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/system/system_error.hpp>
#include <chrono>
#include <deque>
#include <memory>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "sqlx/detail/async_pool_base.hpp"
#include "sqlx/error.hpp"
#include "sqlx/pg/pool.hpp"  // sqlx::pool_timeout

namespace sqlx::detail::pool_core {

using clock = std::chrono::steady_clock;

template <typename Connection>
struct entry_base {
  explicit entry_base(Connection c)
      : conn(std::move(c)), created(clock::now()), returned(created) {}
  Connection conn;
  clock::time_point created;
  clock::time_point returned;
};

template <typename Entry>
struct waiter {
  waiter(const asio::any_io_executor& executor, clock::time_point deadline)
      : wake(executor, deadline) {}
  asio::steady_timer wake;        // cancelled to wake; expires at the acquire's deadline
  std::unique_ptr<Entry> handed;  // a connection handed over
  bool slot = false;              // a free slot handed over: open one
  bool woken = false;
};

template <typename State, typename Entry, typename Options>
struct state_base : std::enable_shared_from_this<State> {
  state_base(asio::any_io_executor ex, Options o)
      : executor(std::move(ex)), options(std::move(o)), reaper(executor) {}

  asio::any_io_executor executor;
  Options options;
  std::deque<std::unique_ptr<Entry>> idle;             // the most recently returned last
  std::size_t open = 0;                                // slots taken
  std::deque<std::shared_ptr<waiter<Entry>>> waiters;  // first come, first served
  bool closed = false;
  asio::steady_timer reaper;

  [[nodiscard]] bool too_old(const Entry& e, clock::time_point now) const {
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
  void hand(std::unique_ptr<Entry> e) noexcept {
    e->returned = clock::now();  // test_before_acquire looks at how long it was idle
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

  // A connection coming back: closed when broken, aged or the pool is closed; settled first
  // when it was left with work to undo.
  void release(std::unique_ptr<Entry> e) noexcept;

  void close() noexcept {
    if (closed) return;
    closed = true;
    open -= idle.size();
    idle.clear();
    for (const auto& w : waiters) {
      w->woken = true;
      w->wake.cancel();
    }
    waiters.clear();
    reaper.cancel();
  }
};

// Undoes what the connection was left with (State::settle_connection), then gives it back; any
// failure closes it. Its slot stays taken meanwhile.
template <typename State, typename Entry>
asio::awaitable<void> settle(std::shared_ptr<State> st, std::unique_ptr<Entry> e) {
  bool clean = false;
  try {
    clean = co_await State::settle_connection(*st, e->conn);
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

template <typename State, typename Entry, typename Options>
void state_base<State, Entry, Options>::release(std::unique_ptr<Entry> e) noexcept {
  if (closed || !e->conn.is_usable() || too_old(*e, clock::now())) {
    e.reset();
    give_slot();
    return;
  }
  if (State::needs_settling(e->conn)) {
    asio::co_spawn(executor, settle(this->shared_from_this(), std::move(e)), asio::detached);
    return;
  }
  hand(std::move(e));
}

// One slot of the pool held by an acquire, with or without its connection: given back (or the
// connection returned) if the acquire does not complete.
template <typename State, typename Entry>
struct lease {
  std::shared_ptr<State> st;
  std::unique_ptr<Entry> entry;
  bool held = false;
  explicit lease(std::shared_ptr<State> state) : st(std::move(state)) {}
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

template <typename State>
[[noreturn]] void throw_timeout(const State& st, clock::time_point start, std::string_view what) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - start);
  throw pool_timeout(
      fmt::format("sqlx: acquiring a {}connection timed out after {} ms ({}; {} of "
                  "{} connections open)",
                  State::database, ms.count(), what, st.open, st.options.get_max_connections()));
}

[[nodiscard]] inline clock::time_point deadline_after(clock::duration timeout) {
  // A year or more: no bound.
  if (timeout >= std::chrono::hours(24 * 365)) return clock::time_point::max();
  return clock::now() + timeout;
}

template <typename Entry, typename State>
[[nodiscard]] asio::awaitable<std::unique_ptr<Entry>> connect_entry(std::shared_ptr<State> st,
                                                                    clock::time_point start,
                                                                    clock::time_point deadline) {
  co_return std::make_unique<Entry>(co_await State::connect(st, start, deadline));
}

// Lends a connection: an idle one (vetted by the database), else a new one while fewer than
// max_connections are open, else waits; all of it within acquire_timeout, else pool_timeout.
template <typename State>
auto acquire_from(std::shared_ptr<State> st)
    -> asio::awaitable<decltype(st->lend(std::move(st->idle.back())))> {
  using entry = typename decltype(st->idle)::value_type::element_type;
  const auto start = clock::now();
  const auto deadline = deadline_after(st->options.get_acquire_timeout());
  lease<State, entry> slot(st);
  while (!slot.held) {
    if (st->closed)
      throw sqlx::error(fmt::format("sqlx: the {}async pool is closed", State::database));
    if (st->waiters.empty() && !st->idle.empty()) {
      slot.entry = std::move(st->idle.back());
      st->idle.pop_back();
      slot.held = true;
    } else if (st->waiters.empty() && st->open < st->options.get_max_connections()) {
      ++st->open;
      slot.held = true;
    } else {
      auto w = std::make_shared<waiter<entry>>(st->executor, deadline);
      st->waiters.push_back(w);
      (void)co_await w->wake.async_wait(asio::as_tuple(asio::use_awaitable));
      if (!w->woken) {
        std::erase(st->waiters, w);
        const auto state = co_await asio::this_coro::cancellation_state;
        if (state.cancelled() != asio::cancellation_type::none) {
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
    if (st->too_old(*slot.entry, clock::now()) || !slot.entry->conn.is_usable()) {
      slot.entry.reset();
    } else {
      co_await State::vet(st, slot.entry, start, deadline);
    }
  }
  if (!slot.entry) {
    if (clock::now() >= deadline) throw_timeout(*st, start, "no time left to connect");
    slot.entry = co_await connect_entry<entry>(st, start, deadline);
  }
  slot.held = false;
  co_return st->lend(std::move(slot.entry));
}

// Closes idle connections past idle_timeout or max_lifetime and keeps min_connections open,
// on a timer of the event loop; ends when the pool closes.
template <typename State>
asio::awaitable<void> reap(std::shared_ptr<State> st) {
  using entry = typename decltype(st->idle)::value_type::element_type;
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
        const auto start = clock::now();
        st->release(co_await connect_entry<entry>(
            st, start, deadline_after(st->options.get_acquire_timeout())));
      } catch (...) {
        st->give_slot();
        break;  // tried again at the next tick
      }
    }
  }
}

// A new pool's state after checking its options; unless `lazy`, max(min_connections, 1)
// connections are opened (so a wrong address fails here); then the reaper starts.
template <typename State, typename... Args>
asio::awaitable<std::shared_ptr<State>> open_state(bool lazy, asio::any_io_executor executor,
                                                   Args&&... args) {
  auto st = std::make_shared<State>(executor, std::forward<Args>(args)...);
  if (st->options.get_max_connections() == 0) {
    throw configuration_error("sqlx: an async pool needs max_connections >= 1");
  }
  if (st->options.get_min_connections() > st->options.get_max_connections()) {
    throw configuration_error("sqlx: min_connections exceeds max_connections");
  }
  if (!lazy) {
    std::vector<decltype(st->lend(nullptr))> first;
    const std::size_t n = std::max<std::size_t>(st->options.get_min_connections(), 1);
    for (std::size_t i = 0; i < n; ++i) first.push_back(co_await acquire_from(st));
  }
  asio::co_spawn(executor, reap(st), asio::detached);
  co_return st;
}

}  // namespace sqlx::detail::pool_core

// The public classes' shared members (sqlx/detail/async_pool_base.hpp).
namespace sqlx::detail {

template <typename S, typename T>
void pool_return<S, T>::operator()(T* p) const noexcept {
  if constexpr (std::is_same_v<S, T>) {
    p->close();
  } else {
    pool->release(std::unique_ptr<T>(p));
  }
}

template <typename S, typename E, typename C>
basic_async_pooled_connection<S, E, C>::basic_async_pooled_connection(
    std::shared_ptr<S> pool, std::unique_ptr<E> entry) noexcept
    : entry_(entry.release(), pool_return<S, E>{std::move(pool)}) {}

template <typename S, typename E, typename C>
C& basic_async_pooled_connection<S, E, C>::operator*() const noexcept {
  return entry_->conn;
}
template <typename S, typename E, typename C>
C* basic_async_pooled_connection<S, E, C>::operator->() const noexcept {
  return &entry_->conn;
}
template <typename S, typename E, typename C>
C& basic_async_pooled_connection<S, E, C>::lent() const {
  if (!entry_) {
    throw sqlx::error(
        fmt::format("sqlx: use of a released {}async_pooled_connection", S::database));
  }
  return entry_->conn;
}

template <typename S, typename E, typename C>
void basic_async_pooled_connection<S, E, C>::release() noexcept {
  entry_.reset();
  entry_.get_deleter().pool.reset();
}

template <typename S, typename E, typename C>
asio::any_io_executor basic_async_pooled_connection<S, E, C>::get_executor() const noexcept {
  return entry_ ? entry_->conn.get_executor() : asio::any_io_executor();
}

template <typename S>
basic_async_pool<S>::basic_async_pool(std::shared_ptr<S> state) noexcept
    : state_(state.get(), pool_return<S, S>{state}) {}  // copied: the order of evaluation

template <typename S>
const std::shared_ptr<S>& basic_async_pool<S>::state() const {
  if (!state_) throw sqlx::error(fmt::format("sqlx: use of an empty {}async_pool", S::database));
  return state_.get_deleter().pool;
}

template <typename S>
asio::any_io_executor basic_async_pool<S>::get_executor() const noexcept {
  return state_ ? state_->executor : asio::any_io_executor();
}

template <typename S>
std::size_t basic_async_pool<S>::size() const noexcept {
  return state_ ? state_->open : 0;
}

template <typename S>
std::size_t basic_async_pool<S>::idle() const noexcept {
  return state_ ? state_->idle.size() : 0;
}

template <typename S>
void basic_async_pool<S>::close() noexcept {
  if (state_) state_->close();
}

}  // namespace sqlx::detail

// Instantiates the members above for one database's pool, in its source file (their
// definitions are not in the public header, where the state is incomplete).
#define SQLX_ASYNC_POOL_INSTANTIATE(STATE, ENTRY, CONNECTION)                           \
  template struct sqlx::detail::pool_return<STATE, ENTRY>;                              \
  template struct sqlx::detail::pool_return<STATE, STATE>;                              \
  template class sqlx::detail::basic_async_pooled_connection<STATE, ENTRY, CONNECTION>; \
  template class sqlx::detail::basic_async_pool<STATE>
