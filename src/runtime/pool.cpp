// The connection pool (include/sqlx/pg/pool.hpp).
//
// One mutex guards the bookkeeping; connecting, pinging and closing happen outside it, so a
// slow server never blocks threads that only return connections. Fairness: every acquire
// takes a ticket and queues; only the front of the queue may take a connection or a free
// slot, so a waiter cannot be overtaken by a later one (nor by a newcomer that arrives just
// as a connection comes back). One deadline bounds the whole acquire: the wait in the queue,
// then the ping of an idle connection or the opening of a new one (both non-blocking, see
// internal/connect.hpp), so a server that stops answering costs at most acquire_timeout.
#include "sqlx/pg/pool.hpp"

#include <fmt/format.h>
#include <libpq-fe.h>
#include <poll.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "internal/connect.hpp"
#include "sqlx/pg/transaction.hpp"

namespace sqlx::pg {
namespace detail {

using clock = std::chrono::steady_clock;

struct pool_entry {
  connection conn;
  clock::time_point created;
  clock::time_point idle_since;
};

// The connection options of the pool's connections: the pool's notice sink wins.
[[nodiscard]] connection_options with_sink(connection_options o, const notice_handler& sink) {
  if (sink) o.on_notice = sink;
  return o;
}

struct pool_state {
  pool_state(std::string u, pool_options o)
      : url(std::move(u)),
        options(std::move(o)),
        conn_options(with_sink(options.connection_options_, options.on_notice_)) {}

  const std::string url;
  const pool_options options;
  const pg::connection_options conn_options;
  std::atomic<std::size_t> references{1};  // pool_state_ref

  mutable std::mutex mutex;
  std::condition_variable waiters;  // acquirers: a connection or a slot may be free
  std::condition_variable wake_reaper;
  // Idle connections; the most recently returned at the back, where acquire takes from, so
  // that surplus connections stay at the front and idle out.
  std::vector<std::unique_ptr<pool_entry>> idle;
  // Open connections: lent, idle, and being opened (a slot is reserved before connecting,
  // so concurrent acquirers can never open more than max_connections between them).
  std::size_t size = 0;
  std::deque<std::uint64_t> queue;  // tickets of the acquirers, in arrival order
  std::uint64_t next_ticket = 0;
  bool closed = false;
  std::thread reaper;

  [[nodiscard]] bool aged(const pool_entry& e, clock::time_point now) const {
    return options.max_lifetime_ && now - e.created >= *options.max_lifetime_;
  }

  // When an acquire (or an open by the background thread) starting now must be done.
  // A timeout too large to add to now() means none.
  [[nodiscard]] clock::time_point deadline_from_now() const {
    if (options.acquire_timeout_ >= std::chrono::hours(24 * 365)) return detail::no_deadline;
    return clock::now() + options.acquire_timeout_;
  }

  [[nodiscard]] long long timeout_ms() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(options.acquire_timeout_).count();
  }

  // Opens a connection in a slot the caller reserved, giving up at `deadline`; the caller
  // frees the slot on failure.
  [[nodiscard]] std::unique_ptr<pool_entry> open(clock::time_point deadline) const {
    connection conn = connection::connect(url, conn_options, deadline);
    if (options.after_connect_) options.after_connect_(conn);
    const auto now = clock::now();
    return std::unique_ptr<pool_entry>(new pool_entry{std::move(conn), now, now});
  }

  void free_slot() noexcept {
    const std::lock_guard lock(mutex);
    --size;
    waiters.notify_all();
  }

  enum class verdict { lend, replace, timed_out };

  // Whether an idle connection may be lent: still open, not too old, alive when asked to
  // test it (answering before `deadline`), and accepted by before_acquire.
  [[nodiscard]] verdict usable(pool_entry& e, clock::time_point deadline) const {
    const auto now = clock::now();
    if (!e.conn.is_open() || aged(e, now)) return verdict::replace;
    if (options.test_before_acquire_) {
      const verdict v = alive(e, now, deadline);
      if (v != verdict::lend) return v;
    }
    if (options.before_acquire_ && !options.before_acquire_(e.conn)) return verdict::replace;
    return verdict::lend;
  }

  // A terminated backend or a stopped server has already said so on the socket: anything
  // readable on an idle connection (a termination message, end of file, or a notification)
  // sends it to the ping, an empty statement that settles it. A connection idle for more than a
  // second is pinged anyway, for what a socket cannot show. One used within the last second
  // with nothing to read skips the round trip, as HikariCP's alive-bypass window does, which
  // keeps a busy pool's acquire free.
  // The ping waits for the server at most until the acquire's deadline.
  [[nodiscard]] static verdict alive(pool_entry& e, clock::time_point now,
                                     clock::time_point deadline) {
    pollfd socket{PQsocket(e.conn.native_handle()), POLLIN, 0};
    const bool quiet = poll(&socket, 1, 0) == 0;
    if (quiet && now - e.idle_since < std::chrono::seconds(1)) return verdict::lend;
    switch (detail::ping(e.conn.native_handle(), deadline)) {
      case detail::ping_result::alive:
        return verdict::lend;
      case detail::ping_result::dead:
        return verdict::replace;
      case detail::ping_result::timed_out:
        break;
    }
    return verdict::timed_out;
  }

  [[nodiscard]] pooled_connection acquire(const pool_state_ref& self) {
    const clock::time_point deadline = deadline_from_now();
    std::unique_ptr<pool_entry> entry;
    {
      std::unique_lock lock(mutex);
      if (closed) throw sqlx::error("sqlx: the pool is closed");
      const std::uint64_t ticket = next_ticket++;
      queue.push_back(ticket);
      const auto ready = [&] {
        return closed ||
               (queue.front() == ticket && (!idle.empty() || size < options.max_connections_));
      };
      bool got = true;
      if (deadline == detail::no_deadline) {
        waiters.wait(lock, ready);
      } else {
        got = waiters.wait_until(lock, deadline, ready);
      }
      if (!got || closed) {
        queue.erase(std::find(queue.begin(), queue.end(), ticket));
        // The front may have changed: the next in line may be able to go now.
        waiters.notify_all();
        if (closed) throw sqlx::error("sqlx: the pool is closed");
        throw pool_timeout(fmt::format(
            "sqlx: timed out after {} ms waiting for a pool connection: all {} connections "
            "(max_connections) are in use",
            timeout_ms(), options.max_connections_));
      }
      queue.pop_front();
      if (!idle.empty()) {
        entry = std::move(idle.back());
        idle.pop_back();
      } else {
        ++size;
      }
      waiters.notify_all();
    }

    if (entry) {
      verdict v = verdict::replace;
      try {
        v = usable(*entry, deadline);
      } catch (...) {
        entry.reset();
        free_slot();
        throw;  // before_acquire threw
      }
      if (v == verdict::lend) {
        pool_entry* raw = entry.release();
        return pooled_connection(self, raw);
      }
      // Closed (a timed-out ping leaves it mid-command), or replaced in place: the slot stays
      // ours, so the replacement cannot overshoot.
      entry.reset();
      if (v == verdict::timed_out) {
        free_slot();
        throw pool_timeout(fmt::format(
            "sqlx: timed out after {} ms acquiring a pool connection: the server did not answer "
            "the ping of an idle connection (test_before_acquire)",
            timeout_ms()));
      }
    }
    try {
      entry = open(deadline);
    } catch (const connection_error& e) {
      free_slot();
      // Out of time: the caller asked for a bound, not for this server's answer.
      if (deadline != detail::no_deadline && clock::now() >= deadline) {
        throw pool_timeout(fmt::format(
            "sqlx: timed out after {} ms acquiring a pool connection: opening a new one did not "
            "finish ({})",
            timeout_ms(), e.what()));
      }
      throw;
    } catch (...) {
      free_slot();
      throw;
    }
    pool_entry* raw = entry.release();
    return pooled_connection(self, raw);
  }

  // Takes a lent connection back: idle again when it is healthy and outside a transaction,
  // closed otherwise.
  void release(pool_entry* raw) noexcept {
    std::unique_ptr<pool_entry> entry(raw);
    bool keep = entry->conn.is_open();
    if (keep) {
      switch (PQtransactionStatus(entry->conn.native_handle())) {
        case PQTRANS_IDLE:
          break;
        case PQTRANS_INTRANS:
        case PQTRANS_INERROR:
          // Left inside a transaction (a BEGIN run by hand): the next borrower must not
          // inherit it.
          try {
            entry->conn.execute("ROLLBACK");
          } catch (...) {
            keep = false;
          }
          keep = keep && PQtransactionStatus(entry->conn.native_handle()) == PQTRANS_IDLE;
          break;
        default:  // a query still running (an abandoned stream) or a broken connection
          keep = false;
      }
    }
    const auto now = clock::now();
    if (keep && aged(*entry, now)) keep = false;
    {
      const std::lock_guard lock(mutex);
      if (keep && !closed) {
        entry->idle_since = now;
        idle.push_back(std::move(entry));
      } else {
        --size;
        // A connection closed below min_connections is reopened by the background thread.
        if (size < options.min_connections_) wake_reaper.notify_one();
      }
      waiters.notify_all();
    }
    // `entry`, when not kept, is closed here, outside the lock.
  }

  // The background thread: closes idle connections past idle_timeout (down to
  // min_connections) or max_lifetime, and opens connections up to min_connections.
  void reap() noexcept {
    const auto shortest = std::min(options.idle_timeout_.value_or(clock::duration::max()),
                                   options.max_lifetime_.value_or(clock::duration::max()));
    // Often enough that a connection lives at most ~25% past its limit, but never busy.
    const clock::duration period = std::clamp<clock::duration>(
        shortest / 4, std::chrono::milliseconds(10), std::chrono::seconds(1));
    std::unique_lock lock(mutex);
    while (!closed) {
      wake_reaper.wait_for(lock, period);
      if (closed) break;

      const auto now = clock::now();
      std::vector<std::unique_ptr<pool_entry>> expired;
      // Front first: the longest idle go first, so min_connections keeps the freshest.
      for (auto it = idle.begin(); it != idle.end();) {
        const bool idle_too_long = options.idle_timeout_ &&
                                   now - (*it)->idle_since >= *options.idle_timeout_ &&
                                   size - expired.size() > options.min_connections_;
        if (aged(**it, now) || idle_too_long) {
          expired.push_back(std::move(*it));
          it = idle.erase(it);
        } else {
          ++it;
        }
      }
      if (!expired.empty()) {
        size -= expired.size();
        waiters.notify_all();
        lock.unlock();
        expired.clear();
        lock.lock();
      }

      // Keep min_connections warm, one at a time; a waiting acquirer takes the new
      // connection like any returned one.
      while (!closed && size < options.min_connections_) {
        ++size;
        lock.unlock();
        std::unique_ptr<pool_entry> entry;
        try {
          // Bounded as an acquire is, so that close() never waits for a server that stopped
          // answering longer than that.
          entry = open(deadline_from_now());
        } catch (...) {
          // The server is away: try again next period.
        }
        lock.lock();
        if (!entry || closed) {
          --size;
          waiters.notify_all();
          if (entry) {
            lock.unlock();
            entry.reset();
            lock.lock();
          }
          break;
        }
        idle.insert(idle.begin(), std::move(entry));
        waiters.notify_all();
      }
    }
  }

  void close() noexcept {
    std::vector<std::unique_ptr<pool_entry>> closing;
    {
      const std::lock_guard lock(mutex);
      if (closed) return;
      closed = true;
      closing.swap(idle);
      size -= closing.size();
      waiters.notify_all();
      wake_reaper.notify_all();
    }
    if (reaper.joinable()) reaper.join();
  }
};

pool_state_ref::pool_state_ref(const pool_state_ref& other) noexcept : state_(other.state_) {
  if (state_ != nullptr) state_->references.fetch_add(1, std::memory_order_relaxed);
}

void pool_state_ref::reset() noexcept {
  pool_state* const state = std::exchange(state_, nullptr);
  // The last owner deletes; acq_rel makes every owner's writes visible to it.
  if (state != nullptr && state->references.fetch_sub(1, std::memory_order_acq_rel) == 1) {
    delete state;
  }
}

}  // namespace detail

namespace {

[[nodiscard]] detail::pool_state_ref make_state(const std::string& url,
                                                const pool_options& options) {
  if (options.get_max_connections() == 0) {
    throw configuration_error("sqlx: pool_options::max_connections must be at least 1");
  }
  if (options.get_min_connections() > options.get_max_connections()) {
    throw configuration_error(
        fmt::format("sqlx: pool_options::min_connections ({}) exceeds max_connections ({})",
                    options.get_min_connections(), options.get_max_connections()));
  }
  return detail::pool_state_ref(new detail::pool_state(url, options));
}

}  // namespace

pool pool_options::connect_lazy(const std::string& url) const {
  auto state = make_state(url, *this);
  detail::pool_state* raw = state.get();
  // The thread only uses the state, which the pool's close() outlives by joining it.
  state->reaper = std::thread([raw] { raw->reap(); });
  return pool(std::move(state));
}

pool pool_options::connect(const std::string& url) const {
  auto state = make_state(url, *this);
  const std::size_t initial = std::max<std::size_t>(min_connections_, 1);
  // All of them within acquire_timeout.
  const auto deadline = state->deadline_from_now();
  for (std::size_t i = 0; i < initial; ++i) {
    auto entry = state->open(deadline);  // throws connection_error: nothing to clean up yet
    state->idle.push_back(std::move(entry));
    ++state->size;
  }
  detail::pool_state* raw = state.get();
  state->reaper = std::thread([raw] { raw->reap(); });
  return pool(std::move(state));
}

// pooled_connection

pooled_connection::pooled_connection(detail::pool_state_ref state,
                                     detail::pool_entry* entry) noexcept
    : state_(std::move(state)), entry_(entry), conn_(&entry->conn) {}

pooled_connection::pooled_connection(pooled_connection&& other) noexcept
    : state_(std::move(other.state_)),
      entry_(std::exchange(other.entry_, nullptr)),
      conn_(std::exchange(other.conn_, nullptr)) {}

pooled_connection& pooled_connection::operator=(pooled_connection&& other) noexcept {
  if (this != &other) {
    release();
    state_ = std::move(other.state_);
    entry_ = std::exchange(other.entry_, nullptr);
    conn_ = std::exchange(other.conn_, nullptr);
  }
  return *this;
}

pooled_connection::~pooled_connection() {
  release();
}

void pooled_connection::release() noexcept {
  if (entry_ == nullptr) return;
  conn_ = nullptr;
  state_->release(std::exchange(entry_, nullptr));
  state_.reset();
}

// pool

pool::pool(detail::pool_state_ref state) noexcept : state_(std::move(state)) {}

pool pool::connect(const std::string& url) {
  return pool_options{}.connect(url);
}

pool::pool(pool&&) noexcept = default;

pool& pool::operator=(pool&& other) noexcept {
  if (this != &other) {
    close();
    state_ = std::move(other.state_);
  }
  return *this;
}

pool::~pool() {
  close();
}

pooled_connection pool::acquire() {
  if (!state_) throw sqlx::error("sqlx: the pool was moved from");
  return state_->acquire(state_);
}

transaction pool::begin() {
  return transaction(acquire());
}

transaction pool::begin(const transaction_options& options) {
  return transaction(acquire(), options);
}

std::size_t pool::size() const {
  if (!state_) return 0;
  const std::lock_guard lock(state_->mutex);
  return state_->size;
}

std::size_t pool::num_idle() const {
  if (!state_) return 0;
  const std::lock_guard lock(state_->mutex);
  return state_->idle.size();
}

const pool_options& pool::options() const noexcept {
  return state_->options;
}

void pool::close() noexcept {
  if (state_) state_->close();
}

}  // namespace sqlx::pg
