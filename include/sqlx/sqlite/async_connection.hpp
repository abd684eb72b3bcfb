// A SQLite connection driven from an Asio event loop (docs/async.md, "SQLite"): as sqlx does,
// the connection lives on a worker thread of its own, which runs the operations one at a time,
// in the order they were started; the event loop never blocks on SQLite, and each operation
// completes on its caller's (associated) executor. Same statements, codecs, row readers and
// errors as the blocking sqlx::sqlite::connection, which is what the worker runs.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "sqlx/pg/async_common.hpp"
#include "sqlx/sqlite/connect_options.hpp"
#include "sqlx/sqlite/connection.hpp"

namespace sqlx::sqlite {

namespace detail {
struct async_worker;
}  // namespace detail

// What an operation runs on the worker thread, with the worker's connection. Not owned: the
// operation that runs it waits for its end, also when cancelled.
using connection_work = std::function<void(connection&)>;

// A statement kept on a connection's worker between operations: what an async stream of rows
// steps (sqlite/async_query.hpp). Its statement is only touched on the worker; dropped, it is
// released there (behind what is queued), or here once the worker has ended. Keeps the worker
// (and its connection) until then.
class async_statement_slot {
 public:
  using step_work = std::function<void(connection&, std::optional<statement>&)>;

  async_statement_slot() noexcept;
  async_statement_slot(async_statement_slot&&) noexcept;
  async_statement_slot& operator=(async_statement_slot&&) noexcept;
  async_statement_slot(const async_statement_slot&) = delete;
  async_statement_slot& operator=(const async_statement_slot&) = delete;
  ~async_statement_slot();

  // Runs `step` on the worker with the connection and the kept statement (empty at first);
  // cancellable as async_connection::run. `step` must outlive the operation.
  [[nodiscard]] asio::awaitable<void> run(const step_work& step);
  // Keeps `owner` (what the statement's bound values live in, a pooled connection) until the
  // statement is released.
  void keep(std::shared_ptr<void> owner);
  [[nodiscard]] asio::any_io_executor get_executor() const noexcept;

 private:
  friend class async_connection;
  struct state;
  std::shared_ptr<detail::async_worker> worker_;
  std::shared_ptr<state> state_;
};

class async_connection {
 public:
  using executor_type = asio::any_io_executor;
  // An executor of SQLite's checked queries' async_ calls (sqlite/async_query.hpp).
  using sqlite_async_executor_tag = void;

  // Not connected: what a completion handler receives alongside an exception.
  async_connection() noexcept;
  async_connection(async_connection&&) noexcept;
  async_connection& operator=(async_connection&&) noexcept;
  async_connection(const async_connection&) = delete;
  async_connection& operator=(const async_connection&) = delete;
  // Closes the connection on its worker: operations still queued end with sqlx::error, the one
  // running is interrupted (sqlite3_interrupt); waits for the worker thread to end (at most
  // that interrupted statement, or a busy wait, which SQLite cannot interrupt).
  ~async_connection();

  // Opens the database on a new worker thread (connection::connect there: the file is opened
  // and the PRAGMAs run off the event loop). Throws connection_error as connect() does.
  [[nodiscard]] static asio::awaitable<async_connection> open(executor_type executor,
                                                              connect_options options);
  [[nodiscard]] static asio::awaitable<async_connection> open(executor_type executor,
                                                              std::string url);
  // open() with a completion token: void(std::exception_ptr, async_connection).
  template <typename Token>
  static auto async_connect(executor_type executor, std::string url, Token&& token) {
    return pg::detail::launch(executor, open(executor, std::move(url)), std::forward<Token>(token));
  }

  // Runs SQL text (any number of statements, no parameters, rows dropped): BEGIN, PRAGMA,
  // CREATE TABLE. void(std::exception_ptr). Throws database_error.
  template <typename Token>
  auto async_execute(std::string sql, Token&& token) {
    return pg::detail::launch(get_executor(), execute(std::move(sql)), std::forward<Token>(token));
  }
  [[nodiscard]] asio::awaitable<void> execute(std::string sql);

  // Runs `work` on the worker with its connection: what the checked queries and the
  // initiating functions above are built on. `work` must stay valid until the operation
  // completes. Cancelled through the awaiting coroutine's cancellation slot: a queued `work`
  // never runs; a running one is interrupted (sqlite3_interrupt, and a progress handler for
  // the statements it starts after); either way the caller gets asio::error::operation_aborted
  // once `work` is no longer running, and the connection stays usable (an interrupted write
  // inside a transaction may have rolled that transaction back: SQLite's rule).
  [[nodiscard]] asio::awaitable<void> run(const connection_work& work);

  // A statement slot on this connection (a stream's), usable while the connection is open.
  [[nodiscard]] async_statement_slot statement_slot() const;

  // Queues `sql` (errors ignored) behind what is queued, and returns at once: what a dropped
  // transaction's ROLLBACK uses, from a destructor. Later operations run after it.
  void execute_and_forget(std::string sql) noexcept;

  // Open, and its worker still running.
  [[nodiscard]] bool is_usable() const noexcept;
  // Whether a transaction was open when the worker finished its last operation.
  [[nodiscard]] bool in_transaction() const noexcept;
  // Operations queued or running on the worker.
  [[nodiscard]] std::size_t in_flight() const noexcept;
  // Whether a command queued by execute_and_forget has not been confirmed by a later
  // operation: a pool settles such a connection before lending it.
  [[nodiscard]] bool needs_settling() const noexcept;
  [[nodiscard]] executor_type get_executor() const noexcept;

 private:
  explicit async_connection(std::shared_ptr<detail::async_worker> worker) noexcept;
  // Shared with the operations in flight and their cancellation handlers.
  std::shared_ptr<detail::async_worker> worker_;
};

}  // namespace sqlx::sqlite
