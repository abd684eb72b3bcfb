// A connection to PostgreSQL: the executor the checked queries run on.
#pragma once

#include <libpq-fe.h>

#include <chrono>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "sqlx/error.hpp"
#include "sqlx/pg/callback.hpp"
#include "sqlx/pg/result.hpp"
#include "sqlx/pg/type_traits.hpp"

namespace sqlx::pg {

// A message the server sent outside a result: a NOTICE or WARNING raised by SQL (RAISE
// NOTICE, a DROP ... IF EXISTS of nothing), or the FATAL that ends a session the server
// terminated (pg_terminate_backend, shutdown) when it arrives while the connection is idle.
// libpq's own notices have severity NOTICE and no SQLSTATE.
struct notice {
  std::string severity;  // NOTICE, WARNING, FATAL, ... in English, whatever lc_messages says
  std::string sqlstate;
  std::string message;  // the primary message
  std::string detail;
  std::string hint;
};

// Receives the server's notices: void(const notice&).
using notice_handler = callback<void(const notice&)>;

struct connection_options {
  // Prepared statements kept per connection (least recently used are closed first).
  // 0 uses unnamed statements only, which works behind PgBouncer in transaction mode.
  std::size_t statement_cache_capacity = 100;
  // Where the server's notices go; empty (the default): dropped. The library never writes to
  // the program's stderr, which libpq does by default. Called on the thread using the
  // connection, while libpq reads its input; an exception it throws is dropped.
  notice_handler on_notice = {};
};

// One bind parameter in wire form; data == nullptr is SQL NULL.
struct parameter {
  const char* data = nullptr;
  int length = 0;
  int format = 1;  // 1 binary, 0 text
};

// What execute_prepared ran.
struct prepared_result {
  result rows;
  // True the first time this statement text ran on this connection (always true without a
  // cache): the caller checks the result's shape then, and only then. Precisely: true until a
  // result of the text's current server-side statement reached the caller, so also after it
  // was prepared again (evicted, forgotten, dropped by DISCARD ALL, or its result type changed
  // with the schema) and after a run that failed.
  bool first_use = false;
};

class connection {
 public:
  // From a URL (postgres://user:pass@host:port/db?opt=...) or a key=value string.
  // Throws connection_error naming the server (never the password).
  // Blocks as long as libpq does: bound it with connect_timeout in the URL.
  [[nodiscard]] static connection connect(const std::string& url, connection_options options = {});
  // The same, giving up at `deadline` (connection_error saying it timed out) whatever
  // connect_timeout the URL says: libpq's non-blocking connect, waiting at most until then.
  // Resolving a host name is not bounded (libpq resolves it blocking; hostaddr avoids that).
  [[nodiscard]] static connection connect(const std::string& url, connection_options options,
                                          std::chrono::steady_clock::time_point deadline);

  connection(connection&&) noexcept;
  connection& operator=(connection&&) noexcept;
  connection(const connection&) = delete;
  connection& operator=(const connection&) = delete;
  ~connection();

  // Runs SQL text with the simple protocol: any number of statements, no parameters.
  void execute(const std::string& sql);

  // Runs `sql` as a prepared statement (prepared once per connection and cached by its text,
  // or unnamed when the cache capacity is 0) with binary results. Throws database_error.
  [[nodiscard]] prepared_result execute_prepared(const std::string& sql,
                                                 std::span<const parameter> parameters);

  // Drops `sql` from the statement cache (after its result shape was found wrong). Its
  // DEALLOCATE is sent at once outside a transaction block; inside one it waits for the next
  // statement prepared outside a block (a failing DEALLOCATE must not abort a transaction).
  void forget_statement(const std::string& sql) noexcept;

  // Streaming: sends the statement and reads the rows one at a time (single-row mode), so a
  // large result is never held in memory. The connection can do nothing else until
  // next_row() returned nullopt or finish_stream() was called.
  void start_stream(const std::string& sql, std::span<const parameter> parameters);
  // The next row as a one-row result, nullopt at the end. The first row's result says
  // whether this was the statement's first use, as for execute_prepared.
  [[nodiscard]] std::optional<prepared_result> next_row();
  // Discards the rest of a stream (cancels the query on the server; inside a transaction block,
  // where a cancel would abort the transaction, reads the rest and drops it instead).
  void finish_stream() noexcept;

  // The OID of a type named as `.sqlx-cpp/` spells it ("int8", "public.mood"); 0 when the
  // server does not know it. Looked up once per connection.
  [[nodiscard]] oid type_oid(std::string_view pg_type);

  [[nodiscard]] bool is_open() const noexcept;
  [[nodiscard]] PGconn* native_handle() const noexcept;

  // The executor seam: runs `f` with this connection (the pool lends one instead).
  template <typename F>
  decltype(auto) with_connection(F&& f) {
    return std::forward<F>(f)(*this);
  }

 private:
  struct impl;
  explicit connection(impl* owned) noexcept;
  // Owned. A plain pointer, not std::unique_ptr: <memory> would cost every translation unit
  // with a checked query its compile time (docs/performance.md).
  impl* impl_ = nullptr;
};

}  // namespace sqlx::pg
