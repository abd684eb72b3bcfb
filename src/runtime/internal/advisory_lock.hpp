// A session-level advisory lock, waited for without holding a snapshot (docs/migrations.md,
// "Many instances at once").
#pragma once

#include <cstdint>
#include <string>

#include "sqlx/pg/connection.hpp"

namespace sqlx::pg::detail {

// Held for the object's life and released on every way out (first leaving an aborted
// transaction, in which the unlock could not run); a session that died released it on the
// server already.
//
// Waits with pg_try_advisory_lock and short, growing, jittered sleeps instead of
// pg_advisory_lock: a session blocked inside pg_advisory_lock holds a snapshot for as long as it
// waits, and the holder's CREATE INDEX CONCURRENTLY waits for every older snapshot to go away,
// a deadlock PostgreSQL breaks by cancelling one side. Between two tries this session holds no
// snapshot. The session's lock_timeout, which bounded pg_advisory_lock, bounds the wait
// (database_error with SQLSTATE 55P03). `what` names the lock in messages.
class advisory_lock {
 public:
  advisory_lock(connection& conn, std::int64_t key, std::string what = "the advisory lock");
  ~advisory_lock();
  advisory_lock(const advisory_lock&) = delete;
  advisory_lock& operator=(const advisory_lock&) = delete;

 private:
  connection& conn_;
  std::string key_;
};

}  // namespace sqlx::pg::detail
