// A prepared statement lent by a connection's statement cache: bind, step, read. Reset and
// its bindings cleared when the handle goes away, so the next user of the cached statement
// starts clean.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>

#include "sqlx/error.hpp"
#include "sqlx/sqlite/type_traits.hpp"

namespace sqlx::sqlite {
namespace detail {
struct connection_impl;
struct cached_statement;

[[noreturn]] void throw_step_error(connection_impl* conn, sqlite3_stmt* stmt, int rc);
[[noreturn]] void throw_bind_error(connection_impl* conn, sqlite3_stmt* stmt, int rc, int index);
[[noreturn]] void throw_null_value(sqlite3_stmt* stmt, int column, std::string_view cpp_type);
}  // namespace detail

class statement {
 public:
  statement(detail::connection_impl* conn, sqlite3_stmt* stmt,
            detail::cached_statement* cached) noexcept
      : conn_(conn), stmt_(stmt), cached_(cached) {}
  statement(statement&& other) noexcept
      : conn_(other.conn_),
        stmt_(std::exchange(other.stmt_, nullptr)),
        cached_(other.cached_),
        started_(other.started_) {}
  statement& operator=(statement&&) = delete;
  statement(const statement&) = delete;
  statement& operator=(const statement&) = delete;
  ~statement() { release(); }

  // Binds parameter `index` (1-based, as SQLite counts; `?NNN` is index NNN). std::nullopt or
  // an empty std::optional binds NULL. Text and blobs are not copied: the value must stay
  // alive until the statement has been stepped to its end (or this handle is gone).
  template <typename T>
  statement& bind(int index, const T& value) {
    int rc;
    if constexpr (std::is_same_v<T, std::nullopt_t>) {
      rc = sqlite3_bind_null(stmt_, index);
    } else if constexpr (pg::detail::is_optional<T>) {
      if (!value) return bind(index, std::nullopt);
      return bind(index, *value);
    } else {
      rc = type_traits<T>::bind(stmt_, index, value);
    }
    if (rc != SQLITE_OK) detail::throw_bind_error(conn_, stmt_, rc, index);
    return *this;
  }

  // Binds the arguments to parameters 1, 2, ...
  template <typename... Args>
  statement& bind_all(const Args&... args) {
    int index = 0;
    (bind(++index, args), ...);
    return *this;
  }

  // The next row: true when one is there to read, false at the end. Throws database_error.
  bool step() {
    started_ = true;
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    detail::throw_step_error(conn_, stmt_, rc);
  }

  // Steps to the end (rows are dropped); the number of rows the statement inserted, updated or
  // deleted.
  std::uint64_t execute();

  // Column `column` (0-based) of the current row. std::optional<T> reads NULL as nullopt; a
  // NULL into anything else throws decode_error naming the column.
  template <typename T>
  [[nodiscard]] T get(int column) const {
    if constexpr (pg::detail::is_optional<T>) {
      using value_type = typename T::value_type;
      if constexpr (requires(value_type & v) { type_traits<value_type>::try_read(stmt_, 0, v); }) {
        T out(std::in_place);
        if (!type_traits<value_type>::try_read(stmt_, column, *out)) out.reset();
        return out;
      } else {
        if (sqlite3_column_type(stmt_, column) == SQLITE_NULL) return std::nullopt;
        return T(std::in_place, type_traits<value_type>::read(stmt_, column));
      }
    } else if constexpr (requires(T & v) { type_traits<T>::try_read(stmt_, 0, v); }) {
      // Codecs that tell NULL from the value they read (a 0, a null text pointer) spare the
      // extra sqlite3_column_type call per value.
      T out{};
      if (!type_traits<T>::try_read(stmt_, column, out)) [[unlikely]] {
        detail::throw_null_value(stmt_, column, pg::cpp_type_name<T>);
      }
      return out;
    } else {
      if (sqlite3_column_type(stmt_, column) == SQLITE_NULL) [[unlikely]] {
        detail::throw_null_value(stmt_, column, pg::cpp_type_name<T>);
      }
      return type_traits<T>::read(stmt_, column);
    }
  }

  [[nodiscard]] bool is_null(int column) const noexcept {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
  }
  [[nodiscard]] int column_count() const noexcept { return sqlite3_column_count(stmt_); }
  [[nodiscard]] std::string_view column_name(int column) const noexcept;
  // The declared type of a result column that is a table's column ("INTEGER", "TEXT", ...
  // as written in CREATE TABLE), empty for an expression.
  [[nodiscard]] std::string_view column_decltype(int column) const noexcept;
  [[nodiscard]] int parameter_count() const noexcept { return sqlite3_bind_parameter_count(stmt_); }
  [[nodiscard]] std::string_view sql() const noexcept;

  // True until mark_verified(): the first run of this text on this connection, or the first
  // after SQLite re-prepared it (the schema changed). The checked queries compare the result's
  // columns with `.sqlx-cpp/` then.
  [[nodiscard]] bool first_use() const noexcept;
  void mark_verified() noexcept;
  // Drops the statement from the cache when this handle goes away (its shape was wrong).
  void forget() noexcept;

  [[nodiscard]] sqlite3_stmt* native_handle() const noexcept { return stmt_; }

 private:
  void release() noexcept;
  friend class connection;

  detail::connection_impl* conn_;
  sqlite3_stmt* stmt_;
  detail::cached_statement* cached_;  // nullptr: not cached, finalized on release
  bool started_ = false;
};

}  // namespace sqlx::sqlite
