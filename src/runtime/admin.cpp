#include "internal/admin.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <memory>

#include "internal/redact.hpp"

namespace sqlx::pg::detail {
namespace {

std::string conninfo_value(std::string_view v) {
  std::string out = "'";
  for (const char c : v) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

}  // namespace

std::string quote_identifier(std::string_view name) {
  std::string quoted = "\"";
  for (const char c : name) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

pq_result exec_params(connection& conn, const std::string& sql,
                      const std::vector<std::string>& params) {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p.c_str());
  PGconn* c = conn.native_handle();
  pq_result r{PQexecParams(c, sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(),
                           nullptr, nullptr, 0)};
  if (!r || !succeeded(r.get())) throw_failure(c, r.get(), fmt::format("database {}", PQdb(c)));
  return r;
}

std::string server_address::conninfo(std::string_view other_database) const {
  return fmt::format("{}dbname={}", settings, conninfo_value(other_database));
}

std::string server_address::maintenance_conninfo() const {
  return conninfo(database == "postgres" ? "template1" : "postgres");
}

server_address parse_server_address(const std::string& url) {
  char* message = nullptr;
  std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(
      PQconninfoParse(url.c_str(), &message), &PQconninfoFree);
  if (!options) {
    const std::string reason =
        message != nullptr ? scrub_message(trimmed(message), url) : "invalid";
    PQfreemem(message);
    throw sqlx::error(
        fmt::format("cannot parse the database URL {}: {}", redact_conninfo(url), reason));
  }
  server_address address;
  std::string user;
  for (PQconninfoOption* o = options.get(); o->keyword != nullptr; ++o) {
    if (o->val == nullptr) continue;
    const std::string_view keyword = o->keyword;
    if (keyword == "dbname") {
      address.database = o->val;
      continue;
    }
    if (keyword == "user") user = o->val;
    address.settings += fmt::format("{}={} ", keyword, conninfo_value(o->val));
  }
  if (address.database.empty()) address.database = user;
  for (const char* env : {"PGDATABASE", "PGUSER"}) {
    const char* v = std::getenv(env);
    if (address.database.empty() && v != nullptr) address.database = v;
  }
  if (address.database.empty()) {
    throw sqlx::error(fmt::format("the database URL {} names no database", redact_conninfo(url)));
  }
  return address;
}

bool database_exists(connection& conn, const std::string& name) {
  return PQntuples(
             exec_params(conn, "SELECT 1 FROM pg_database WHERE datname = $1", {name}).get()) > 0;
}

void terminate_sessions(connection& conn, const std::string& name) {
  (void)exec_params(conn,
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = $1 AND pid <> pg_backend_pid()",
                    {name});
}

void rollback_if_in_transaction(connection& conn) noexcept {
  PGconn* c = conn.native_handle();
  if (c != nullptr && PQtransactionStatus(c) != PQTRANS_IDLE) {
    pq_result r{PQexec(c, "ROLLBACK")};
  }
}

}  // namespace sqlx::pg::detail
