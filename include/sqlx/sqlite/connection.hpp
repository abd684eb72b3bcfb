// A connection to a SQLite database over the sqlite3 C API: the executor the checked queries
// run on. Not thread-safe (SQLite's multi-thread mode): one thread at a time uses it; the pool
// lends connections to threads.
#pragma once

#include <sqlite3.h>

#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "sqlx/sqlite/connect_options.hpp"
#include "sqlx/sqlite/error.hpp"
#include "sqlx/sqlite/statement.hpp"
#include "sqlx/sqlite/types.hpp"

namespace sqlx::sqlite {

class connection {
 public:
  // From a URL (connect_options::parse) or options. Throws connection_error naming the file and
  // why it could not be opened (missing directory, missing file without mode=rwc, read-only,
  // not a database, corrupt).
  [[nodiscard]] static connection connect(std::string_view url);
  [[nodiscard]] static connection connect(const connect_options& options);

  connection(connection&& other) noexcept : impl_(std::exchange(other.impl_, nullptr)) {}
  connection& operator=(connection&& other) noexcept;
  connection(const connection&) = delete;
  connection& operator=(const connection&) = delete;
  ~connection();

  // Runs SQL text: any number of statements, no parameters, rows dropped.
  void execute(std::string_view sql);

  // Runs one statement with bind arguments; the number of rows it changed.
  template <typename... Args>
  requires(sizeof...(Args) > 0) std::uint64_t execute(std::string_view sql, const Args&... args) {
    auto stmt = prepare(sql);
    stmt.bind_all(args...);
    return stmt.execute();
  }

  // The prepared statement for `sql` (one statement), from the cache or prepared now.
  // Throws database_error with the position of a syntax error.
  [[nodiscard]] statement prepare(std::string_view sql);
  // The same for a text whose characters stay at their address while the connection lives (a
  // string literal, a checked query's text): found again by its address, without hashing it.
  [[nodiscard]] statement prepare_static(std::string_view sql);

  [[nodiscard]] std::int64_t last_insert_rowid() const noexcept;
  // Rows changed by the last INSERT, UPDATE or DELETE.
  [[nodiscard]] std::uint64_t changes() const noexcept;
  // Whether a transaction is open (BEGIN ran, no COMMIT/ROLLBACK yet).
  [[nodiscard]] bool in_transaction() const noexcept;
  // The database file's absolute path ("" for an in-memory database).
  [[nodiscard]] const std::string& filename() const noexcept;
  [[nodiscard]] const connect_options& options() const noexcept;
  [[nodiscard]] std::size_t cached_statements() const noexcept;
  [[nodiscard]] bool is_open() const noexcept { return impl_ != nullptr; }
  [[nodiscard]] sqlite3* native_handle() const noexcept;

  // The executor seam: runs `f` with this connection (the pool lends one instead).
  using sqlite_executor_tag = void;
  template <typename F>
  requires std::invocable<F&&, connection&>
  decltype(auto) with_connection(F&& f) { return std::forward<F>(f)(*this); }

 private:
  explicit connection(detail::connection_impl* owned) noexcept : impl_(owned) {}
  detail::connection_impl* impl_ = nullptr;  // owned (no <memory> in public headers)
};

}  // namespace sqlx::sqlite
