// Running checked queries (SQLX_QUERY, SQLX_QUERY_AS, SQLX_QUERY_SCALAR) whose metadata says
// SQLite: the generated header includes this file when it has SQLite queries. The checks are
// the shared ones (detail/checks.hpp) with SQLite's type rule; the query object mirrors the
// PostgreSQL one in query.hpp: its terminal calls depend on the executor and the row type, not
// on the query.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "sqlx/query.hpp"
#include "sqlx/sqlite/connection.hpp"

namespace sqlx::detail {

template <typename T>
struct sqlite_type_check {
  static constexpr bool accepts(std::string_view type) noexcept {
    return ::sqlx::sqlite::accepts_sqlite_type<T>(type);
  }
  static constexpr bool readable =
      ::sqlx::sqlite::readable<std::remove_cvref_t<::sqlx::pg::strip_optional_t<T>>>;
};

// The statement of a checked query on `conn`, its columns compared with `.sqlx-cpp/` the first
// time it is prepared on the connection (stale_metadata_error, and it leaves the cache).
// src/runtime/sqlite/checked_query.cpp.
[[nodiscard]] sqlite::statement sqlite_prepare_checked(sqlite::connection& conn,
                                                       statement_info statement);
// After the first step: SQLite prepares a statement again when the schema changed; its
// columns are then compared again.
void sqlite_check_again(sqlite::statement& stmt, statement_info statement);

template <typename T>
using sqlite_row_read_function = T (*)(const sqlite::statement&);

// Binds a query's arguments: one function per argument list, shared by the queries with the
// same argument types.
struct sqlite_arguments {
  const void* values;
  void (*bind)(sqlite::statement&, const void* values);
};

template <typename Tuple>
void sqlite_bind_tuple(sqlite::statement& stmt, const void* values) {
  std::apply([&](const auto&... args) { stmt.bind_all(args...); },
             *static_cast<const Tuple*>(values));
}

template <typename Row, auto Columns>
struct sqlite_struct_row_reader {
  static Row read(const sqlite::statement& stmt) {
    return [&]<std::size_t... F>(std::index_sequence<F...>) {
      return Row{stmt.get<field_type<Row, F>>(Columns[F])...};
    }
    (std::make_index_sequence<field_count<Row>()>{});
  }
};

// A struct with embedded structs (detail/nested_fields.hpp): an embedded std::optional is
// empty when its key column is NULL. (SQLite has no whole-row values: every leaf is a column.)
struct sqlite_row_source {
  const sqlite::statement& stmt;

  template <typename T>
  [[nodiscard]] T value(leaf_source from) const {
    return stmt.get<T>(from.column);
  }
  [[nodiscard]] bool null(int column) const { return stmt.is_null(column); }
};

template <typename Row, auto Sources>
struct sqlite_nested_row_reader {
  static Row read(const sqlite::statement& stmt) {
    return build_nested<Sources, Row, 0>(sqlite_row_source{stmt});
  }
};

template <typename Row, typename ColumnTypes>
struct sqlite_anonymous_row_reader {
  static Row read(const sqlite::statement& stmt) {
    return [&]<std::size_t... C>(std::index_sequence<C...>) {
      return Row{stmt.get<std::tuple_element_t<C, ColumnTypes>>(static_cast<int>(C))...};
    }
    (std::make_index_sequence<std::tuple_size_v<ColumnTypes>>{});
  }
};

template <typename T>
struct sqlite_scalar_reader {
  static T read(const sqlite::statement& stmt) { return stmt.get<T>(0); }
};

// SQLite's readers, for row_reader_of (detail/row_reader_of.hpp).
using sqlite_readers =
    reader_set<sqlite_row_read_function, sqlite_struct_row_reader, sqlite_nested_row_reader,
               sqlite_anonymous_row_reader, sqlite_scalar_reader>;

template <typename Meta, query_kind Kind, typename Row>
using sqlite_row_reader = row_reader_of<Meta, Kind, Row, sqlite_readers>;

// The terminal calls: per executor and row type, not per query.
template <typename E>
[[gnu::noinline]] execute_result sqlite_execute(E& e, statement_info statement,
                                                sqlite_arguments arguments) {
  return e.with_connection([&](sqlite::connection& conn) {
    auto stmt = sqlite_prepare_checked(conn, statement);
    arguments.bind(stmt, arguments.values);
    return execute_result(stmt.execute());
  });
}

// Steps to the first row (true) or the end (false), checking the shape again if SQLite had to
// prepare the statement again.
inline bool sqlite_first_step(sqlite::statement& stmt, statement_info statement) {
  const bool row = stmt.step();
  if (stmt.first_use()) [[unlikely]] {
    sqlite_check_again(stmt, statement);
  }
  return row;
}

template <typename T, typename E>
[[gnu::noinline]] std::optional<T> sqlite_fetch_optional(E& e, statement_info statement,
                                                         sqlite_arguments arguments,
                                                         sqlite_row_read_function<T> read) {
  return e.with_connection([&](sqlite::connection& conn) -> std::optional<T> {
    auto stmt = sqlite_prepare_checked(conn, statement);
    arguments.bind(stmt, arguments.values);
    if (!sqlite_first_step(stmt, statement)) return std::nullopt;
    return read(stmt);
  });
}

template <typename T, typename E>
[[gnu::noinline]] T sqlite_fetch_one(E& e, statement_info statement, sqlite_arguments arguments,
                                     sqlite_row_read_function<T> read) {
  return e.with_connection([&](sqlite::connection& conn) -> T {
    auto stmt = sqlite_prepare_checked(conn, statement);
    arguments.bind(stmt, arguments.values);
    if (!sqlite_first_step(stmt, statement)) throw_no_row(statement.text);
    return read(stmt);
  });
}

template <typename T, typename E>
[[gnu::noinline]] std::vector<T> sqlite_fetch_all(E& e, statement_info statement,
                                                  sqlite_arguments arguments,
                                                  sqlite_row_read_function<T> read) {
  return e.with_connection([&](sqlite::connection& conn) {
    auto stmt = sqlite_prepare_checked(conn, statement);
    arguments.bind(stmt, arguments.values);
    std::vector<T> rows;
    if (!sqlite_first_step(stmt, statement)) return rows;
    do {
      rows.push_back(read(stmt));
    } while (stmt.step());
    return rows;
  });
}

// Streaming: SQLite steps one row at a time anyway, so nothing is held but the current row.
template <typename T, typename E>
[[gnu::noinline]] void sqlite_fetch_rows(E& e, statement_info statement, sqlite_arguments arguments,
                                         sqlite_row_read_function<T> read, row_sink<T> on_row) {
  e.with_connection([&](sqlite::connection& conn) {
    auto stmt = sqlite_prepare_checked(conn, statement);
    arguments.bind(stmt, arguments.values);
    if (!sqlite_first_step(stmt, statement)) return 0;
    do {
      on_row.call(on_row.target, read(stmt));
    } while (stmt.step());
    return 0;
  });
}

// The async_ calls run on a SQLite async connection, pool or transaction (<sqlx/asio.hpp>,
// sqlite/async_query.hpp); a PostgreSQL one is a compile error naming both databases.
template <typename E>
consteval bool check_sqlite_async_executor() {
  constexpr bool sqlite_async = requires {
    typename E::sqlite_async_executor_tag;
  };
  static_assert(sqlite_async || !async_executor<E>,
                "sqlx-cpp: this query was prepared for SQLite (its .sqlx-cpp/ metadata says so): "
                "it cannot run on a PostgreSQL async connection, pool or transaction");
  static_assert(sqlite_async || async_executor<E>,
                "sqlx-cpp: an async_ call runs on an async connection, pool or transaction "
                "(<sqlx/asio.hpp>)");
  return true;
}
template <typename E>
concept sqlite_async_executor_for = check_sqlite_async_executor<E>();

// A checked SQLite query ready to run: its statement, how to read its rows, its arguments
// (copies: the query can run more than once and never refers to the caller's temporaries).
template <typename Row, typename... Args>
class sqlite_query {
 public:
  using row_type = Row;

  template <typename... Given>
  sqlite_query(statement_info statement, sqlite_row_read_function<Row> read, const Given&... args)
      : statement_(statement), read_(read), arguments_(args...) {}

  template <executor_for<database::sqlite> E>
  execute_result execute(E& e) const {
    return sqlite_execute(e, statement_, arguments());
  }

  // The only row; throws row_not_found when there is none.
  template <executor_for<database::sqlite> E>
  row_type fetch_one(E& e) const {
    return sqlite_fetch_one<row_type>(e, statement_, arguments(), read_);
  }

  // The first row, if any.
  template <executor_for<database::sqlite> E>
  std::optional<row_type> fetch_optional(E& e) const {
    return sqlite_fetch_optional<row_type>(e, statement_, arguments(), read_);
  }

  template <executor_for<database::sqlite> E>
  std::vector<row_type> fetch_all(E& e) const {
    return sqlite_fetch_all<row_type>(e, statement_, arguments(), read_);
  }

  // Streams the rows to `on_row` one at a time.
  template <executor_for<database::sqlite> E, typename F>
  requires std::invocable<F&, row_type&&>
  void fetch(E& e, F on_row) const {
    const row_sink<row_type> sink{
        &on_row, [](void* f, row_type&& row) { (*static_cast<F*>(f))(std::move(row)); }};
    sqlite_fetch_rows<row_type>(e, statement_, arguments(), read_, sink);
  }
  SQLX_DETAIL_WRONG_DATABASE_TERMINALS(row_type, sqlite, ::sqlx::executor)

  // The async twins (docs/async.md, "SQLite"), with an Asio completion token: the statement
  // runs on the connection's worker thread. The arguments are copied into the operation (a
  // std::string_view or pointer argument must outlive it).
  template <sqlite_async_executor_for E, typename Token>
  auto async_execute(E& e, Token&& token) const {
    return async_runner<E>::execute(e, statement_, arguments_, static_cast<Token&&>(token));
  }
  template <sqlite_async_executor_for E, typename Token>
  auto async_fetch_one(E& e, Token&& token) const {
    return async_runner<E>::fetch_one(e, statement_, arguments_, read_,
                                      static_cast<Token&&>(token));
  }
  template <sqlite_async_executor_for E, typename Token>
  auto async_fetch_optional(E& e, Token&& token) const {
    return async_runner<E>::fetch_optional(e, statement_, arguments_, read_,
                                           static_cast<Token&&>(token));
  }
  template <sqlite_async_executor_for E, typename Token>
  auto async_fetch_all(E& e, Token&& token) const {
    return async_runner<E>::fetch_all(e, statement_, arguments_, read_,
                                      static_cast<Token&&>(token));
  }
  // A stream of rows: `co_await stream.async_next(token)` yields each row, then nullopt.
  template <sqlite_async_executor_for E, typename Token>
  auto async_fetch(E& e, Token&& token) const {
    return async_runner<E>::fetch(e, statement_, arguments_, read_, static_cast<Token&&>(token));
  }

 private:
  using values = std::tuple<Args...>;
  [[nodiscard]] sqlite_arguments arguments() const {
    return {&arguments_, &sqlite_bind_tuple<values>};
  }

  statement_info statement_;
  sqlite_row_read_function<Row> read_;
  values arguments_;
};

// What a query keeps of an argument: a copy; a character array as a pointer to it (a literal's
// storage is static).
template <typename T>
using sqlite_stored_argument =
    std::conditional_t<std::is_array_v<T>, const std::remove_extent_t<T>*, T>;

template <typename Meta, query_kind Kind, typename Row>
struct sqlite_binder {
  using row_type = typename sqlite_row_reader<Meta, Kind, Row>::type;  // also a failed query's

  template <typename... Args>
  static auto bind(const Args&... args) {
    using reader = sqlite_row_reader<Meta, Kind, Row>;
    const std::span<const column_info> columns(Meta::columns.data(), Meta::columns.size());
    return sqlite_query<typename reader::type, sqlite_stored_argument<Args>...>(
        {Meta::text, columns}, reader::read, args...);
  }
};

}  // namespace sqlx::detail
