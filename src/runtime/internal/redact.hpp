// Keeping passwords out of messages: the runtime names the server it talks to in every
// connection error, and must never print the password that came with the address.
#pragma once

#include <string>
#include <string_view>

namespace sqlx::pg::internal {

// The connection string with any password replaced by "***": the password of a URL
// (postgres://user:secret@host/db -> postgres://user:***@host/db), a `password` query
// parameter, and the value of a `password=` keyword (quoted or not).
[[nodiscard]] std::string redact_conninfo(std::string_view conninfo);

// `message` (from libpq, about `conninfo`) with every password of `conninfo` replaced by
// "***": libpq quotes a malformed connection string back in its messages, password included.
[[nodiscard]] std::string scrub_message(std::string message, std::string_view conninfo);

}  // namespace sqlx::pg::internal
