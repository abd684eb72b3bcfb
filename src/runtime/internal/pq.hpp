// Small libpq helpers of the runtime: owned results and the exceptions built from them.
#pragma once

#include <libpq-fe.h>

#include <memory>
#include <string>
#include <string_view>

#include "sqlx/error.hpp"

namespace sqlx::pg::detail {

struct result_deleter {
  void operator()(PGresult* r) const noexcept { PQclear(r); }
};
using pq_result = std::unique_ptr<PGresult, result_deleter>;

// Whether a statement ran: rows, a command, or an empty query.
[[nodiscard]] inline bool succeeded(const PGresult* r) noexcept {
  const ExecStatusType status = PQresultStatus(r);
  return status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK || status == PGRES_EMPTY_QUERY;
}

// A field of an error or notice (PQresultErrorField), "" when absent.
[[nodiscard]] std::string field(const PGresult* r, int code);

// The SQLSTATE of a failed result, "" when libpq itself failed.
[[nodiscard]] std::string_view sqlstate(const PGresult* r) noexcept;

// A libpq message without the trailing newline.
[[nodiscard]] std::string trimmed(const char* message);

// The server's error as a database_error; `r` must not be null.
[[nodiscard]] database_error make_database_error(const PGresult* r);

// Throws what a failed call means: connection_error naming `server` when the connection is
// gone, else the database_error of `r` (or of libpq's message when there is no result).
[[noreturn]] void throw_failure(PGconn* conn, const PGresult* r, const std::string& server);

}  // namespace sqlx::pg::detail
