// A minimal RAII layer over libpq for the tools (sqlcheck, tests). The user-facing runtime
// lives in include/sqlx/; this is only what the tools need.
#pragma once

#include <libpq-fe.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace sqlx::core {

// A server or connection error with the server's fields when there are any.
class pg_error : public std::runtime_error {
 public:
  explicit pg_error(const std::string& message, std::string sqlstate = {})
      : std::runtime_error(message), sqlstate_(std::move(sqlstate)) {}
  [[nodiscard]] const std::string& sqlstate() const noexcept { return sqlstate_; }

 private:
  std::string sqlstate_;
};

struct result_deleter {
  void operator()(PGresult* r) const noexcept { PQclear(r); }
};
using pg_result = std::unique_ptr<PGresult, result_deleter>;

class pg_connection {
 public:
  // Connects to `url` (a URL or key=value string); throws pg_error naming the redacted URL.
  [[nodiscard]] static pg_connection connect(const std::string& url);

  [[nodiscard]] PGconn* get() const noexcept { return conn_.get(); }

  // Runs one or more statements with the simple protocol; throws pg_error on failure.
  pg_result exec(const std::string& sql) const;
  // Runs one statement with text parameters; throws pg_error on failure.
  pg_result exec_params(const std::string& sql, const std::vector<std::string>& params) const;

 private:
  struct conn_deleter {
    void operator()(PGconn* c) const noexcept { PQfinish(c); }
  };
  explicit pg_connection(PGconn* c) : conn_(c) {}
  std::unique_ptr<PGconn, conn_deleter> conn_;
};

// Throws pg_error for a result that is not a success; keeps SQLSTATE.
void check_result(const PGresult* result, PGconn* conn, std::string_view what);

// Quotes an identifier for SQL text ("my table" -> "\"my table\"").
[[nodiscard]] std::string quote_identifier(std::string_view name);

}  // namespace sqlx::core
