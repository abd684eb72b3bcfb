// Cancel requests; one thread for the whole process sends those of discarded connections, so
// that a timeout on the event loop does not wait for a connection to the server.
#include "cancel_request.hpp"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace sqlx::pg::detail {

void send_cancel_request(PGcancel* cancel) noexcept {
  if (cancel == nullptr) return;
  char message[256];
  (void)PQcancel(cancel, message, static_cast<int>(sizeof message));
  PQfreeCancel(cancel);
}

namespace {

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
      send_cancel_request(cancel);
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<PGcancel*> pending_;
};

}  // namespace

void send_cancel_request_in_background(PGcancel* cancel) noexcept {
  if (cancel == nullptr) return;
  try {
    canceller::instance()->post(cancel);
  } catch (...) {
    send_cancel_request(cancel);  // no thread or no memory: on this thread
  }
}

}  // namespace sqlx::pg::detail
