// The state behind a sqlite::connection: the handle, the statement cache, the busy handler's
// record, this connection's entry in the process's lock registry.
#pragma once

#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <list>
#include <string>
#include <string_view>
#include <unordered_map>

#include "sqlx/sqlite/connect_options.hpp"

namespace sqlx::sqlite::detail {

struct cached_statement {
  std::string text;
  sqlite3_stmt* stmt = nullptr;
  bool in_use = false;            // lent to a statement handle
  bool verified = false;          // a checked query compared its columns with `.sqlx-cpp/`
  int reprepares = 0;             // SQLITE_STMTSTATUS_REPREPARE when it was verified
  bool forget = false;            // finalize when released
  const char* address = nullptr;  // the static text that found it last (prepare_static)
};

// What the other connections of this process can see of this one when they hit SQLITE_BUSY.
struct lock_holder {
  std::string file;
  std::atomic<int> txn_state{SQLITE_TXN_NONE};  // as of its last statement's end
};

struct connection_impl {
  sqlite3* db = nullptr;
  connect_options options;
  std::string file;  // absolute path, "" in memory

  // Statement cache: most recently used first.
  std::list<cached_statement> lru;
  std::unordered_map<std::string_view, std::list<cached_statement>::iterator> index;
  // The checked queries' texts are static: found by their address, without hashing the text.
  std::unordered_map<const char*, std::list<cached_statement>::iterator> by_address;

  // The busy handler's record of the current wait.
  std::chrono::steady_clock::time_point wait_started{};
  bool gave_up = false;

  lock_holder* holder = nullptr;  // registered in the lock registry

  ~connection_impl();
  // Finalizes and removes an entry (evicted, or its shape was wrong).
  void drop(std::list<cached_statement>::iterator entry) noexcept {
    if (entry->address != nullptr) by_address.erase(entry->address);
    index.erase(entry->text);
    sqlite3_finalize(entry->stmt);
    lru.erase(entry);
  }
  // Recorded when a statement ends (a lock is taken while a statement steps, and a transaction
  // keeps it after): what the lock registry reports. Relaxed: a diagnostic, not a protocol.
  void note_transaction_state() noexcept {
    if (holder != nullptr) {
      holder->txn_state.store(sqlite3_txn_state(db, nullptr), std::memory_order_relaxed);
    }
  }
  // The same, skipped when it cannot have changed: outside a transaction the state after a
  // statement is none; inside one, once it writes it stays writing until COMMIT or ROLLBACK.
  void note_transaction_state_if_changed() noexcept {
    if (holder == nullptr) return;
    const int recorded = holder->txn_state.load(std::memory_order_relaxed);
    if (sqlite3_get_autocommit(db) != 0 ? recorded != SQLITE_TXN_NONE
                                        : recorded != SQLITE_TXN_WRITE) {
      note_transaction_state();
    }
  }
};

// The message for `rc` on `conn` (extended code, SQLite's message, for SQLITE_BUSY the wait
// and who holds the lock), thrown as database_error.
[[noreturn]] void throw_error(connection_impl* conn, int rc, std::string_view context);

// The process-wide registry of open connections per file (lock_registry.cpp).
lock_holder* register_holder(std::string_view file);
void unregister_holder(lock_holder* holder) noexcept;
struct lock_census {
  int writers = 0;  // other connections of this process in a write transaction
  int readers = 0;  // ... in a read transaction
};
[[nodiscard]] lock_census census(const lock_holder* self) noexcept;

}  // namespace sqlx::sqlite::detail
