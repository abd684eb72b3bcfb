// The state of an async connection, shared by the connection object and the operations in
// flight on it, and the pipeline that serves them (docs/async.md, "How a connection works").
#pragma once

#include <libpq-fe.h>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "runtime/internal/pq.hpp"
#include "runtime/internal/statement_cache.hpp"
#include "shared_sync.hpp"
#include "sqlx/pg/async_common.hpp"
#include "sqlx/pg/connection.hpp"

namespace sqlx::pg::detail {

// One Sync segment of the pipeline: the commands one operation sent, then PQpipelineSync; or a
// shared segment: one command from each of several operations (docs/async.md).
struct request {
  explicit request(const asio::any_io_executor& executor)
      : wake(executor, std::chrono::steady_clock::time_point::max()) {}
  asio::steady_timer wake;          // cancelled to wake the operation waiting on it
  std::vector<pq_result> outcomes;  // the first result of each command, in order
  bool answered = false;            // the current command has its outcome
  int nulls = 0;                    // nulls from PQgetResult in a row
  bool done = false;                // its Sync arrived: outcomes are complete
  bool abandoned = false;           // nobody waits for it any more: its results are dropped
  std::exception_ptr failure;       // the connection broke before its Sync came
  // A stream's request: only its own operation reads its results, one row at a time.
  bool single_row = false;
  bool rows_started = false;  // PQsetSingleRowMode was tried
  bool may_cancel = false;    // sent outside a transaction block: a cancel aborts nothing else
  // A shared segment: command i is operation i's; `waiting` of them still want the results.
  std::size_t members = 1;
  std::size_t waiting = 1;
  std::size_t failed_at = no_failure;  // the command that failed (its outcome is an error)
  static constexpr std::size_t no_failure = static_cast<std::size_t>(-1);
};

struct async_connection_state {
  async_connection_state(asio::any_io_executor ex, const connection_options& options,
                         std::string name)
      : executor(std::move(ex)),
        on_notice(options.on_notice),
        server(std::move(name)),
        use_cache(options.statement_cache_capacity > 0),
        cache(std::max<std::size_t>(options.statement_cache_capacity, 1)) {}
  async_connection_state(const async_connection_state&) = delete;
  async_connection_state& operator=(const async_connection_state&) = delete;
  ~async_connection_state();

  asio::any_io_executor executor;
  notice_handler on_notice;  // the notice receiver's argument: stays put here
  std::string server;        // the URL, password redacted, for messages
  PGconn* conn = nullptr;
  // Our own dup() of libpq's socket, watched by the event loop; libpq's is never closed here.
  std::optional<asio::posix::stream_descriptor> socket;
  bool use_cache;
  statement_cache cache;
  std::unordered_map<std::string, oid> types;
  std::deque<std::shared_ptr<request>> queue;  // sent, in order, not yet answered in full
  std::shared_ptr<request> open_segment;       // a shared segment whose Sync is not sent yet
  std::size_t operations = 0;                  // operations waiting for the queue's results
  bool reading = false;                        // an operation is reading results for the queue
  bool flushing = false;                       // an operation is sending libpq's output buffer
  bool broken = false;  // lost, or left in an unknown state by a cancellation: discard it
  std::vector<const char*> values;
  std::vector<int> lengths;
  std::vector<int> formats;
};

using state_ptr = std::shared_ptr<async_connection_state>;

// Throws connection_error unless the connection can take a new command.
void ensure_usable(async_connection_state& st);
// Throws what a failed result (or libpq, when `r` is null) means.
[[noreturn]] void fail(async_connection_state& st, const PGresult* r);
// The parameters in libpq's arrays (at most 65535).
void bind(async_connection_state& st, std::span<const parameter> parameters);
// Before PQsend* calls of a segment of their own: sends the Sync of the open shared segment, so
// that they are not part of it.
void seal_shared_segment(async_connection_state& st);
// After PQsend* calls: adds their Sync and the request waiting for it; throws (and marks the
// connection broken) when libpq could not queue them.
[[nodiscard]] std::shared_ptr<request> end_segment(async_connection_state& st, bool sent);

// Queues the Execute of prepared statement `name` (parameters from bind()) in the open shared
// segment, opening a new one when there is none or it is full: its request and the command's
// index in it. Its Sync goes with the next flush.
[[nodiscard]] std::pair<std::shared_ptr<request>, std::size_t> execute_in_shared_segment(
    async_connection_state& st, const std::string& name);
// After a shared segment's Sync: whether command `index` must be sent again because another
// command of the segment failed (it was skipped, or rolled back with the implicit transaction).
[[nodiscard]] bool must_run_again(const request& req, std::size_t index) noexcept;
// Sends libpq's output buffer, waiting for the socket when it is full.
[[nodiscard]] asio::awaitable<void> flush(state_ptr st);
// Waits for `req`'s results, reading them (and those of the requests before it) when no other
// operation does. Cancelled: `req` is abandoned; when no other operation waits on the
// connection, the command is cancelled on the server and the connection marked broken.
[[nodiscard]] asio::awaitable<void> await_request(state_ptr st, std::shared_ptr<request> req,
                                                  bool cancel_on_server = true);
// A stream's next result: one row (PGRES_SINGLE_TUPLE, or a whole result when libpq could not
// switch to single-row mode) or an error; null at the end (the request's Sync was read).
[[nodiscard]] asio::awaitable<pq_result> next_stream_result(state_ptr st,
                                                            std::shared_ptr<request> req);
// A stream given up before its end: its remaining results are dropped by later readers; the
// query is cancelled on the server first unless inside a transaction block (where a cancel
// would abort the caller's transaction).
void abandon_stream(async_connection_state& st, request& req) noexcept;

// One command with text parameters (or none) and results in `format`: its outcome.
[[nodiscard]] asio::awaitable<pq_result> run_one(state_ptr st, std::string sql,
                                                 std::vector<std::string> parameters, int format,
                                                 bool cancel_on_server = true);

}  // namespace sqlx::pg::detail
