// Where libpq's notices go: the connection's notice_handler, never libpq's default, which
// prints them to the program's stderr.
#pragma once

#include <libpq-fe.h>

namespace sqlx::pg::detail {

// A PQnoticeReceiver; `handler` is the connection's notice_handler (an empty one drops the
// notice). An exception from the handler is dropped: libpq calls this from C.
void receive_notice(void* handler, const PGresult* r) noexcept;

}  // namespace sqlx::pg::detail
