#include "sqlx/pg/async_connection.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <tuple>

#include "connection_state.hpp"
#include "first_of.hpp"
#include "runtime/internal/connect.hpp"
#include "runtime/internal/notice.hpp"
#include "runtime/internal/redact.hpp"
#include "runtime/internal/result_shape.hpp"
#include "sqlx/pg/builtin_types.hpp"

namespace sqlx::pg {
namespace {

using detail::async_connection_state;
using detail::pq_result;
using detail::state_ptr;
using clock = std::chrono::steady_clock;

// Our own descriptor for libpq's socket: the event loop may close it; libpq's stays libpq's.
[[nodiscard]] int duplicate_socket(async_connection_state& st, const std::string& url) {
  const int fd = PQsocket(st.conn);
  if (fd < 0) detail::connect_failed(st.conn, url, st.server);
  const int copy = ::dup(fd);
  if (copy < 0) {
    throw connection_error(
        fmt::format("cannot connect to {}: dup: {}", st.server, std::strerror(errno)));
  }
  return copy;
}

asio::awaitable<state_ptr> open_state(asio::any_io_executor executor, std::string url,
                                      connection_options options, clock::time_point deadline) {
  const auto start = clock::now();
  auto st = std::make_shared<async_connection_state>(
      executor, options, url.empty() ? "the default server" : detail::redact_conninfo(url));
  st->conn = detail::start_connection(url, st->server, &detail::receive_notice, &st->on_notice);
  if (deadline == clock::time_point::max()) {
    deadline = detail::connect_timeout_deadline(st->conn, st->server);
  }
  asio::steady_timer timer(executor, deadline);
  // As libpq's documentation says: start as if PQconnectPoll had asked to write.
  PostgresPollingStatusType polling = PGRES_POLLING_WRITING;
  while (polling != PGRES_POLLING_OK) {
    if (polling == PGRES_POLLING_FAILED) detail::connect_failed(st->conn, url, st->server);
    if (polling == PGRES_POLLING_READING || polling == PGRES_POLLING_WRITING) {
      // A new descriptor every round: libpq moves to a new socket for the next address.
      asio::posix::stream_descriptor socket(executor, duplicate_socket(*st, url));
      const auto wait = polling == PGRES_POLLING_READING
                            ? asio::posix::stream_descriptor::wait_read
                            : asio::posix::stream_descriptor::wait_write;
      if (deadline == clock::time_point::max()) {
        co_await socket.async_wait(wait, asio::use_awaitable);
      } else {
        const std::size_t first =
            co_await detail::first_of(socket.async_wait(wait, detail::reporting_error),
                                      timer.async_wait(detail::reporting_error));
        if (first == 1) {
          const auto ms =
              std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - start);
          throw connection_error(
              fmt::format("cannot connect to {}: timed out after {} ms", st->server, ms.count()));
        }
      }
    }
    polling = PQconnectPoll(st->conn);
  }
  if (PQsetnonblocking(st->conn, 1) != 0 || PQenterPipelineMode(st->conn) != 1) {
    detail::connect_failed(st->conn, url, st->server);
  }
  st->socket.emplace(executor, duplicate_socket(*st, url));
  co_return st;
}

[[nodiscard]] prepared_result deliver(async_connection_state& st, pq_result r,
                                      const std::string& sql, const std::string& name) {
  bool first = true;
  if (st.use_cache) {
    // Found again by text: another operation may have evicted or replaced the entry meanwhile.
    if (detail::statement_cache::statement* entry = st.cache.find(sql);
        entry != nullptr && entry->name == name) {
      first = !entry->verified;
      entry->verified = true;
    }
  }
  return {result(r.release()), first};
}

// After the cached statement `name` failed with `r`: updates the cache when the server lost it
// (then it lost all of ours) or its plan is outdated, and says whether to prepare and run it
// again (only outside a transaction block, where the failure aborted nothing of the caller's).
[[nodiscard]] bool forget_failed(async_connection_state& st, const PGresult* r,
                                 const std::string& sql, const std::string& name) {
  if (detail::statement_lost(r, name)) {
    st.cache.clear();
  } else if (detail::plan_outdated(r)) {
    if (auto* entry = st.cache.find(sql); entry != nullptr && entry->name == name) {
      st.cache.forget(*entry);
    }
  } else {
    return false;
  }
  return PQtransactionStatus(st.conn) == PQTRANS_IDLE;
}

// The DEALLOCATEs the cache queued, each in its own Sync segment whose result nobody waits
// for; only when nothing else is in flight outside a transaction block, where a failing one
// harms nothing.
void send_deallocates(async_connection_state& st) {
  std::vector<std::string>& closing = st.cache.to_close();
  if (closing.empty() || !st.queue.empty() || PQtransactionStatus(st.conn) != PQTRANS_IDLE) {
    return;
  }
  for (const std::string& name : closing) {
    const std::string text = "DEALLOCATE \"" + name + '"';
    const bool sent =
        PQsendQueryParams(st.conn, text.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0) == 1;
    detail::end_segment(st, sent)->abandoned = true;
  }
  closing.clear();
}

asio::awaitable<prepared_result> run_prepared(state_ptr st, const std::string& sql,
                                              std::span<const parameter> parameters, bool retry) {
  detail::ensure_usable(*st);
  detail::bind(*st, parameters);
  const int count = static_cast<int>(st->values.size());
  if (!st->use_cache) {
    detail::seal_shared_segment(*st);
    const bool sent = PQsendQueryParams(st->conn, sql.c_str(), count, nullptr, st->values.data(),
                                        st->lengths.data(), st->formats.data(), 1) == 1;
    auto req = detail::end_segment(*st, sent);
    co_await detail::flush(st);
    co_await detail::await_request(st, req);
    const PGresult* r = req->outcomes.empty() ? nullptr : req->outcomes.front().get();
    if (r == nullptr || !detail::succeeded(r)) detail::fail(*st, r);
    co_return prepared_result{result(req->outcomes.front().release()), true};
  }
  send_deallocates(*st);
  const auto [entry, inserted] = st->cache.find_or_insert(sql);
  if (inserted) entry->shares_sync = detail::may_share_sync(sql);
  const std::string name = entry->name;
  std::shared_ptr<detail::request> req;
  std::size_t executed = 0;  // the Execute's outcome in req
  if (!inserted && entry->shares_sync) {
    // A cached plain read: in the shared Sync segment.
    std::tie(req, executed) = detail::execute_in_shared_segment(*st, name);
    co_await detail::flush(st);
    co_await detail::await_request(st, req);
    // Skipped, or rolled back with another operation's failed command: sent again.
    if (detail::must_run_again(*req, executed)) {
      co_return co_await run_prepared(st, sql, parameters, retry);
    }
  } else {
    detail::seal_shared_segment(*st);
    const bool sent =
        (!inserted || PQsendPrepare(st->conn, name.c_str(), sql.c_str(), 0, nullptr) == 1) &&
        PQsendQueryPrepared(st->conn, name.c_str(), count, st->values.data(), st->lengths.data(),
                            st->formats.data(), 1) == 1;
    if (!sent && inserted) st->cache.erase(*entry);
    req = detail::end_segment(*st, sent);
    co_await detail::flush(st);
    co_await detail::await_request(st, req);
    if (inserted) {
      const PGresult* prepared = req->outcomes.empty() ? nullptr : req->outcomes[0].get();
      if (prepared == nullptr || PQresultStatus(prepared) != PGRES_COMMAND_OK) {
        if (auto* again = st->cache.find(sql); again != nullptr && again->name == name) {
          st->cache.erase(*again);
        }
        detail::fail(*st, prepared);
      }
      executed = 1;
    }
  }
  auto& outcomes = req->outcomes;
  const PGresult* r = outcomes.size() > executed ? outcomes[executed].get() : nullptr;
  if (r != nullptr && detail::succeeded(r)) {
    co_return deliver(*st, std::move(outcomes[executed]), sql, name);
  }
  if (r != nullptr && !inserted && retry && forget_failed(*st, r, sql, name)) {
    co_return co_await run_prepared(st, sql, parameters, false);
  }
  detail::fail(*st, r);
}

asio::awaitable<oid> lookup_type(state_ptr st, std::string name) {
  if (const auto known = st->types.find(name); known != st->types.end()) co_return known->second;
  // to_regtype parses the name as the server would and yields NULL for an unknown type.
  // (Arguments built before the co_await: GCC 12 rejects a string literal in its operand.)
  std::string sql = "SELECT to_regtype($1)::oid";
  std::vector<std::string> parameters{name};
  const pq_result r = co_await detail::run_one(st, std::move(sql), std::move(parameters), 0);
  if (PQresultStatus(r.get()) != PGRES_TUPLES_OK) detail::fail(*st, r.get());
  if (PQntuples(r.get()) != 1 || PQgetisnull(r.get(), 0, 0) != 0) co_return 0;
  const char* text = PQgetvalue(r.get(), 0, 0);
  oid id = 0;
  std::from_chars(text, text + std::strlen(text), id);
  st->types.emplace(std::move(name), id);
  co_return id;
}

void forget(async_connection_state& st, const std::string& sql) noexcept {
  if (!st.use_cache) return;
  try {
    if (auto* entry = st.cache.find(sql)) st.cache.forget(*entry);
  } catch (...) {
    // Best effort: a statement left on the server costs memory there, nothing else.
  }
}

// The first result's shape against `.sqlx-cpp/`; user types' OIDs must be in the cache.
void check_shape(async_connection_state& st, const result& r, std::string_view text,
                 std::span<const sqlx::detail::column_info> columns) {
  try {
    sqlx::detail::check_result_shape(
        r, text, columns,
        [](void* context, std::string_view name) -> oid {
          const auto& types = static_cast<async_connection_state*>(context)->types;
          const auto known = types.find(std::string(name));
          return known == types.end() ? 0 : known->second;
        },
        &st);
  } catch (...) {
    forget(st, std::string(text));
    throw;
  }
}

// User types' OIDs, looked up (once per connection) before a shape check reads them.
asio::awaitable<void> learn_types(state_ptr st,
                                  std::span<const sqlx::detail::column_info> columns) {
  for (const auto& column : columns) {
    if (builtin_type_oid(column.pg_type) == 0) {
      (void)co_await lookup_type(st, std::string(column.pg_type));
    }
  }
}

asio::awaitable<result> run_checked(state_ptr st, std::string text,
                                    std::span<const sqlx::detail::column_info> columns,
                                    std::span<const parameter> parameters) {
  prepared_result r = co_await run_prepared(st, text, parameters, true);
  if (r.first_use) {
    co_await learn_types(st, columns);
    check_shape(*st, r.rows, text, columns);
  }
  co_return std::move(r.rows);
}

// Sends a stream's statement (after preparing it, when new, in a round trip of its own: the
// single-row mode must apply to the Execute alone).
asio::awaitable<std::pair<std::shared_ptr<detail::request>, bool>> start_stream(
    state_ptr st, std::string text, std::span<const sqlx::detail::column_info> columns,
    std::span<const parameter> parameters) {
  detail::ensure_usable(*st);
  co_await learn_types(st, columns);  // an open stream could not look them up
  send_deallocates(*st);
  std::string name;
  bool first = true;
  if (st->use_cache) {
    const auto [entry, inserted] = st->cache.find_or_insert(text);
    name = entry->name;
    first = !entry->verified;
    if (inserted) {
      detail::seal_shared_segment(*st);
      const bool sent = PQsendPrepare(st->conn, name.c_str(), text.c_str(), 0, nullptr) == 1;
      if (!sent) st->cache.erase(*entry);
      auto req = detail::end_segment(*st, sent);
      co_await detail::flush(st);
      co_await detail::await_request(st, req);
      const PGresult* prepared = req->outcomes.empty() ? nullptr : req->outcomes[0].get();
      if (prepared == nullptr || PQresultStatus(prepared) != PGRES_COMMAND_OK) {
        if (auto* again = st->cache.find(text); again != nullptr && again->name == name) {
          st->cache.erase(*again);
        }
        detail::fail(*st, prepared);
      }
    }
  }
  detail::ensure_usable(*st);
  const bool may_cancel = st->queue.empty() && PQtransactionStatus(st->conn) == PQTRANS_IDLE;
  detail::bind(*st, parameters);
  const int count = static_cast<int>(st->values.size());
  detail::seal_shared_segment(*st);
  const bool sent =
      name.empty() ? PQsendQueryParams(st->conn, text.c_str(), count, nullptr, st->values.data(),
                                       st->lengths.data(), st->formats.data(), 1) == 1
                   : PQsendQueryPrepared(st->conn, name.c_str(), count, st->values.data(),
                                         st->lengths.data(), st->formats.data(), 1) == 1;
  auto req = detail::end_segment(*st, sent);
  req->single_row = true;
  req->may_cancel = may_cancel;
  co_await detail::flush(st);
  co_return std::pair{req, first};
}

asio::awaitable<result> run_text(state_ptr st, std::string sql) {
  pq_result r = co_await detail::run_one(st, std::move(sql), {}, 0);
  if (!detail::succeeded(r.get())) detail::fail(*st, r.get());
  co_return result(r.release());
}

asio::awaitable<bool> ping_state(state_ptr st) {
  if (st->broken || PQstatus(st->conn) != CONNECTION_OK) co_return false;
  try {
    // Nothing to cancel on the server: a ping given up on (a timeout) just drops the connection.
    std::string empty;
    const pq_result r = co_await detail::run_one(st, std::move(empty), {}, 0, false);
    co_return PQresultStatus(r.get()) == PGRES_EMPTY_QUERY;
  } catch (const sqlx::error&) {
    co_return false;
  }
}

}  // namespace

async_raw_stream::async_raw_stream() noexcept = default;
async_raw_stream::async_raw_stream(async_raw_stream&&) noexcept = default;
async_raw_stream& async_raw_stream::operator=(async_raw_stream&& other) noexcept {
  if (this != &other) {
    this->~async_raw_stream();
    new (this) async_raw_stream(std::move(other));
  }
  return *this;
}
async_raw_stream::~async_raw_stream() {
  if (state_ && request_) detail::abandon_stream(*state_, *request_);
}

asio::awaitable<bool> async_raw_stream::next() {
  if (!state_ || !request_) co_return false;
  for (;;) {
    if (row_ + 1 < current_.rows()) {
      ++row_;
      co_return true;
    }
    pq_result r = co_await detail::next_stream_result(state_, request_);
    if (!r) {
      request_.reset();
      current_ = result();
      co_return false;
    }
    const ExecStatusType status = PQresultStatus(r.get());
    if (status != PGRES_SINGLE_TUPLE && status != PGRES_TUPLES_OK) detail::fail(*state_, r.get());
    current_ = result(r.release());
    row_ = 0;
    if (current_.rows() == 0) continue;
    if (check_first_) {
      check_first_ = false;
      check_shape(*state_, current_, text_, columns_);
      if (auto* entry = state_->cache.find(std::string(text_))) entry->verified = true;
    }
    co_return true;
  }
}

asio::any_io_executor async_raw_stream::get_executor() const noexcept {
  return state_ ? state_->executor : asio::any_io_executor();
}

asio::awaitable<async_raw_stream> async_connection::open_stream(
    std::string_view text, std::span<const sqlx::detail::column_info> columns,
    std::span<const parameter> parameters) {
  if (!state_) throw connection_error("sqlx: use of an async_connection that is not connected");
  state_ptr st = state_;
  auto started = co_await start_stream(st, std::string(text), columns, parameters);
  async_raw_stream stream;
  stream.state_ = std::move(st);
  stream.request_ = std::move(started.first);
  stream.check_first_ = started.second;
  stream.text_ = text;
  stream.columns_ = columns;
  co_return stream;
}

async_connection::async_connection() noexcept = default;
async_connection::async_connection(std::shared_ptr<detail::async_connection_state> state) noexcept
    : state_(std::move(state)) {}
async_connection::async_connection(async_connection&&) noexcept = default;
async_connection& async_connection::operator=(async_connection&&) noexcept = default;
async_connection::~async_connection() = default;

asio::awaitable<async_connection> async_connection::open(executor_type executor, std::string url,
                                                         connection_options options,
                                                         clock::time_point deadline) {
  co_return async_connection(
      co_await open_state(std::move(executor), std::move(url), std::move(options), deadline));
}

asio::awaitable<result> async_connection::run(std::string sql) {
  if (!state_) throw connection_error("sqlx: use of an async_connection that is not connected");
  return run_text(state_, std::move(sql));
}

asio::awaitable<prepared_result> async_connection::run_prepared(
    const std::string& sql, std::span<const parameter> parameters) {
  if (!state_) throw connection_error("sqlx: use of an async_connection that is not connected");
  return pg::run_prepared(state_, sql, parameters, true);
}

asio::awaitable<result> async_connection::run_checked(
    std::string_view text, std::span<const sqlx::detail::column_info> columns,
    std::span<const parameter> parameters) {
  if (!state_) throw connection_error("sqlx: use of an async_connection that is not connected");
  return pg::run_checked(state_, std::string(text), columns, parameters);
}

asio::awaitable<oid> async_connection::type_oid(std::string pg_type) {
  if (!state_) throw connection_error("sqlx: use of an async_connection that is not connected");
  return lookup_type(state_, std::move(pg_type));
}

asio::awaitable<bool> async_connection::ping() {
  if (!state_) throw connection_error("sqlx: use of an async_connection that is not connected");
  return ping_state(state_);
}

void async_connection::forget_statement(const std::string& sql) noexcept {
  if (state_) forget(*state_, sql);
}

void async_connection::send_and_forget(std::span<const std::string> commands) noexcept {
  if (!state_ || state_->broken || PQstatus(state_->conn) != CONNECTION_OK) return;
  async_connection_state& st = *state_;
  try {
    detail::seal_shared_segment(st);
    bool sent = true;
    for (const std::string& sql : commands) {
      sent = sent &&
             PQsendQueryParams(st.conn, sql.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0) == 1;
    }
    detail::end_segment(st, sent)->abandoned = true;
    // Sent now if the socket takes it; else with the next operation's flush.
    if (PQflush(st.conn) < 0) st.broken = true;
  } catch (...) {
    st.broken = true;
  }
}

bool async_connection::is_usable() const noexcept {
  return state_ && !state_->broken && PQstatus(state_->conn) == CONNECTION_OK;
}

std::size_t async_connection::in_flight() const noexcept {
  return state_ ? state_->operations : 0;
}

PGTransactionStatusType async_connection::transaction_status() const noexcept {
  return state_ ? PQtransactionStatus(state_->conn) : PQTRANS_UNKNOWN;
}

PGconn* async_connection::native_handle() const noexcept {
  return state_ ? state_->conn : nullptr;
}

async_connection::executor_type async_connection::get_executor() const noexcept {
  return state_ ? state_->executor : executor_type();
}

}  // namespace sqlx::pg
