#include <cstdlib>

#include "internal/pq.hpp"
#include "sqlx/pg/pool.hpp"

namespace sqlx::pg::detail {
namespace {

// "<message> (SQLSTATE xxxxx)", then DETAIL and HINT lines as psql shows them.
[[nodiscard]] std::string describe(const database_error::fields& f) {
  std::string text = f.message;
  if (!f.sqlstate.empty()) text += " (SQLSTATE " + f.sqlstate + ")";
  if (!f.detail.empty()) text += "\nDETAIL:  " + f.detail;
  if (!f.hint.empty()) text += "\nHINT:  " + f.hint;
  return text;
}

}  // namespace

std::string field(const PGresult* r, int code) {
  const char* value = PQresultErrorField(r, code);
  return value == nullptr ? std::string() : std::string(value);
}

std::string_view sqlstate(const PGresult* r) noexcept {
  const char* state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
  return state == nullptr ? std::string_view() : std::string_view(state);
}

std::string trimmed(const char* message) {
  std::string text = message == nullptr ? std::string() : std::string(message);
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

database_error make_database_error(const PGresult* r) {
  database_error::fields f;
  f.sqlstate = field(r, PG_DIAG_SQLSTATE);
  f.message = field(r, PG_DIAG_MESSAGE_PRIMARY);
  // libpq's own failures (no server message) have only the whole error text.
  if (f.message.empty()) f.message = trimmed(PQresultErrorMessage(r));
  f.detail = field(r, PG_DIAG_MESSAGE_DETAIL);
  f.hint = field(r, PG_DIAG_MESSAGE_HINT);
  if (const char* position = PQresultErrorField(r, PG_DIAG_STATEMENT_POSITION)) {
    f.position = std::atoi(position);
  }
  std::string what = describe(f);
  return database_error(what, std::move(f));
}

void throw_failure(PGconn* conn, const PGresult* r, const std::string& server) {
  if (PQstatus(conn) == CONNECTION_BAD) {
    std::string reason = trimmed(r != nullptr ? PQresultErrorMessage(r) : PQerrorMessage(conn));
    if (reason.empty()) reason = trimmed(PQerrorMessage(conn));
    throw connection_error("lost the connection to " + server + ": " + reason);
  }
  if (r == nullptr) {
    database_error::fields f;
    f.message = trimmed(PQerrorMessage(conn));
    std::string what = f.message;
    throw database_error(what, std::move(f));
  }
  throw make_database_error(r);
}

}  // namespace sqlx::pg::detail

namespace sqlx {

error::~error() = default;
row_not_found::~row_not_found() = default;
stale_metadata_error::~stale_metadata_error() = default;
decode_error::~decode_error() = default;
configuration_error::~configuration_error() = default;
pool_timeout::~pool_timeout() = default;

namespace pg {
database_error::~database_error() = default;
connection_error::~connection_error() = default;
}  // namespace pg

}  // namespace sqlx
