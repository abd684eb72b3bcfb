// A connection to PostgreSQL driven by an Asio event loop: libpq's non-blocking API, always in
// pipeline mode, so that the commands of several coroutines sharing it are sent without waiting
// for each other's answers (docs/async.md). Same codecs, results and errors as the blocking
// sqlx::pg::connection.
#pragma once

#include <chrono>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "sqlx/detail/query_metadata.hpp"
#include "sqlx/pg/async_common.hpp"
#include "sqlx/pg/connection.hpp"

namespace sqlx::pg {

namespace detail {
struct async_connection_state;
struct request;
}  // namespace detail

// The rows of a streamed checked query, read one at a time from the server (libpq's
// single-row mode), never the whole result in memory. Holds its connection (a pooled one is
// kept until the stream goes away); the commands sent on the connection after it wait for it.
// Dropped before its end: the query is cancelled on the server (outside a transaction block)
// and the rest of its rows dropped before the connection serves anything else.
class async_raw_stream {
 public:
  async_raw_stream() noexcept;
  async_raw_stream(async_raw_stream&&) noexcept;
  async_raw_stream& operator=(async_raw_stream&&) noexcept;
  async_raw_stream(const async_raw_stream&) = delete;
  async_raw_stream& operator=(const async_raw_stream&) = delete;
  ~async_raw_stream();

  // Moves to the next row: false at the end. The first row's shape is checked as for the other
  // calls (stale_metadata_error). Throws database_error, connection_error.
  [[nodiscard]] asio::awaitable<bool> next();
  [[nodiscard]] const result& rows() const noexcept { return current_; }
  [[nodiscard]] std::size_t row() const noexcept { return row_; }
  [[nodiscard]] asio::any_io_executor get_executor() const noexcept;
  // Keeps `owner` (a pooled connection) alive as long as the stream.
  void keep(std::shared_ptr<void> owner) noexcept { owner_ = std::move(owner); }

 private:
  friend class async_connection;
  std::shared_ptr<void> owner_;  // destroyed last: the stream is given up before
  std::shared_ptr<detail::async_connection_state> state_;
  std::shared_ptr<detail::request> request_;
  result current_;
  std::size_t row_ = 0;
  bool check_first_ = false;
  std::string_view text_;
  std::span<const sqlx::detail::column_info> columns_;
};

class async_connection {
 public:
  using executor_type = asio::any_io_executor;
  using clock = std::chrono::steady_clock;

  // Not connected: what a completion handler receives alongside an exception.
  async_connection() noexcept;
  async_connection(async_connection&&) noexcept;
  async_connection& operator=(async_connection&&) noexcept;
  async_connection(const async_connection&) = delete;
  async_connection& operator=(const async_connection&) = delete;
  // Closes the connection. Operations still in flight on it end with connection_error.
  ~async_connection();

  // Opens a connection (PQconnectStartParams/PQconnectPoll, the socket waited on by the event
  // loop), giving up at `deadline` (connection_error saying it timed out) or after the URL's
  // connect_timeout. Host name lookup is libpq's, blocking (hostaddr avoids it).
  [[nodiscard]] static asio::awaitable<async_connection> open(
      executor_type executor, std::string url, connection_options options = {},
      clock::time_point deadline = clock::time_point::max());

  // open() with a completion token: void(std::exception_ptr, async_connection).
  template <typename Token>
  static auto async_connect(executor_type executor, std::string url, Token&& token) {
    return detail::launch(executor, open(executor, std::move(url)), std::forward<Token>(token));
  }

  // Runs one SQL statement without parameters (text-format results): BEGIN, SET, a query
  // written by hand. Throws database_error, connection_error.
  template <typename Token>
  auto async_execute(std::string sql, Token&& token) {
    return detail::launch(get_executor(), run(std::move(sql)), std::forward<Token>(token));
  }

  // The coroutines the initiating functions above and the checked queries are built on.
  [[nodiscard]] asio::awaitable<result> run(std::string sql);
  // `sql` as a prepared statement (cached by its text, as the blocking connection does) with
  // binary results; `parameters` must stay valid until the operation completes (a statement is
  // sent again after a retry, or when its shared Sync segment failed: docs/async.md).
  [[nodiscard]] asio::awaitable<prepared_result> run_prepared(
      const std::string& sql, std::span<const parameter> parameters);
  // A checked query: run_prepared, and on the statement's first use the result-shape check
  // (stale_metadata_error).
  [[nodiscard]] asio::awaitable<result> run_checked(
      std::string_view text, std::span<const sqlx::detail::column_info> columns,
      std::span<const parameter> parameters);
  // Starts streaming a checked query's rows (the statement is prepared first when new).
  // `text` and `columns` must outlive the stream (a checked query's are static).
  [[nodiscard]] asio::awaitable<async_raw_stream> open_stream(
      std::string_view text, std::span<const sqlx::detail::column_info> columns,
      std::span<const parameter> parameters);
  // The OID of a type named as `.sqlx-cpp/` spells it; 0 when unknown. Cached.
  [[nodiscard]] asio::awaitable<oid> type_oid(std::string pg_type);
  // Whether the server answers an empty statement; false also when the connection is unusable.
  [[nodiscard]] asio::awaitable<bool> ping();
  // Sends `commands` (each one statement without parameters) in one Sync segment whose results
  // nothing waits for: the next operation on the connection reads past them. What a dropped
  // transaction's ROLLBACK uses, from a destructor. Marks the connection broken if libpq cannot
  // queue them.
  void send_and_forget(std::span<const std::string> commands) noexcept;
  // Drops `sql` from the statement cache; its DEALLOCATE goes with a later command.
  void forget_statement(const std::string& sql) noexcept;

  // Open, and not left in an unknown state by a cancelled operation. A pool drops a connection
  // that is not.
  [[nodiscard]] bool is_usable() const noexcept;
  // Commands sent whose results have not all been read (pipelined or abandoned ones).
  [[nodiscard]] std::size_t in_flight() const noexcept;
  // The transaction status as of the last result read (PQtransactionStatus).
  [[nodiscard]] PGTransactionStatusType transaction_status() const noexcept;
  [[nodiscard]] PGconn* native_handle() const noexcept;
  [[nodiscard]] executor_type get_executor() const noexcept;

 private:
  explicit async_connection(std::shared_ptr<detail::async_connection_state> state) noexcept;
  // Shared with the operations in flight, so that the state outlives them.
  std::shared_ptr<detail::async_connection_state> state_;
};

}  // namespace sqlx::pg
