// Cancel requests for what runs on an async connection (docs/async.md, "Cancellation and
// timeouts"). libpq 15 (Debian 12) has only the blocking PQcancel (PQcancelStart is PostgreSQL
// 17's): it opens a connection to the server and sends the request.
#pragma once

#include <libpq-fe.h>

namespace sqlx::pg::detail {

// Sends the request and waits until it is sent, then frees `cancel` (null: nothing to do). For
// a connection that goes on: the request must not reach the server after a later command.
void send_cancel_request(PGcancel* cancel) noexcept;

// The same on a thread of its own, so that the event loop does not wait. For a connection
// being discarded: the request may reach the server after anything sent later on the
// connection, which nobody will read.
void send_cancel_request_in_background(PGcancel* cancel) noexcept;

}  // namespace sqlx::pg::detail
