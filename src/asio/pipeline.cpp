// The pipeline of an async connection: an operation sends its commands and a Sync at once, or
// (a plain read of a cached statement) one command into a segment shared with other operations,
// whose Sync goes with the next flush; the results come back in order. Whichever waiting
// operation finds nobody reading reads for the queue, hands each request its results and wakes
// its operations, until its own are in.
#include <unistd.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>

#include "cancel_request.hpp"
#include "connection_state.hpp"
#include "first_of.hpp"

namespace sqlx::pg::detail {
namespace {

void wake(request& req) {
  req.wake.cancel();
}

// The first request someone waits for: it becomes the reader when the current one stops.
void wake_next_reader(async_connection_state& st) {
  for (const auto& req : st.queue) {
    if (!req->abandoned) {
      wake(*req);
      return;
    }
  }
}

// The front request is a stream that someone else reads: only its own operation may.
[[nodiscard]] bool blocked_by_stream(const async_connection_state& st, const request& mine) {
  if (st.queue.empty()) return false;
  const request& front = *st.queue.front();
  return front.single_row && !front.abandoned && &front != &mine;
}

// The connection is gone, or left with a message half sent: every operation waiting on it gets
// `error` (they would wait for results that never come).
void fail_waiting(async_connection_state& st, const std::exception_ptr& error) noexcept {
  if (st.socket) {
    boost::system::error_code ignored;
    st.socket->cancel(ignored);  // the reader waits on the socket, not on its request
  }
  st.broken = true;
  st.open_segment.reset();
  st.operations = 0;
  for (const auto& req : st.queue) {
    req->failure = error;
    wake(*req);
  }
  st.queue.clear();
}

// After a reader's wait on the socket: the error the connection failed with meanwhile, else the
// wait's own (a cancellation).
void after_read_wait(const request& req, const boost::system::error_code& ec) {
  if (req.failure) std::rethrow_exception(req.failure);
  if (ec) throw boost::system::system_error(ec);
}

[[noreturn]] void lose_connection(async_connection_state& st) {
  std::exception_ptr error;
  try {
    fail(st, nullptr);
  } catch (...) {
    error = std::current_exception();
  }
  fail_waiting(st, error);
  std::rethrow_exception(error);
}

// Reads results for the queue, front first, until `mine` has all of its own, and then on as
// long as more are there without waiting: one reader hands a whole batch of pipelined results
// to their operations.
asio::awaitable<void> read_until(state_ptr st, request& mine) {
  bool mine_done = false;
  for (;;) {
    while (!st->queue.empty() && PQisBusy(st->conn) == 0) {
      if (blocked_by_stream(*st, mine)) {
        wake(*st->queue.front());  // a stream's rows are its own to read
        co_return;
      }
      request& front = *st->queue.front();
      pq_result r{PQgetResult(st->conn)};
      if (!r) {
        if (PQstatus(st->conn) == CONNECTION_BAD) lose_connection(*st);
        // A null ends a command's results; two in a row: wait for more input.
        if (front.answered) {
          front.answered = false;
          front.nulls = 0;
        } else if (++front.nulls > 1) {
          front.nulls = 0;
          break;
        }
        continue;
      }
      front.nulls = 0;
      const ExecStatusType status = PQresultStatus(r.get());
      if (status == PGRES_PIPELINE_SYNC) {
        const std::shared_ptr<request> finished = std::move(st->queue.front());
        st->queue.pop_front();
        finished->done = true;
        st->operations -= finished->members;
        if (finished.get() == &mine) mine_done = true;
        // Its other operations (a shared segment's) wait for it too.
        if (!finished->abandoned && (finished.get() != &mine || finished->members > 1)) {
          wake(*finished);
        }
        continue;
      }
      if (!front.answered) {
        if (front.failed_at == request::no_failure && status != PGRES_PIPELINE_ABORTED &&
            !succeeded(r.get())) {
          front.failed_at = front.outcomes.size();
        }
        front.outcomes.push_back(std::move(r));
        front.answered = true;
      }
    }
    if (mine_done) co_return;
    if (PQstatus(st->conn) == CONNECTION_BAD) lose_connection(*st);
    const auto [ec] = co_await st->socket->async_wait(asio::posix::stream_descriptor::wait_read,
                                                      asio::as_tuple(asio::use_awaitable));
    after_read_wait(mine, ec);
    if (PQconsumeInput(st->conn) == 0) lose_connection(*st);
  }
}

// A cancelled operation gives up its request. Another operation waiting on the connection
// reads and drops its results later; with none, the connection would be left in the middle of a
// command: the command is cancelled on the server and the connection discarded.
void abandon(async_connection_state& st, request& req, bool cancel) noexcept {
  if (--req.waiting > 0) {
    // Others of its shared segment still wait for it (and one must read, if this one did).
    wake_next_reader(st);
    return;
  }
  req.abandoned = true;
  for (const auto& other : st.queue) {
    if (!other->abandoned) {
      wake_next_reader(st);
      return;
    }
  }
  if (cancel && !st.queue.empty()) send_cancel_request_in_background(PQgetCancel(st.conn));
  st.broken = true;
}

}  // namespace

async_connection_state::~async_connection_state() {
  for (const auto& req : queue) wake(*req);
  if (socket) {
    boost::system::error_code ignored;
    socket->close(ignored);  // our dup(), not libpq's descriptor
  }
  if (conn != nullptr) PQfinish(conn);
}

void ensure_usable(async_connection_state& st) {
  if (st.conn == nullptr || PQstatus(st.conn) != CONNECTION_OK) {
    throw connection_error("lost the connection to " + st.server);
  }
  if (st.broken) {
    throw connection_error("the connection to " + st.server +
                           " was discarded (a cancelled operation or a lost connection)");
  }
}

void fail(async_connection_state& st, const PGresult* r) {
  throw_failure(st.conn, r, st.server);
}

void bind(async_connection_state& st, std::span<const parameter> parameters) {
  const std::size_t count = parameters.size();
  if (count > 65535) {
    throw sqlx::error("sqlx: " + std::to_string(count) + " parameters, the most is 65535");
  }
  st.values.resize(count);
  st.lengths.resize(count);
  st.formats.resize(count);
  for (std::size_t i = 0; i < count; ++i) {
    st.values[i] = parameters[i].data;
    st.lengths[i] = parameters[i].length;
    st.formats[i] = parameters[i].format;
  }
}

namespace {

// Part of a segment may be in libpq's buffer without its Sync: the pipeline's state is unknown
// from here on.
[[noreturn]] void lose_segment(async_connection_state& st) {
  st.broken = true;
  st.open_segment.reset();
  fail(st, nullptr);
}

// At most this many operations share a Sync: its results are handed out when the Sync comes,
// so a larger segment would delay its first operations' results for little gain.
constexpr std::size_t shared_segment_limit = 64;

}  // namespace

void seal_shared_segment(async_connection_state& st) {
  if (!st.open_segment) return;
  st.open_segment.reset();
  if (PQpipelineSync(st.conn) != 1) lose_segment(st);
}

std::shared_ptr<request> end_segment(async_connection_state& st, bool sent) {
  if (!sent || PQpipelineSync(st.conn) != 1) lose_segment(st);
  auto req = std::make_shared<request>(st.executor);
  st.queue.push_back(req);
  ++st.operations;
  return req;
}

std::pair<std::shared_ptr<request>, std::size_t> execute_in_shared_segment(
    async_connection_state& st, const std::string& name) {
  if (st.open_segment && st.open_segment->members >= shared_segment_limit) {
    seal_shared_segment(st);
    // Sent now, as far as the socket takes it, so the server starts on it while more commands
    // are queued; the flushing operation sends the rest.
    if (PQflush(st.conn) < 0) lose_segment(st);
  }
  if (PQsendQueryPrepared(st.conn, name.c_str(), static_cast<int>(st.values.size()),
                          st.values.data(), st.lengths.data(), st.formats.data(), 1) != 1) {
    lose_segment(st);
  }
  ++st.operations;
  if (st.open_segment) {
    request& req = *st.open_segment;
    ++req.waiting;
    return {st.open_segment, req.members++};
  }
  auto req = std::make_shared<request>(st.executor);
  st.queue.push_back(req);
  st.open_segment = req;
  return {std::move(req), 0};
}

bool must_run_again(const request& req, std::size_t index) noexcept {
  if (index >= req.outcomes.size()) return false;
  if (PQresultStatus(req.outcomes[index].get()) == PGRES_PIPELINE_ABORTED) return true;
  return index < req.failed_at && req.failed_at != request::no_failure;
}

asio::awaitable<void> flush(state_ptr st) {
  // One operation flushes for all: it loops until libpq's buffer is empty, also of the
  // commands others queued meanwhile.
  if (st->flushing) co_return;
  st->flushing = true;
  try {
    // With others in flight, let the other coroutines ready to run queue their commands first:
    // they then leave in one send (pipelining's point), for one pass through the scheduler.
    // Alone on the connection, send at once (the sequential caller's latency).
    if (st->queue.size() > 1) co_await asio::post(st->executor, asio::use_awaitable);
    for (;;) {
      seal_shared_segment(*st);  // the commands that joined it meanwhile go with this send
      const int flushed = PQflush(st->conn);
      if (flushed == 0) break;
      if (flushed < 0) lose_connection(*st);
      // libpq's rule: wait for either, and read what came (the server may be blocked writing
      // to us).
      using wait = asio::posix::stream_descriptor::wait_type;
      (void)co_await first_of(st->socket->async_wait(wait::wait_write, reporting_error),
                              st->socket->async_wait(wait::wait_read, reporting_error));
      if (PQconsumeInput(st->conn) == 0) lose_connection(*st);
    }
  } catch (...) {
    st->flushing = false;
    // Cancelled half way: what was sent of the buffer is unknown, and the server may wait for
    // the rest of a message; the other operations waiting on the connection fail now.
    fail_waiting(*st, std::make_exception_ptr(connection_error(
                          "the connection to " + st->server +
                          " was discarded: a cancelled operation left a command half sent")));
    throw;
  }
  st->flushing = false;
}

asio::awaitable<void> await_request(state_ptr st, std::shared_ptr<request> req,
                                    bool cancel_on_server) {
  try {
    while (!req->done) {
      if (req->failure) std::rethrow_exception(req->failure);
      if (!st->reading && !blocked_by_stream(*st, *req)) {
        st->reading = true;
        try {
          co_await read_until(st, *req);
        } catch (...) {
          st->reading = false;
          throw;
        }
        st->reading = false;
        if (req->done) wake_next_reader(*st);
      } else {
        (void)co_await req->wake.async_wait(asio::as_tuple(asio::use_awaitable));
        // Woken (ec is operation_aborted then too): look at the state again. Cancelled: the
        // cancellation state says so.
        const auto cancelled = (co_await asio::this_coro::cancellation_state).cancelled();
        if (cancelled != asio::cancellation_type::none && !req->done && !req->failure) {
          throw boost::system::system_error(asio::error::operation_aborted);
        }
      }
    }
  } catch (...) {
    if (!req->done && !req->failure) abandon(*st, *req, cancel_on_server);
    throw;
  }
}

namespace {

// Reads the stream's next result (it is at the front, and this operation the reader).
asio::awaitable<pq_result> read_stream_result(state_ptr st, request& req) {
  if (!req.rows_started) {
    req.rows_started = true;
    // Fails (0) when libpq cannot: then the whole result comes at once, still correct.
    (void)PQsetSingleRowMode(st->conn);
  }
  for (;;) {
    while (PQisBusy(st->conn) == 0) {
      pq_result r{PQgetResult(st->conn)};
      if (!r) {
        if (PQstatus(st->conn) == CONNECTION_BAD) lose_connection(*st);
        if (req.answered) {
          req.answered = false;
          req.nulls = 0;
        } else if (++req.nulls > 1) {
          req.nulls = 0;
          break;
        }
        continue;
      }
      req.nulls = 0;
      const ExecStatusType status = PQresultStatus(r.get());
      if (status == PGRES_PIPELINE_SYNC) {
        st->queue.pop_front();
        st->operations -= req.members;
        req.done = true;
        co_return pq_result();
      }
      if (req.answered) continue;  // after an error: what follows it in the segment
      if (status == PGRES_SINGLE_TUPLE) co_return r;
      req.answered = true;  // the end of the rows (TUPLES_OK), or an error
      if (status != PGRES_TUPLES_OK || PQntuples(r.get()) > 0) co_return r;
    }
    if (PQstatus(st->conn) == CONNECTION_BAD) lose_connection(*st);
    const auto [ec] = co_await st->socket->async_wait(asio::posix::stream_descriptor::wait_read,
                                                      asio::as_tuple(asio::use_awaitable));
    after_read_wait(req, ec);
    if (PQconsumeInput(st->conn) == 0) lose_connection(*st);
  }
}

}  // namespace

asio::awaitable<pq_result> next_stream_result(state_ptr st, std::shared_ptr<request> req) {
  for (;;) {
    if (req->failure) std::rethrow_exception(req->failure);
    if (req->done) co_return pq_result();
    if (!st->reading && !st->queue.empty() && st->queue.front() == req) {
      st->reading = true;
      pq_result r;
      try {
        r = co_await read_stream_result(st, *req);
      } catch (...) {
        st->reading = false;
        if (!req->done && !req->failure) abandon_stream(*st, *req);
        throw;
      }
      st->reading = false;
      if (req->done) wake_next_reader(*st);
      co_return r;
    }
    (void)co_await req->wake.async_wait(asio::as_tuple(asio::use_awaitable));
    const auto cancelled = (co_await asio::this_coro::cancellation_state).cancelled();
    if (cancelled != asio::cancellation_type::none && !req->done && !req->failure) {
      abandon_stream(*st, *req);
      throw boost::system::system_error(asio::error::operation_aborted);
    }
  }
}

void abandon_stream(async_connection_state& st, request& req) noexcept {
  if (req.done || req.abandoned) return;
  // A cancel stops a large result early; inside a transaction block it would abort the
  // caller's transaction, so the rest is read and dropped instead.
  if (req.may_cancel && !st.queue.empty() && st.queue.front().get() == &req && req.rows_started) {
    send_cancel_request(PQgetCancel(st.conn));
  }
  req.abandoned = true;
  wake_next_reader(st);
}

asio::awaitable<pq_result> run_one(state_ptr st, std::string sql,
                                   std::vector<std::string> parameters, int format,
                                   bool cancel_on_server) {
  ensure_usable(*st);
  std::vector<const char*> values;
  values.reserve(parameters.size());
  for (const std::string& p : parameters) values.push_back(p.c_str());
  seal_shared_segment(*st);
  const bool sent = PQsendQueryParams(st->conn, sql.c_str(), static_cast<int>(values.size()),
                                      nullptr, values.data(), nullptr, nullptr, format) == 1;
  auto req = end_segment(*st, sent);
  co_await flush(st);
  co_await await_request(st, req, cancel_on_server);
  if (req->outcomes.empty()) fail(*st, nullptr);
  co_return std::move(req->outcomes.front());
}

}  // namespace sqlx::pg::detail
