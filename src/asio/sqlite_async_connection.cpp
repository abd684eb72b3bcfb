#include <boost/asio/associated_cancellation_slot.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/execution/outstanding_work.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/prefer.hpp>
#include <boost/system/system_error.hpp>
#include <vector>

#include "runtime/internal/sqlite_busy_cancel.hpp"
#include "sqlite_worker.hpp"

namespace sqlx::sqlite::detail {
namespace {

// Every `period` virtual machine instructions: whether the running job was cancelled after
// its statement started (sqlite3_interrupt reaches only the statements running when it is
// called).
constexpr int progress_period = 1000;

[[nodiscard]] std::exception_ptr aborted() {
  return std::make_exception_ptr(boost::system::system_error(asio::error::operation_aborted));
}

}  // namespace

int async_worker::on_progress(void* context) {
  const auto* flag = static_cast<async_worker*>(context)->current_cancel.load();
  return flag != nullptr && flag->load(std::memory_order_relaxed) ? 1 : 0;
}

async_worker::~async_worker() {
  stop();
  // Closed once nothing can use it: the thread has ended, and the statements kept by streams
  // (which hold this worker) are released.
  conn.reset();
}

void async_worker::start() {
  thread = std::thread([this] { loop(); });
}

bool async_worker::submit(std::shared_ptr<job> j) {
  {
    const std::lock_guard lock(mutex);
    if (stopping) return false;
    queue.push_back(std::move(j));
    pending.fetch_add(1);
  }
  wake.notify_one();
  return true;
}

void async_worker::cancel(const std::shared_ptr<job>& j) {
  std::unique_lock lock(mutex);
  if (j->at == job::state::queued) {
    std::erase(queue, j);
    j->at = job::state::done;
    pending.fetch_sub(1);
    lock.unlock();
    if (j->complete) j->complete(aborted());
  } else if (j->at == job::state::running) {
    j->cancelled.store(true);
    // Under the mutex: the job is still running, so the connection is open.
    if (db != nullptr) sqlite3_interrupt(db);
  }
}

void async_worker::stop() noexcept {
  std::deque<std::shared_ptr<job>> dropped;
  {
    const std::lock_guard lock(mutex);
    if (stopping) return;
    stopping = true;
    // What nobody awaits (a dropped transaction's ROLLBACK, a stream's statement release) still
    // runs: it leaves the connection as its owner expects until it closes.
    std::deque<std::shared_ptr<job>> kept;
    for (auto& j : queue) (j->owned ? kept : dropped).push_back(std::move(j));
    queue.swap(kept);
    if (current) {
      current->cancelled.store(true);
      if (db != nullptr) sqlite3_interrupt(db);
    }
  }
  wake.notify_one();
  for (const auto& j : dropped) {
    pending.fetch_sub(1);
    j->at = job::state::done;
    if (j->complete) {
      j->complete(
          std::make_exception_ptr(sqlx::error("sqlx: the SQLite async connection is closed")));
    }
  }
  if (thread.joinable()) {
    if (thread.get_id() == std::this_thread::get_id()) {
      thread.detach();  // the last reference went away on the worker itself
    } else {
      thread.join();
    }
  }
}

bool async_worker::forget(std::function<void(connection&)> work) {
  auto j = std::make_shared<job>();
  j->owned = std::move(work);
  forgotten.fetch_add(1);
  if (submit(std::move(j))) return true;
  forgotten.fetch_sub(1);
  return false;
}

void async_worker::loop() {
  const std::atomic<bool>*& busy_cancel = busy_wait_cancel();
  for (;;) {
    std::shared_ptr<job> j;
    {
      std::unique_lock lock(mutex);
      wake.wait(lock, [&] { return stopping || !queue.empty(); });
      if (queue.empty()) break;  // stopping
      j = std::move(queue.front());
      queue.pop_front();
      j->at = job::state::running;
      current = j;
    }
    current_cancel.store(&j->cancelled);
    busy_cancel = &j->cancelled;
    std::exception_ptr failure;
    try {
      if (j->cancelled.load()) {
        failure = aborted();
      } else if (j->opening != nullptr) {
        (*j->opening)(*this);
      } else if (!conn) {
        throw sqlx::error("sqlx: the SQLite async connection is not open");
      } else if (j->work != nullptr) {
        (*j->work)(*conn);
      } else if (j->owned) {
        j->owned(*conn);
      }
    } catch (...) {
      failure = std::current_exception();
    }
    current_cancel.store(nullptr);
    busy_cancel = nullptr;
    if (conn) {
      in_transaction.store(conn->in_transaction());
    }
    open.store(conn.has_value());
    {
      const std::lock_guard lock(mutex);
      j->at = job::state::done;
      current.reset();
    }
    // Cancelled while it ran: the caller asked to stop waiting, whatever the statement reached.
    if (j->cancelled.load()) failure = aborted();
    if (j->owned) forgotten.fetch_sub(1);
    pending.fetch_sub(1);
    if (j->complete) j->complete(failure);
  }
  // No interrupt reaches the connection from now on; it is closed with the worker.
  {
    const std::lock_guard lock(mutex);
    db = nullptr;
  }
  open.store(false);
}

}  // namespace sqlx::sqlite::detail

namespace sqlx::sqlite::detail {

asio::awaitable<void> async_worker::await_job(std::shared_ptr<async_worker> self,
                                              std::shared_ptr<job> j) {
  co_await asio::async_initiate<const asio::use_awaitable_t<>&, void(std::exception_ptr)>(
      [&self, &j](auto handler) {
        using handler_type = decltype(handler);
        auto slot = asio::get_associated_cancellation_slot(handler);
        // Completed on the handler's executor, which counts the job as outstanding work
        // meanwhile (an io_context's run() does not return while a job is on the worker).
        auto work = asio::prefer(asio::get_associated_executor(handler, self->executor),
                                 asio::execution::outstanding_work.tracked);
        auto h = std::make_shared<handler_type>(std::move(handler));
        j->complete = [h, work, slot](std::exception_ptr failure) mutable {
          asio::post(work, [h, slot, failure]() mutable {
            slot.clear();
            std::move (*h)(failure);
          });
        };
        if (slot.is_connected()) {
          slot.assign([weak_self = std::weak_ptr<async_worker>(self),
                       weak_job = std::weak_ptr<job>(j)](asio::cancellation_type) {
            const auto s = weak_self.lock();
            const auto target = weak_job.lock();
            if (s && target) s->cancel(target);
          });
        }
        if (!self->submit(j)) {
          j->complete(
              std::make_exception_ptr(sqlx::error("sqlx: the SQLite async connection is closed")));
        }
      },
      asio::use_awaitable);
}

}  // namespace sqlx::sqlite::detail

namespace sqlx::sqlite {

using detail::async_worker;

async_connection::async_connection() noexcept = default;
async_connection::async_connection(std::shared_ptr<async_worker> worker) noexcept
    : worker_(std::move(worker)) {}
async_connection::async_connection(async_connection&&) noexcept = default;
async_connection& async_connection::operator=(async_connection&& other) noexcept {
  if (this != &other) {
    if (worker_) worker_->stop();
    worker_ = std::move(other.worker_);
  }
  return *this;
}
async_connection::~async_connection() {
  if (worker_) worker_->stop();
}

asio::awaitable<async_connection> async_connection::open(executor_type executor,
                                                         connect_options options) {
  auto w = std::make_shared<async_worker>(executor);
  w->start();
  const std::function<void(async_worker&)> opening = [&options](async_worker& worker) {
    worker.conn.emplace(connection::connect(options));
    sqlite3* handle = worker.conn->native_handle();
    sqlite3_progress_handler(handle, detail::progress_period, &async_worker::on_progress, &worker);
    const std::lock_guard lock(worker.mutex);
    worker.db = handle;
  };
  auto j = std::make_shared<detail::job>();
  j->opening = &opening;
  co_await async_worker::await_job(w, std::move(j));
  co_return async_connection(std::move(w));
}

asio::awaitable<async_connection> async_connection::open(executor_type executor, std::string url) {
  co_return co_await open(std::move(executor), connect_options::parse(url));
}

asio::awaitable<void> async_connection::run(const connection_work& work) {
  if (!worker_) throw sqlx::error("sqlx: use of a SQLite async_connection that is not open");
  auto j = std::make_shared<detail::job>();
  j->work = &work;
  return async_worker::await_job(worker_, std::move(j));
}

asio::awaitable<void> async_connection::execute(std::string sql) {
  const connection_work work = [&sql](connection& conn) { conn.execute(sql); };
  co_await run(work);
}

void async_connection::execute_and_forget(std::string sql) noexcept {
  if (!worker_) return;
  try {
    (void)worker_->forget([sql = std::move(sql)](connection& conn) {
      try {
        conn.execute(sql);
      } catch (...) {
        // Best effort: whoever settles the connection sees the transaction still open.
      }
    });
  } catch (...) {
    worker_->stop();  // out of memory: the connection is given up rather than left dirty
  }
}

struct async_statement_slot::state {
  std::vector<std::shared_ptr<void>> owners;  // first: destroyed after the statement
  std::optional<statement> stmt;
};

async_statement_slot async_connection::statement_slot() const {
  if (!worker_) throw sqlx::error("sqlx: use of a SQLite async_connection that is not open");
  async_statement_slot slot;
  slot.worker_ = worker_;
  slot.state_ = std::make_shared<async_statement_slot::state>();
  return slot;
}

async_statement_slot::async_statement_slot() noexcept = default;
async_statement_slot::async_statement_slot(async_statement_slot&&) noexcept = default;
async_statement_slot& async_statement_slot::operator=(async_statement_slot&& other) noexcept {
  if (this != &other) {
    this->~async_statement_slot();
    new (this) async_statement_slot(std::move(other));
  }
  return *this;
}

async_statement_slot::~async_statement_slot() {
  if (!state_ || !state_->stmt) return;
  bool queued = false;
  try {
    queued = worker_->forget([st = state_](connection&) { st->stmt.reset(); });
  } catch (...) {
    queued = false;
  }
  // Not queued: the worker has ended (stop() joined it), so nothing else uses the connection.
  if (!queued) state_->stmt.reset();
}

asio::awaitable<void> async_statement_slot::run(const step_work& step) {
  if (!worker_) throw sqlx::error("sqlx: use of an empty SQLite async_statement_slot");
  const auto worker = worker_;
  const auto st = state_;
  const connection_work work = [&step, &st](connection& conn) { step(conn, st->stmt); };
  auto j = std::make_shared<detail::job>();
  j->work = &work;
  co_await async_worker::await_job(worker, std::move(j));
}

void async_statement_slot::keep(std::shared_ptr<void> owner) {
  state_->owners.push_back(std::move(owner));
}

asio::any_io_executor async_statement_slot::get_executor() const noexcept {
  return worker_ ? worker_->executor : asio::any_io_executor();
}

bool async_connection::is_usable() const noexcept {
  return worker_ && worker_->open.load();
}

bool async_connection::in_transaction() const noexcept {
  return worker_ && worker_->in_transaction.load();
}

std::size_t async_connection::in_flight() const noexcept {
  return worker_ ? worker_->pending.load() : 0;
}

bool async_connection::needs_settling() const noexcept {
  return worker_ && worker_->forgotten.load() > 0;
}

async_connection::executor_type async_connection::get_executor() const noexcept {
  return worker_ ? worker_->executor : executor_type();
}

}  // namespace sqlx::sqlite
