// A checked query with its bind arguments, and the calls that run it on an executor. How its
// rows are read: detail/pg_row_readers.hpp; dynamic queries: detail/dynamic_query.hpp.
#pragma once

#include <array>
#include <concepts>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "sqlx/detail/checks.hpp"
#include "sqlx/detail/dynamic_metadata.hpp"
#include "sqlx/detail/pg_row_readers.hpp"
#include "sqlx/detail/wrong_database.hpp"
#include "sqlx/error.hpp"
#include "sqlx/fields.hpp"
#include "sqlx/pg/connection.hpp"
#include "sqlx/pg/types.hpp"

namespace sqlx {

namespace sqlite {
class connection;

// A SQLite connection, pool or transaction (sqlx/sqlite/checked_query.hpp runs the queries):
// they say so with a member `sqlite_executor_tag`. (Asking whether with_connection takes a
// sqlite::connection callback would instantiate a PostgreSQL executor's unconstrained one.)
template <typename E>
concept executor = requires {
  typename E::sqlite_executor_tag;
};
}  // namespace sqlite

// Anything a checked query can run on: a connection, a pool, a transaction. It lends a
// connection for the duration of a call.
template <typename E>
concept executor = requires(E& e) {
  e.with_connection([](pg::connection&) { return 0; });
};

namespace detail {

// A query runs on an executor of its own database: the other database's is a compile error
// that says so (a query's metadata names its database).
template <database DB, typename E>
consteval bool check_executor() {
  constexpr bool other_database = DB == database::postgres ? sqlite::executor<E> : executor<E>;
  if constexpr (other_database && query_check_reports_wrong_database) {
    return false;  // query-check reports it at the call (sqlx/detail/wrong_database.hpp)
  } else if constexpr (DB == database::postgres) {
    static_assert(!sqlite::executor<E>,
                  "sqlx-cpp: this query was prepared for PostgreSQL (its .sqlx-cpp/ metadata "
                  "says so): it cannot run on a SQLite connection, pool or transaction");
    static_assert(sqlite::executor<E> || executor<E>,
                  "sqlx-cpp: a query runs on a connection, a pool or a transaction");
  } else {
    static_assert(!executor<E>,
                  "sqlx-cpp: this query was prepared for SQLite (its .sqlx-cpp/ metadata says "
                  "so): it cannot run on a PostgreSQL connection, pool or transaction");
    static_assert(executor<E> || sqlite::executor<E>,
                  "sqlx-cpp: a query runs on a connection, a pool or a transaction");
  }
  return true;
}

// E runs queries of database DB; the other database's executor fails with check_executor's
// message.
template <typename E, database DB>
concept executor_for = check_executor<DB, E>();

// Where a SQLite query is bound: defined in sqlx/sqlite/checked_query.hpp, which the generated
// header includes when it has SQLite queries.
template <typename Meta, query_kind Kind, typename Row>
struct sqlite_binder;

}  // namespace detail

// What `execute` returns.
class execute_result {
 public:
  // 0 rows: what an async completion handler receives alongside an exception.
  execute_result() noexcept = default;
  explicit execute_result(std::uint64_t rows) noexcept : rows_affected_(rows) {}
  [[nodiscard]] std::uint64_t rows_affected() const noexcept { return rows_affected_; }

 private:
  std::uint64_t rows_affected_ = 0;
};

// The async seam: <sqlx/asio.hpp> specializes async_runner for its executors (the async
// connection, pool and transaction), and the queries' async_ calls then take them. This header
// names no Asio, so the core keeps no Asio dependency.
template <typename E>
struct async_runner {
  static constexpr bool enabled = false;
};
template <typename E>
concept async_executor = async_runner<E>::enabled;

namespace detail {

// The parts of running a checked query that do not depend on which query it is are plain
// functions compiled into the library (src/runtime/checked_query.cpp), not templates over
// the query's metadata: nothing of them is parsed or compiled again in each translation unit.

// Runs a checked query's statement. The first time the statement runs on the connection, its
// result's columns are compared with what `.sqlx-cpp/` recorded (stale metadata must never be
// decoded): stale_metadata_error, and the statement leaves the cache.
[[nodiscard]] pg::result run_checked(pg::connection& conn, std::string_view text,
                                     std::span<const column_info> columns,
                                     std::span<const pg::parameter> parameters);

// Starts streaming a checked query's rows; check_first_result checks the first row's shape.
void start_checked_stream(pg::connection& conn, std::string_view text,
                          std::span<const column_info> columns,
                          std::span<const pg::parameter> parameters);
void check_first_result(pg::connection& conn, const pg::result& result, std::string_view text,
                        std::span<const column_info> columns);

[[noreturn]] void throw_no_row(std::string_view text);

// Bind arguments encoded once, when the query is built: the query owns them, so it can be
// run more than once and never refers to the caller's temporaries.
template <std::size_t N>
class encoded_arguments {
 public:
  // Out of line: queries with the same argument types share one copy, and the code of each
  // query stays a few calls (compile time).
  template <typename... Args>
  [[gnu::noinline]] explicit encoded_arguments(const Args&... args) {
    std::size_t i = 0;
    (add(i++, args), ...);
  }

  [[nodiscard]] std::array<pg::parameter, N> parameters() const {
    std::array<pg::parameter, N> out{};
    for (std::size_t i = 0; i < N; ++i) {
      if (!null_[i]) out[i] = {buffer_.data() + offsets_[i], lengths_[i], formats_[i]};
    }
    return out;
  }

 private:
  template <typename T>
  void add(std::size_t i, const T& value) {
    if constexpr (std::is_same_v<T, std::nullopt_t>) {
      null_[i] = true;
    } else if constexpr (is_optional<T>) {
      if (value) {
        add(i, *value);
      } else {
        null_[i] = true;
      }
    } else {
      using traits = pg::type_traits<std::remove_cvref_t<T>>;
      offsets_[i] = buffer_.size();
      traits::encode(value, buffer_);
      lengths_[i] = static_cast<int>(buffer_.size() - offsets_[i]);
      formats_[i] = pg::uses_binary_encoding<std::remove_cvref_t<T>>() ? 1 : 0;
    }
  }

  std::string buffer_;
  std::array<std::size_t, N> offsets_{};
  std::array<int, N> lengths_{};
  std::array<int, N> formats_{};
  std::array<bool, N> null_{};
};

// What running a checked query needs to know about it at run time.
struct statement_info {
  std::string_view text;
  std::span<const column_info> columns;  // as `.sqlx-cpp/` recorded them
};

// The terminal calls. They depend on the executor and the row type, not on the query: the
// queries that return the same struct or scalar share them, and a query's own code is little
// more than its row decoding, which keeps the compile time of a checked query low.
template <typename E>
[[gnu::noinline]] execute_result execute_statement(E& e, statement_info statement,
                                                   std::span<const pg::parameter> parameters) {
  return e.with_connection([&](pg::connection& conn) {
    const auto result = run_checked(conn, statement.text, statement.columns, parameters);
    return execute_result(result.rows_affected());
  });
}

template <typename T, typename E>
[[gnu::noinline]] T fetch_one_row(E& e, statement_info statement,
                                  std::span<const pg::parameter> parameters,
                                  row_read_function<T> read) {
  return e.with_connection([&](pg::connection& conn) -> T {
    const auto result = run_checked(conn, statement.text, statement.columns, parameters);
    if (result.rows() == 0) throw_no_row(statement.text);
    return read(result, 0, statement.columns);
  });
}

template <typename T, typename E>
[[gnu::noinline]] std::optional<T> fetch_optional_row(E& e, statement_info statement,
                                                      std::span<const pg::parameter> parameters,
                                                      row_read_function<T> read) {
  return e.with_connection([&](pg::connection& conn) -> std::optional<T> {
    const auto result = run_checked(conn, statement.text, statement.columns, parameters);
    if (result.rows() == 0) return std::nullopt;
    return read(result, 0, statement.columns);
  });
}

template <typename T, typename E>
[[gnu::noinline]] std::vector<T> fetch_all_rows(E& e, statement_info statement,
                                                std::span<const pg::parameter> parameters,
                                                row_read_function<T> read) {
  return e.with_connection([&](pg::connection& conn) {
    const auto result = run_checked(conn, statement.text, statement.columns, parameters);
    const std::size_t count = result.rows();
    std::vector<T> rows;
    rows.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
      if constexpr (std::is_aggregate_v<T>) {
        rows.emplace_back(row_from_result<T>{read, &result, i, statement.columns});
      } else {
        rows.push_back(read(result, i, statement.columns));
      }
    }
    return rows;
  });
}

// The caller's row callback, called through a function pointer: the streaming loop is then
// shared by the queries with the same row type and executor instead of compiled again for each
// call site's lambda (compile time; one indirect call per row is nothing next to libpq's).
template <typename T>
struct row_sink {
  void* target;
  void (*call)(void* target, T&& row);
};

template <typename T, typename E>
[[gnu::noinline]] void fetch_rows(E& e, statement_info statement,
                                  std::span<const pg::parameter> parameters,
                                  row_read_function<T> read, row_sink<T> on_row) {
  e.with_connection([&](pg::connection& conn) {
    start_checked_stream(conn, statement.text, statement.columns, parameters);
    try {
      bool first = true;
      while (auto row = conn.next_row()) {
        if (first && row->first_use) {
          check_first_result(conn, row->rows, statement.text, statement.columns);
        }
        first = false;
        on_row.call(on_row.target, read(row->rows, 0, statement.columns));
      }
    } catch (...) {
      conn.finish_stream();
      throw;
    }
    return 0;
  });
}

// A checked query ready to run: its statement, how to read its rows, its encoded arguments (a
// dynamic query's: those its chosen combination binds, detail/dynamic_query.hpp). It depends
// on the row type and the argument count only, not on the query: queries that return the same
// struct, scalar or row shape share its code (compile time).
template <typename Row, std::size_t N, typename Arguments = encoded_arguments<N>>
class query {
 public:
  using row_type = Row;

  template <typename... Args>
  query(statement_info statement, row_read_function<Row> read, const Args&... args)
      : statement_(statement), read_(read), arguments_(args...) {}

  template <executor_for<database::postgres> E>
  execute_result execute(E& e) const {
    return execute_statement(e, statement_, arguments_.parameters());
  }

  // The only row; throws row_not_found when there is none.
  template <executor_for<database::postgres> E>
  row_type fetch_one(E& e) const {
    return fetch_one_row<row_type>(e, statement_, arguments_.parameters(), read_);
  }

  // The first row, if any.
  template <executor_for<database::postgres> E>
  std::optional<row_type> fetch_optional(E& e) const {
    return fetch_optional_row<row_type>(e, statement_, arguments_.parameters(), read_);
  }

  template <executor_for<database::postgres> E>
  std::vector<row_type> fetch_all(E& e) const {
    return fetch_all_rows<row_type>(e, statement_, arguments_.parameters(), read_);
  }

  // Streams the rows to `on_row` one at a time, never holding the whole result in memory.
  template <executor_for<database::postgres> E, typename F>
  requires std::invocable<F&, row_type&&>
  void fetch(E& e, F on_row) const {
    const row_sink<row_type> sink{
        &on_row, [](void* f, row_type&& row) { (*static_cast<F*>(f))(std::move(row)); }};
    fetch_rows<row_type>(e, statement_, arguments_.parameters(), read_, sink);
  }
  SQLX_DETAIL_WRONG_DATABASE_TERMINALS(row_type, postgres, ::sqlx::sqlite::executor)

  // The async twins (docs/async.md), with an Asio completion token; they copy the query's
  // arguments, so the query object may go away before they complete.
  template <async_executor E, typename Token>
  auto async_execute(E& e, Token&& token) const {
    return async_runner<E>::execute(e, statement_, arguments_, static_cast<Token&&>(token));
  }
  template <async_executor E, typename Token>
  auto async_fetch_one(E& e, Token&& token) const {
    return async_runner<E>::fetch_one(e, statement_, arguments_, read_,
                                      static_cast<Token&&>(token));
  }
  template <async_executor E, typename Token>
  auto async_fetch_optional(E& e, Token&& token) const {
    return async_runner<E>::fetch_optional(e, statement_, arguments_, read_,
                                           static_cast<Token&&>(token));
  }
  template <async_executor E, typename Token>
  auto async_fetch_all(E& e, Token&& token) const {
    return async_runner<E>::fetch_all(e, statement_, arguments_, read_,
                                      static_cast<Token&&>(token));
  }
  // A stream of rows: `co_await stream.async_next(token)` yields each row, then nullopt.
  template <async_executor E, typename Token>
  auto async_fetch(E& e, Token&& token) const {
    return async_runner<E>::fetch(e, statement_, arguments_, read_, static_cast<Token&&>(token));
  }

  // The SQL that runs (a dynamic query's: the chosen combination's), for logs and tests.
  [[nodiscard]] std::string_view sql() const noexcept { return statement_.text; }

 private:
  statement_info statement_;
  row_read_function<Row> read_;
  Arguments arguments_;
};

// Stands for a row whose type a failed query cannot name (its metadata is missing, or its
// columns cannot make a row): it converts to anything, so code using the result adds no error.
struct any_row {
  template <typename T>
  operator T() const;  // never defined: the build has stopped at the check's error
};

// What a query that failed its checks turns into. Its calls return what the checked query's
// would (the row type when it is known), so that no error about the result precedes or follows
// the check's own message: `return SQLX_QUERY_AS(T, ...).fetch_optional(db);` in a function
// returning std::optional<T> reports only the failed check. Never defined: nothing runs.
template <typename Row = any_row>
struct unchecked_query {
  using row_type = Row;
  template <typename E>
  execute_result execute(E&) const;
  template <typename E>
  Row fetch_one(E&) const;
  template <typename E>
  std::optional<Row> fetch_optional(E&) const;
  template <typename E>
  std::vector<Row> fetch_all(E&) const;
  template <typename E, typename F>
  void fetch(E&, F) const;
  template <typename E, typename Token>
  any_row async_execute(E&, Token&&) const;
  template <typename E, typename Token>
  any_row async_fetch_one(E&, Token&&) const;
  template <typename E, typename Token>
  any_row async_fetch_optional(E&, Token&&) const;
  template <typename E, typename Token>
  any_row async_fetch_all(E&, Token&&) const;
  template <typename E, typename Token>
  any_row async_fetch(E&, Token&&) const;
};

// The row type of a query that failed its checks, when its metadata still says it: the
// struct of SQLX_QUERY_AS; the generated row or scalar when the columns are fine.
template <typename Meta, query_kind Kind, typename Row>
consteval bool columns_make_a_row() {
  if constexpr (!Meta::known) {
    return false;
  } else {
    if (Kind == query_kind::scalar && Meta::columns.size() != 1) return false;
    for (const column_info& column : Meta::columns) {
      if (!column.has_cpp_type) return false;
      if (Kind == query_kind::anonymous && !column.identifier) return false;
    }
    return true;
  }
}

template <typename Meta, query_kind Kind, typename Row>
auto failed_query() {
  if constexpr (Kind == query_kind::as) {
    return unchecked_query<Row>{};
  } else if constexpr (columns_make_a_row<Meta, Kind, Row>()) {
    if constexpr (database_of<Meta>() == database::sqlite) {
      return unchecked_query<typename sqlite_binder<Meta, Kind, Row>::row_type>{};
    } else {
      return unchecked_query<typename row_reader<Meta, Kind, Row>::type>{};
    }
  } else {
    return unchecked_query<>{};
  }
}

#if defined(SQLX_CPP_QUERY_CHECK)
// Under query-check, what a query the header cannot run turns into: inert like unchecked_query,
// but query-check tells them apart. When it reported nothing at such a call (its metadata
// disagrees with the header's), it reports the header's verdict, so that a query never
// compiles into a silent no-op.
struct query_check_rejected : unchecked_query<> {};  // known, and failed a check
struct query_check_unknown : unchecked_query<> {};   // not in the generated header
#endif

// The macros' call: `sql` converts to checked_sql at the call site, where the checks run; a
// query that failed them (the build stops anyway) becomes an unchecked_query.
// (A dynamic query's literal has its own bind: sqlx/detail/dynamic_query.hpp.)
template <std::uint64_t Hash, query_kind Kind, typename Row, typename... Args>
requires(!dynamic_metadata<query_metadata<Hash>>) auto bind(
    checked_sql<Hash, Kind, Row, std::remove_cvref_t<Args>...>, const Args&... args) {
  using checked = checked_sql<Hash, Kind, Row, std::remove_cvref_t<Args>...>;
#if defined(SQLX_CPP_QUERY_CHECK)
  ::sqlx::query_check::use_probes<Kind, Row, std::remove_cvref_t<Args>...>();
  if constexpr (checked::db == database::sqlite) {
    ::sqlx::query_check::use_sqlite_probes<Kind, Row, std::remove_cvref_t<Args>...>();
  }
#endif
  if constexpr (checked::passed && checked::db == database::sqlite) {
    return sqlite_binder<typename checked::meta, Kind, Row>::bind(args...);
  } else if constexpr (checked::passed) {
    using meta = typename checked::meta;
    using reader = row_reader<meta, Kind, Row>;
    const std::span<const column_info> columns(meta::columns.data(), meta::columns.size());
    return query<typename reader::type, sizeof...(Args)>({meta::text, columns}, reader::read,
                                                         args...);
#if defined(SQLX_CPP_QUERY_CHECK)
  } else if constexpr (checked::result.what == problem::unknown_query) {
    return query_check_unknown{};
  } else if constexpr (checked::left_to_query_check) {
    return query_check_rejected{};
#endif
  } else {
    return failed_query<typename checked::meta, Kind, Row>();
  }
}

}  // namespace detail
}  // namespace sqlx

// SQLX_QUERY("SELECT ...", args...): rows are generated structs named after the columns.
#define SQLX_QUERY(sql, ...)                                                                   \
  ::sqlx::detail::bind<::sqlx::detail::query_hash(sql), ::sqlx::detail::query_kind::anonymous, \
                       void>(sql __VA_OPT__(, ) __VA_ARGS__)
// SQLX_QUERY_AS(Type, "SELECT ...", args...): rows into a plain aggregate, fields by name.
#define SQLX_QUERY_AS(type, sql, ...)                                                          \
  ::sqlx::detail::bind<::sqlx::detail::query_hash(sql), ::sqlx::detail::query_kind::as, type>( \
      sql __VA_OPT__(, ) __VA_ARGS__)
// SQLX_QUERY_SCALAR("SELECT count(*) ...", args...): the single column's value.
#define SQLX_QUERY_SCALAR(sql, ...)                                                                \
  ::sqlx::detail::bind<::sqlx::detail::query_hash(sql), ::sqlx::detail::query_kind::scalar, void>( \
      sql __VA_OPT__(, ) __VA_ARGS__)

// Dynamic queries (optional parts, choices) build on the pieces above.
#include "sqlx/detail/dynamic_query.hpp"
