// Database administration shared by the migrator, `sqlcheck database ...` and sqlx::testing:
// quoting names, addressing another database of the same server, creating and dropping.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "advisory_lock.hpp"
#include "pq.hpp"
#include "sqlx/pg/connection.hpp"

namespace sqlx::pg::detail {

// `name` as a quoted SQL identifier ("a""b").
[[nodiscard]] std::string quote_identifier(std::string_view name);

// Runs `sql` with text parameters; throws as the runtime does (connection_error or
// database_error) when it fails.
pq_result exec_params(connection& conn, const std::string& sql,
                      const std::vector<std::string>& params = {});

// A connection string split into the database it names and everything else, so that the
// same server can be addressed with another database.
struct server_address {
  // dbname, else the user name, else $PGDATABASE / $PGUSER (as libpq defaults it).
  std::string database;
  // The other settings as `key='value' ...`.
  std::string settings;

  [[nodiscard]] std::string conninfo(std::string_view other_database) const;
  // The server's maintenance database: `postgres`, or `template1` when `database` is
  // `postgres` itself (as createdb and sqlx-cli choose).
  [[nodiscard]] std::string maintenance_conninfo() const;
};

// Throws sqlx::error naming the (password-redacted) URL when libpq cannot parse it or it
// names no database.
[[nodiscard]] server_address parse_server_address(const std::string& url);

[[nodiscard]] bool database_exists(connection& conn, const std::string& name);

// Ends every other session connected to database `name` (for DROP DATABASE).
void terminate_sessions(connection& conn, const std::string& name);

// Best effort (error paths): leaves an open or aborted transaction block.
void rollback_if_in_transaction(connection& conn) noexcept;

}  // namespace sqlx::pg::detail
