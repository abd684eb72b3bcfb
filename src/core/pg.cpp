#include "core/pg.hpp"

#include <fmt/format.h>

#include "core/database_url.hpp"

namespace sqlx::core {

pg_connection pg_connection::connect(const std::string& url) {
  PGconn* raw = PQconnectdb(url.c_str());
  pg_connection conn(raw);
  if (raw == nullptr) throw pg_error("out of memory while connecting");
  if (PQstatus(raw) != CONNECTION_OK) {
    std::string message = PQerrorMessage(raw);
    while (!message.empty() && message.back() == '\n') message.pop_back();
    throw pg_error(fmt::format("cannot connect to {}: {}", redact_url(url), message), "08001");
  }
  return conn;
}

void check_result(const PGresult* result, PGconn* conn, std::string_view what) {
  const auto status = result == nullptr ? PGRES_FATAL_ERROR : PQresultStatus(result);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return;
  std::string message = result != nullptr ? PQresultErrorMessage(result) : PQerrorMessage(conn);
  while (!message.empty() && message.back() == '\n') message.pop_back();
  const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  throw pg_error(fmt::format("{}: {}", what, message), state != nullptr ? state : "");
}

pg_result pg_connection::exec(const std::string& sql) const {
  pg_result r(PQexec(conn_.get(), sql.c_str()));
  check_result(r.get(), conn_.get(), "query failed");
  return r;
}

pg_result pg_connection::exec_params(const std::string& sql,
                                     const std::vector<std::string>& params) const {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p.c_str());
  pg_result r(PQexecParams(conn_.get(), sql.c_str(), static_cast<int>(values.size()), nullptr,
                           values.data(), nullptr, nullptr, 0));
  check_result(r.get(), conn_.get(), "query failed");
  return r;
}

std::string quote_identifier(std::string_view name) {
  std::string quoted = "\"";
  for (char c : name) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

}  // namespace sqlx::core
