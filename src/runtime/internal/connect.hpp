// Opening a connection and pinging one, each bounded by a deadline: libpq's non-blocking calls
// and poll(2) on its socket, so that a server that stops answering (a network partition, a
// paused host) costs the caller at most the time it has left.
#pragma once

#include <libpq-fe.h>

#include <chrono>
#include <string>

namespace sqlx::pg::detail {

using deadline_clock = std::chrono::steady_clock;

// No deadline: wait as long as the URL's connect_timeout allows (forever without one).
inline constexpr deadline_clock::time_point no_deadline = deadline_clock::time_point::max();

// Connects to `url` (a URL or key=value string; our defaults UTF8 and fallback application
// name under it) with PQconnectStartParams/PQconnectPoll, waiting on the socket at most until
// `deadline`, whatever connect_timeout the URL says; with no_deadline, until connect_timeout
// (per host, as libpq counts it) when the URL has one. `receiver(arg, ...)` is the notice
// receiver from the start, so that nothing reaches libpq's default (stderr). Returns the
// open connection, owned by the caller. Throws connection_error naming `server` (the URL with
// its password redacted), with libpq's message scrubbed of the password, or saying it timed
// out.
//
// What a deadline cannot bound: the host name lookup (libpq resolves blocking; hostaddr
// avoids it). A host that does not answer is not skipped for the next one of a multi-host
// URL, as libpq's blocking connect does after connect_timeout: the attempt ends there.
[[nodiscard]] PGconn* open_connection(const std::string& url, const std::string& server,
                                      deadline_clock::time_point deadline,
                                      PQnoticeReceiver receiver, void* arg);

// The first steps of open_connection, for a caller that waits on the socket itself (the async
// runtime, src/asio/): PQconnectStartParams with our defaults and the notice receiver set.
// Throws connection_error as open_connection does; the caller then drives PQconnectPoll.
[[nodiscard]] PGconn* start_connection(const std::string& url, const std::string& server,
                                       PQnoticeReceiver receiver, void* arg);
// The deadline the URL's connect_timeout gives a connect starting now (no_deadline: none).
[[nodiscard]] deadline_clock::time_point connect_timeout_deadline(PGconn* conn,
                                                                  const std::string& server);
// Throws the connection_error of a failed connect (libpq's message, password scrubbed).
[[noreturn]] void connect_failed(PGconn* conn, const std::string& url, const std::string& server);

enum class ping_result { alive, dead, timed_out };

// Whether an idle connection still works: first reads what arrived while it was idle (the
// FATAL of a terminated backend reaches the notice receiver, the end of the stream marks the
// connection dead), then sends an empty statement and waits for its answer until `deadline`.
// After timed_out the connection is in the middle of a command: close it.
[[nodiscard]] ping_result ping(PGconn* conn, deadline_clock::time_point deadline) noexcept;

}  // namespace sqlx::pg::detail
