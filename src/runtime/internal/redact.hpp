// Keeping passwords out of messages: the one redactor of the runtime and the tools. Every
// connection error names the server it was about, and libpq quotes a malformed connection
// string back in its messages, password included; both go through here.
#pragma once

#include <libpq-fe.h>

#include <string>
#include <string_view>

namespace sqlx::pg::detail {

// The connection string with every password replaced by "***", read as libpq reads the
// `dbname` of connection::connect: a URI (postgres://user:secret@host/db, any `password`
// query parameter), a key=value string (the value of `password=`, quoted or not; a URI given
// as any value), or else a database name. A string libpq cannot parse, or a lone word that
// looks like a URL with credentials, has everything between the first ':' of the user part
// and the last '@' starred out: safety before looks.
[[nodiscard]] std::string redact_conninfo(std::string_view conninfo);

// `message` (from libpq or the server, about `conninfo`) with every password of `conninfo`
// replaced by "***": as written, unquoted, percent-decoded and percent-encoded, and as libpq
// parsed it. With `conn`, also the password libpq used (from a service file, the password
// file or PGPASSWORD), which the connection string does not show.
[[nodiscard]] std::string scrub_message(std::string message, std::string_view conninfo,
                                        const PGconn* conn = nullptr);

// The connection error text libpq left in `conn` (without its trailing newline), scrubbed as
// above: what every failed connect reports.
[[nodiscard]] std::string connection_failure(const PGconn* conn, std::string_view conninfo);

}  // namespace sqlx::pg::detail
