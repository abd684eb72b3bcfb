// Cancel requests sent off the event loop's thread (docs/async.md, "Cancellation and timeouts").
#pragma once

#include <libpq-fe.h>

namespace sqlx::pg::detail {

// Sends the cancel request (PQcancel, which blocks while it connects to the server) on a thread
// of its own and frees `cancel`. For a connection being discarded: the request may reach the
// server after anything sent later on the connection, which nobody will read.
void cancel_in_background(PGcancel* cancel) noexcept;

}  // namespace sqlx::pg::detail
