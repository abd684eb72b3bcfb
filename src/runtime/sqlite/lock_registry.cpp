// Which connections of this process have each file open, and in which transaction state: when
// a statement gives up on SQLITE_BUSY, its message says whether another connection of this
// process holds the lock (and what kind) or, when none does, that another process does.
// SQLite itself cannot name the holder.
#include <mutex>
#include <unordered_set>

#include "connection_impl.hpp"

namespace sqlx::sqlite::detail {
namespace {

struct registry {
  std::mutex mutex;
  std::unordered_set<lock_holder*> holders;
};

registry& the_registry() {
  static registry r;
  return r;
}

}  // namespace

lock_holder* register_holder(std::string_view file) {
  auto* holder = new lock_holder;
  holder->file = std::string(file);
  registry& r = the_registry();
  const std::lock_guard lock(r.mutex);
  r.holders.insert(holder);
  return holder;
}

void unregister_holder(lock_holder* holder) noexcept {
  if (holder == nullptr) return;
  registry& r = the_registry();
  {
    const std::lock_guard lock(r.mutex);
    r.holders.erase(holder);
  }
  delete holder;
}

lock_census census(const lock_holder* self) noexcept {
  lock_census result;
  if (self == nullptr || self->file.empty()) return result;
  registry& r = the_registry();
  const std::lock_guard lock(r.mutex);
  for (const lock_holder* other : r.holders) {
    if (other == self || other->file != self->file) continue;
    const int state = other->txn_state.load(std::memory_order_relaxed);
    if (state == SQLITE_TXN_WRITE) ++result.writers;
    if (state == SQLITE_TXN_READ) ++result.readers;
  }
  return result;
}

}  // namespace sqlx::sqlite::detail
