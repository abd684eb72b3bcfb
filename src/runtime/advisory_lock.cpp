#include "internal/advisory_lock.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <string_view>
#include <thread>

#include "internal/admin.hpp"

namespace sqlx::pg::detail {
namespace {

using std::chrono::milliseconds;

constexpr milliseconds first_delay{10};
constexpr milliseconds max_delay{500};

bool try_lock(connection& conn, const std::string& key) {
  const pq_result r = exec_params(conn, "SELECT pg_try_advisory_lock($1::int8)", {key});
  return std::string_view(PQgetvalue(r.get(), 0, 0)) == "t";
}

// The session's lock_timeout in milliseconds (0: none).
long long lock_timeout_ms(connection& conn) {
  const pq_result r =
      exec_params(conn, "SELECT setting::int8 FROM pg_settings WHERE name = 'lock_timeout'");
  return PQntuples(r.get()) == 1 ? std::stoll(PQgetvalue(r.get(), 0, 0)) : 0;
}

// "process 1234 (app)" for the session holding the lock, for the timeout message.
std::string holder(connection& conn, const std::string& key) {
  try {
    const pq_result r = exec_params(
        conn,
        "SELECT l.pid, coalesce(a.application_name, '') FROM pg_locks l "
        "LEFT JOIN pg_stat_activity a ON a.pid = l.pid "
        "WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 "
        "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
        "AND ((l.classid::int8 << 32) | l.objid::int8) = $1::int8",
        {key});
    if (PQntuples(r.get()) == 0) return "another session";
    const std::string_view app = PQgetvalue(r.get(), 0, 1);
    return app.empty() ? fmt::format("server process {}", PQgetvalue(r.get(), 0, 0))
                       : fmt::format("server process {} ({})", PQgetvalue(r.get(), 0, 0), app);
  } catch (const sqlx::error&) {
    return "another session";
  }
}

}  // namespace

advisory_lock::advisory_lock(connection& conn, std::int64_t key, std::string what)
    : conn_(conn), key_(std::to_string(key)) {
  try {
    if (try_lock(conn_, key_)) return;
    const long long timeout = lock_timeout_ms(conn_);
    const auto start = std::chrono::steady_clock::now();
    // Jitter, so that instances that started together do not retry in step.
    std::minstd_rand random(static_cast<std::minstd_rand::result_type>(
        std::chrono::steady_clock::now().time_since_epoch().count() ^ getpid()));
    milliseconds delay = first_delay;
    while (true) {
      std::uniform_int_distribution<long long> pick(delay.count() / 2, delay.count());
      milliseconds sleep{pick(random)};
      if (timeout > 0) {
        const auto waited =
            std::chrono::duration_cast<milliseconds>(std::chrono::steady_clock::now() - start);
        if (waited.count() >= timeout) {
          database_error::fields f;
          f.sqlstate = "55P03";  // lock_not_available, as pg_advisory_lock under lock_timeout
          f.message = fmt::format(
              "gave up waiting for {} (advisory lock {}) after {} ms (the session's "
              "lock_timeout): {} still holds it",
              what, key_, waited.count(), holder(conn_, key_));
          std::string text = f.message + " (SQLSTATE 55P03)";
          throw database_error(text, std::move(f));
        }
        sleep = std::min(sleep, milliseconds{timeout - waited.count()});
      }
      std::this_thread::sleep_for(sleep);
      if (try_lock(conn_, key_)) return;
      delay = std::min(delay * 2, max_delay);
    }
  } catch (const connection_error& e) {
    throw connection_error(fmt::format("while waiting for {}: {}", what, e.what()));
  }
}

advisory_lock::~advisory_lock() {
  PGconn* c = conn_.native_handle();
  if (c == nullptr || PQstatus(c) != CONNECTION_OK) return;
  rollback_if_in_transaction(conn_);
  const char* values[] = {key_.c_str()};
  pq_result r{PQexecParams(c, "SELECT pg_advisory_unlock($1::int8)", 1, nullptr, values, nullptr,
                           nullptr, 0)};
}

}  // namespace sqlx::pg::detail
