// The SQLite pool (include/sqlx/sqlite/pool.hpp). One mutex guards the bookkeeping; opening
// and closing connections happen outside it. Fairness as in the PostgreSQL pool: every acquire
// takes a ticket and queues, and only the front of the queue may take a connection or a free
// slot, so a waiter is never overtaken.
#include "sqlx/sqlite/pool.hpp"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

#include "sqlx/sqlite/transaction.hpp"

namespace sqlx::sqlite {
namespace detail {

using clock = std::chrono::steady_clock;

struct pool_entry {
  connection conn;
  clock::time_point created;
  clock::time_point idle_since;
};

struct pool_state {
  pool_state(pool_options o, sqlite::connect_options c)
      : options(std::move(o)), connect_options(std::move(c)) {}

  const pool_options options;
  const sqlite::connect_options connect_options;
  std::atomic<std::size_t> references{1};

  mutable std::mutex mutex;
  std::condition_variable waiters;
  std::vector<pool_entry*> idle;  // most recently returned at the back
  std::size_t size = 0;           // lent, idle and being opened
  std::deque<std::uint64_t> queue;
  std::uint64_t next_ticket = 0;
  bool closed = false;

  void add_reference() noexcept { references.fetch_add(1); }
  static void drop_reference(pool_state* state) noexcept {
    if (state != nullptr && state->references.fetch_sub(1) == 1) {
      for (pool_entry* e : state->idle) delete e;
      delete state;
    }
  }

  [[nodiscard]] bool expired(const pool_entry& e, clock::time_point now) const {
    if (options.max_lifetime_ && now - e.created >= *options.max_lifetime_) return true;
    return options.idle_timeout_ && size > options.min_connections_ &&
           now - e.idle_since >= *options.idle_timeout_;
  }

  // Opens a connection for a reserved slot; frees the slot when that fails.
  pool_entry* open() {
    try {
      auto* entry = new pool_entry{connection::connect(connect_options), clock::now(), {}};
      try {
        if (options.after_connect_) options.after_connect_(entry->conn);
      } catch (...) {
        delete entry;
        throw;
      }
      return entry;
    } catch (...) {
      const std::lock_guard lock(mutex);
      --size;
      waiters.notify_all();
      throw;
    }
  }

  // Whether an idle connection may be lent: rolls back a transaction left open, runs the
  // before_acquire hook. Outside the lock.
  [[nodiscard]] bool usable(pool_entry& e) {
    try {
      if (options.test_before_acquire_ && e.conn.in_transaction()) e.conn.execute("ROLLBACK");
      return !options.before_acquire_ || options.before_acquire_(e.conn);
    } catch (...) {
      return false;
    }
  }

  void close_entry(pool_entry* e) noexcept {
    delete e;
    const std::lock_guard lock(mutex);
    --size;
    waiters.notify_all();
  }

  pooled_connection acquire(pool_state* self) {
    const auto deadline = options.acquire_timeout_ >= std::chrono::hours(24 * 365)
                              ? clock::time_point::max()
                              : clock::now() + options.acquire_timeout_;
    for (;;) {
      std::unique_lock lock(mutex);
      const std::uint64_t ticket = next_ticket++;
      queue.push_back(ticket);
      const auto leave_queue = [&] {
        std::erase(queue, ticket);
        waiters.notify_all();
      };
      pool_entry* taken = nullptr;
      bool open_new = false;
      for (;;) {
        if (closed) {
          leave_queue();
          throw sqlx::error("the SQLite pool is closed");
        }
        if (queue.front() == ticket) {
          const auto now = clock::now();
          while (!idle.empty() && taken == nullptr) {
            pool_entry* e = idle.back();
            idle.pop_back();
            if (expired(*e, now)) {
              --size;
              lock.unlock();
              delete e;
              lock.lock();
            } else {
              taken = e;
            }
          }
          if (taken != nullptr) break;
          if (size < options.max_connections_) {
            ++size;
            open_new = true;
            break;
          }
        }
        if (waiters.wait_until(lock, deadline) == std::cv_status::timeout &&
            clock::now() >= deadline) {
          leave_queue();
          throw pool_timeout(
              "no SQLite connection became free within the pool's acquire_timeout (" +
              std::to_string(
                  std::chrono::duration_cast<std::chrono::milliseconds>(options.acquire_timeout_)
                      .count()) +
              " ms; max_connections " + std::to_string(options.max_connections_) + ", all lent)");
        }
      }
      leave_queue();
      lock.unlock();
      if (open_new) {
        pool_entry* e = open();
        add_reference();
        return pooled_connection(self, e);
      }
      if (usable(*taken)) {
        add_reference();
        return pooled_connection(self, taken);
      }
      close_entry(taken);  // and queue again
    }
  }

  void give_back(pool_entry* e) noexcept {
    bool keep = true;
    // A transaction left open (a raw BEGIN without COMMIT) must not reach the next user.
    if (e->conn.in_transaction()) {
      try {
        e->conn.execute("ROLLBACK");
      } catch (...) {
        keep = false;
      }
    }
    const auto now = clock::now();
    std::unique_lock lock(mutex);
    if (closed || !keep || (options.max_lifetime_ && now - e->created >= *options.max_lifetime_)) {
      --size;
      waiters.notify_all();
      lock.unlock();
      delete e;
      return;
    }
    e->idle_since = now;
    idle.push_back(e);
    waiters.notify_all();
  }
};

}  // namespace detail

pool_options pool_options::with_url(std::string_view url) const {
  sqlite::connect_options parsed = sqlite::connect_options::parse(url);
  sqlite::connect_options merged = connect_options_;
  merged.filename(parsed.filename());
  // The URL's file name of an in-memory database is already unique; keep its flags.
  if (parsed.in_memory()) merged.filename(":memory:");
  merged.read_only(parsed.read_only())
      .create_if_missing(parsed.create_if_missing())
      .shared_cache(parsed.shared_cache())
      .immutable(parsed.immutable());
  if (!parsed.vfs().empty()) merged.vfs(parsed.vfs());
  pool_options with = *this;
  with.connect_options_ = std::move(merged);
  return with;
}

pool pool_options::connect(std::string_view url) const {
  return with_url(url).connect();
}

pool pool_options::connect() const {
  if (max_connections_ == 0) throw configuration_error("SQLite pool with max_connections 0");
  if (min_connections_ > max_connections_) {
    throw configuration_error("SQLite pool with min_connections > max_connections");
  }
  auto* state = new detail::pool_state(*this, connect_options_);
  pool p(state);
  const std::size_t initial = min_connections_ > 0 ? min_connections_ : 1;
  std::vector<pooled_connection> opened;
  for (std::size_t i = 0; i < initial; ++i) opened.push_back(p.acquire());
  return p;  // `opened` goes back to the pool here
}

pool pool::connect(std::string_view url) {
  return pool_options{}.connect(url);
}

pool& pool::operator=(pool&& other) noexcept {
  if (this != &other) {
    close();
    detail::pool_state::drop_reference(state_);
    state_ = std::exchange(other.state_, nullptr);
  }
  return *this;
}

pool::~pool() {
  close();
  detail::pool_state::drop_reference(state_);
}

pooled_connection pool::acquire() {
  if (state_ == nullptr) throw sqlx::error("acquire on a moved-from SQLite pool");
  return state_->acquire(state_);
}

transaction pool::begin() {
  return transaction(acquire());
}
transaction pool::begin(const transaction_options& options) {
  return transaction(acquire(), options);
}

std::size_t pool::size() const {
  if (state_ == nullptr) return 0;
  const std::lock_guard lock(state_->mutex);
  return state_->size;
}

std::size_t pool::num_idle() const {
  if (state_ == nullptr) return 0;
  const std::lock_guard lock(state_->mutex);
  return state_->idle.size();
}

const pool_options& pool::options() const noexcept {
  return state_->options;
}

void pool::close() noexcept {
  if (state_ == nullptr) return;
  std::vector<detail::pool_entry*> idle;
  {
    const std::lock_guard lock(state_->mutex);
    if (state_->closed) return;
    state_->closed = true;
    idle.swap(state_->idle);
    state_->size -= idle.size();
    state_->waiters.notify_all();
  }
  for (auto* e : idle) delete e;
}

connection& pooled_connection::operator*() const noexcept {
  return entry_->conn;
}

pooled_connection& pooled_connection::operator=(pooled_connection&& other) noexcept {
  if (this != &other) {
    release();
    state_ = std::exchange(other.state_, nullptr);
    entry_ = std::exchange(other.entry_, nullptr);
  }
  return *this;
}

void pooled_connection::release() noexcept {
  if (entry_ != nullptr) state_->give_back(std::exchange(entry_, nullptr));
  detail::pool_state::drop_reference(std::exchange(state_, nullptr));
}

}  // namespace sqlx::sqlite
