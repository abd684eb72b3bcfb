// The worker thread behind a SQLite async connection (docs/async.md, "SQLite"): a queue of jobs
// run one at a time with the worker's connection, each completed on its caller's executor.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "sqlx/pg/async_common.hpp"
#include "sqlx/sqlite/async_connection.hpp"

namespace sqlx::sqlite::detail {

struct async_worker;

struct job {
  enum class state { queued, running, done };
  const connection_work* work = nullptr;  // an awaited operation's (it outlives the job)
  const std::function<void(async_worker&)>* opening = nullptr;  // opens the connection
  std::function<void(connection&)> owned;  // a job nobody awaits (execute_and_forget)
  std::atomic<bool> cancelled{false};      // read by the progress handler on the worker
  state at = state::queued;                // guarded by the worker's mutex
  // Posts the caller's completion handler; empty for a job nobody awaits.
  std::function<void(std::exception_ptr)> complete;
};

struct async_worker {
  explicit async_worker(asio::any_io_executor ex) : executor(std::move(ex)) {}
  async_worker(const async_worker&) = delete;
  async_worker& operator=(const async_worker&) = delete;
  ~async_worker();

  asio::any_io_executor executor;
  std::mutex mutex;
  std::condition_variable wake;
  std::deque<std::shared_ptr<job>> queue;  // guarded by mutex
  std::shared_ptr<job> current;            // guarded by mutex
  bool stopping = false;                   // guarded by mutex
  // Used by the worker thread only (after the opening job made it).
  std::optional<connection> conn;
  // The open connection's handle, for sqlite3_interrupt from the caller's thread (under mutex,
  // while a job runs: the worker closes it only after its last job).
  sqlite3* db = nullptr;  // guarded by mutex
  // What the running job's statements check (the progress handler): its cancel flag.
  std::atomic<const std::atomic<bool>*> current_cancel{nullptr};
  // Written by the worker after each job, read by the event loop.
  std::atomic<bool> in_transaction{false};
  std::atomic<bool> open{false};
  std::atomic<std::size_t> pending{0};  // jobs queued or running
  std::atomic<int> forgotten{0};        // execute_and_forget jobs not run yet
  std::thread thread;
  // Installed on the connection when it opens.
  static int on_progress(void* context);

  // Starts the thread (once).
  void start();
  // Queues `j`; false when the worker is stopping (then `j` never runs).
  bool submit(std::shared_ptr<job> j);
  // From the caller's executor: a queued job is dropped and completed with operation_aborted;
  // a running one is interrupted and completes so when it ends.
  void cancel(const std::shared_ptr<job>& j);
  // Runs `j` on the worker and waits for its end (cancellable, see async_connection::run).
  [[nodiscard]] static asio::awaitable<void> await_job(std::shared_ptr<async_worker> self,
                                                       std::shared_ptr<job> j);
  // Queues `work`, which nobody awaits (errors ignored), counted in `forgotten` until it has
  // run; false when the worker is stopping (then it never runs).
  bool forget(std::function<void(connection&)> work);
  // Fails the awaited jobs queued (those nobody awaits still run), interrupts the running one,
  // ends the thread (joined). The connection stays open until the worker goes away.
  void stop() noexcept;

 private:
  void loop();
};

}  // namespace sqlx::sqlite::detail
