// A busy wait that can be given up: SQLite's busy handler does not look at sqlite3_interrupt,
// so the async SQLite worker (src/asio/) points this thread's flag at the running job's cancel
// flag, and the SQLite connection's busy handler (src/runtime/sqlite/connection.cpp) stops
// waiting for the lock once it is set (the statement then fails with SQLITE_BUSY).
#pragma once

#include <atomic>

namespace sqlx::sqlite::detail {

// This thread's flag (null: none), read by the busy handler before each sleep.
[[nodiscard]] const std::atomic<bool>*& busy_wait_cancel() noexcept;

}  // namespace sqlx::sqlite::detail
