#include "internal/connect.hpp"

#include <fmt/format.h>
#include <poll.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <climits>
#include <cstring>
#include <memory>
#include <optional>
#include <string_view>

#include "internal/pq.hpp"
#include "internal/redact.hpp"
#include "sqlx/error.hpp"

namespace sqlx::pg::detail {
namespace {

using conn_ptr = std::unique_ptr<PGconn, decltype(&PQfinish)>;

// Waits until `fd` has one of `events` or `deadline` passes: the events that came, 0 on
// timeout, -1 on a poll error. A socket ready at the deadline still counts (one last poll
// without waiting).
[[nodiscard]] int wait_socket(int fd, short events, deadline_clock::time_point deadline) noexcept {
  for (;;) {
    int wait_ms = -1;
    if (deadline != no_deadline) {
      const auto left = deadline - deadline_clock::now();
      // Rounded up: a wait rounded down to 0 ms would spin until the deadline.
      const auto ms = std::chrono::ceil<std::chrono::milliseconds>(left).count();
      wait_ms = static_cast<int>(std::clamp<std::chrono::milliseconds::rep>(ms, 0, INT_MAX));
    }
    pollfd socket{fd, events, 0};
    const int n = ::poll(&socket, 1, wait_ms);
    if (n > 0) return socket.revents;
    if (n < 0 && errno != EINTR) return -1;
    if (wait_ms == 0) return 0;
    // Else the rounded wait ended early, or a signal came: look at the clock again.
  }
}

// The value of connection option `keyword` as libpq parsed it, nullopt when unset.
[[nodiscard]] std::optional<std::string> option(PGconn* conn, std::string_view keyword) {
  const std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(PQconninfo(conn),
                                                                             &PQconninfoFree);
  if (!options) return std::nullopt;
  for (const PQconninfoOption* o = options.get(); o->keyword != nullptr; ++o) {
    if (keyword == o->keyword) {
      if (o->val == nullptr || *o->val == '\0') return std::nullopt;
      return std::string(o->val);
    }
  }
  return std::nullopt;
}

}  // namespace

deadline_clock::time_point connect_timeout_deadline(PGconn* conn, const std::string& server) {
  const auto text = option(conn, "connect_timeout");
  if (!text) return no_deadline;
  int seconds = 0;
  const char* end = text->data() + text->size();
  const auto [at, ec] = std::from_chars(text->data(), end, seconds);
  if (ec != std::errc() ||
      std::string_view(at, end).find_first_not_of(" \t") != std::string_view::npos) {
    throw connection_error(
        fmt::format("cannot connect to {}: invalid connect_timeout \"{}\"", server, *text));
  }
  if (seconds <= 0) return no_deadline;
  std::size_t hosts = 1;
  for (const char* keyword : {"host", "hostaddr"}) {
    if (const auto list = option(conn, keyword)) {
      hosts = std::max<std::size_t>(hosts, 1 + std::count(list->begin(), list->end(), ','));
    }
  }
  return deadline_clock::now() + std::chrono::seconds(std::max(seconds, 2)) * hosts;
}

void connect_failed(PGconn* conn, const std::string& url, const std::string& server) {
  throw connection_error("cannot connect to " + server + ": " + connection_failure(conn, url));
}

PGconn* start_connection(const std::string& url, const std::string& server,
                         PQnoticeReceiver receiver, void* arg) {
  // Our defaults come first so that the caller's string, expanded from `dbname`, overrides
  // them: text travels as UTF-8 (the SQL literals are UTF-8) unless the caller says otherwise.
  const std::array<const char*, 4> keywords{"client_encoding", "fallback_application_name",
                                            "dbname", nullptr};
  const std::array<const char*, 4> values{"UTF8", "sqlx-cpp", url.c_str(), nullptr};
  conn_ptr conn(PQconnectStartParams(keywords.data(), values.data(), 1), &PQfinish);
  if (!conn) throw connection_error("cannot connect to " + server + ": out of memory");
  // Before the first message is read: a server may warn during startup (a collation version
  // mismatch, say).
  PQsetNoticeReceiver(conn.get(), receiver, arg);
  if (PQstatus(conn.get()) == CONNECTION_BAD) connect_failed(conn.get(), url, server);
  return conn.release();
}

PGconn* open_connection(const std::string& url, const std::string& server,
                        deadline_clock::time_point deadline, PQnoticeReceiver receiver, void* arg) {
  const auto start = deadline_clock::now();
  conn_ptr conn(start_connection(url, server, receiver, arg), &PQfinish);
  if (deadline == no_deadline) deadline = connect_timeout_deadline(conn.get(), server);

  // As libpq's documentation says: start as if PQconnectPoll had asked to write.
  PostgresPollingStatusType polling = PGRES_POLLING_WRITING;
  while (polling != PGRES_POLLING_OK) {
    if (polling == PGRES_POLLING_FAILED) connect_failed(conn.get(), url, server);
    if (polling == PGRES_POLLING_READING || polling == PGRES_POLLING_WRITING) {
      // Read every round: libpq moves to a new socket when it tries the next address or host.
      const int fd = PQsocket(conn.get());
      if (fd < 0) connect_failed(conn.get(), url, server);
      const int ready =
          wait_socket(fd, polling == PGRES_POLLING_READING ? POLLIN : POLLOUT, deadline);
      if (ready == 0) {
        const auto ms =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline_clock::now() - start);
        throw connection_error(
            fmt::format("cannot connect to {}: timed out after {} ms", server, ms.count()));
      }
      if (ready < 0) {
        throw connection_error(
            fmt::format("cannot connect to {}: poll failed: {}", server, std::strerror(errno)));
      }
    }
    polling = PQconnectPoll(conn.get());
  }
  return conn.release();
}

ping_result ping(PGconn* conn, deadline_clock::time_point deadline) noexcept {
  if (PQstatus(conn) != CONNECTION_OK) return ping_result::dead;
  // What came while idle. PQisBusy parses it: an ErrorResponse outside a command (the FATAL
  // of a terminated backend) goes to the notice receiver; the end of the stream fails
  // PQconsumeInput.
  if (wait_socket(PQsocket(conn), POLLIN, deadline_clock::now()) > 0) {
    if (PQconsumeInput(conn) == 0) return ping_result::dead;
    (void)PQisBusy(conn);
    if (PQstatus(conn) != CONNECTION_OK) return ping_result::dead;
  }

  // Non-blocking, so that sending cannot wait past the deadline either. Set back before
  // returning alive; a dead or timed-out connection is closed by the caller.
  if (PQsetnonblocking(conn, 1) != 0) return ping_result::dead;
  if (PQsendQuery(conn, "") != 1) return ping_result::dead;
  for (;;) {
    const int flushed = PQflush(conn);
    if (flushed == 0) break;
    if (flushed < 0) return ping_result::dead;
    // libpq's rule: wait for either; read what came (the server may be writing to us).
    const int ready = wait_socket(PQsocket(conn), POLLIN | POLLOUT, deadline);
    if (ready == 0) return ping_result::timed_out;
    if (ready < 0) return ping_result::dead;
    if ((ready & POLLIN) != 0 && PQconsumeInput(conn) == 0) return ping_result::dead;
  }
  bool ok = true;
  for (;;) {
    while (PQisBusy(conn) != 0) {
      const int ready = wait_socket(PQsocket(conn), POLLIN, deadline);
      if (ready == 0) return ping_result::timed_out;
      if (ready < 0 || PQconsumeInput(conn) == 0) return ping_result::dead;
    }
    PGresult* r = PQgetResult(conn);
    if (r == nullptr) break;
    ok = ok && succeeded(r);
    PQclear(r);
  }
  if (!ok || PQstatus(conn) != CONNECTION_OK || PQsetnonblocking(conn, 0) != 0) {
    return ping_result::dead;
  }
  return ping_result::alive;
}

}  // namespace sqlx::pg::detail
