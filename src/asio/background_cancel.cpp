// One thread for the whole process sends the cancel requests of discarded async connections:
// libpq 15 has only the blocking PQcancel (PQcancelStart is PostgreSQL 17's), and a timeout on
// the event loop must not wait for a connection to the server.
#include "background_cancel.hpp"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace sqlx::pg::detail {
namespace {

void cancel_now(PGcancel* cancel) noexcept {
  char message[256];
  (void)PQcancel(cancel, message, static_cast<int>(sizeof message));
  PQfreeCancel(cancel);
}

class canceller {
 public:
  // Never destroyed: its thread may still wait on it while the process exits.
  static canceller* instance() {
    static canceller* const one = new canceller();
    return one;
  }

  void post(PGcancel* cancel) {
    {
      const std::lock_guard lock(mutex_);
      pending_.push_back(cancel);
    }
    wake_.notify_one();
  }

 private:
  canceller() {
    std::thread([this] { run(); }).detach();
  }

  [[noreturn]] void run() noexcept {
    for (;;) {
      PGcancel* cancel = nullptr;
      {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [this] { return !pending_.empty(); });
        cancel = pending_.front();
        pending_.pop_front();
      }
      cancel_now(cancel);
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<PGcancel*> pending_;
};

}  // namespace

void cancel_in_background(PGcancel* cancel) noexcept {
  if (cancel == nullptr) return;
  try {
    canceller::instance()->post(cancel);
  } catch (...) {
    cancel_now(cancel);  // no thread or no memory: on this thread, as before
  }
}

}  // namespace sqlx::pg::detail
