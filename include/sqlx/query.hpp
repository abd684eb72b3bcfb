// A checked query with its bind arguments, and the calls that run it on an executor.
#pragma once

#include <fmt/format.h>

#include <array>
#include <concepts>
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "sqlx/error.hpp"
#include "sqlx/internal/checks.hpp"
#include "sqlx/pg/connection.hpp"
#include "sqlx/pg/types.hpp"

namespace sqlx {

// Anything a checked query can run on: a connection, a pool, a transaction. It lends a
// connection for the duration of a call.
template <typename E>
concept executor = requires(E& e) {
  e.with_connection([](pg::connection&) { return 0; });
};

// What `execute` returns.
class execute_result {
 public:
  explicit execute_result(std::uint64_t rows) noexcept : rows_affected_(rows) {}
  [[nodiscard]] std::uint64_t rows_affected() const noexcept { return rows_affected_; }

 private:
  std::uint64_t rows_affected_;
};

namespace detail {

// The OID the server reports for a result column of a built-in type; 0 for others (looked up
// on the connection once).
constexpr pg::oid builtin_oid(std::string_view pg_type) {
  constexpr std::pair<std::string_view, pg::oid> table[] = {
      {"bool", 16},          {"bytea", 17},      {"int8", 20},      {"int2", 21},
      {"int4", 23},          {"text", 25},       {"json", 114},     {"float4", 700},
      {"float8", 701},       {"inet", 869},      {"cidr", 650},     {"bpchar", 1042},
      {"varchar", 1043},     {"date", 1082},     {"time", 1083},    {"timestamp", 1114},
      {"timestamptz", 1184}, {"interval", 1186}, {"numeric", 1700}, {"uuid", 2950},
      {"jsonb", 3802},       {"name", 19},       {"_bool", 1000},   {"_int2", 1005},
      {"_int4", 1007},       {"_text", 1009},    {"_int8", 1016},   {"_float4", 1021},
      {"_float8", 1022},     {"_varchar", 1015}, {"_uuid", 2951},   {"_timestamptz", 1185},
      {"_jsonb", 3807},      {"_numeric", 1231}, {"_bytea", 1001},  {"_date", 1182},
  };
  for (const auto& [name, oid] : table) {
    if (name == pg_type) return oid;
  }
  return 0;
}

// Stale metadata must never be decoded: the first time a statement runs on a connection,
// its result's columns are compared with what `.sqlx-cpp/` recorded.
template <typename Meta>
void check_result_shape(pg::connection& conn, const pg::result& result) {
  const auto stale = [](const std::string& what) {
    return stale_metadata_error(fmt::format(
        "query `{}`: {}; the schema changed since `sqlcheck prepare`: re-run it and rebuild",
        Meta::text, what));
  };
  if (result.columns() != static_cast<int>(Meta::columns.size())) {
    throw stale(fmt::format("the server returns {} columns, .sqlx-cpp/ says {}", result.columns(),
                            Meta::columns.size()));
  }
  for (int i = 0; i < result.columns(); ++i) {
    const column_info& column = Meta::columns[static_cast<std::size_t>(i)];
    if (result.column_name(i) != column.label) {
      throw stale(fmt::format("column {} is `{}`, .sqlx-cpp/ says `{}`", i + 1,
                              result.column_name(i), column.label));
    }
    pg::oid expected = builtin_oid(column.pg_type);
    if (expected == 0) expected = conn.type_oid(column.pg_type);
    if (result.column_type(i) != expected) {
      throw stale(fmt::format("column `{}` has type OID {}, .sqlx-cpp/ says {} (OID {})",
                              column.name, result.column_type(i), column.pg_type, expected));
    }
  }
}

template <typename T>
T read_value(const pg::result& result, std::size_t row, int column, std::string_view name) {
  if constexpr (is_optional<T>::value) {
    if (result.is_null(row, column)) return std::nullopt;
    return read_value<typename T::value_type>(result, row, column, name);
  } else {
    if (result.is_null(row, column)) {
      throw decode_error(fmt::format("column `{}` is NULL, read into a non-optional {}", name,
                                     ::sqlx::pg::cpp_type_name<T>));
    }
    return pg::type_traits<T>::decode(result.value(row, column));
  }
}

// Bind arguments encoded once, when the query is built: the query owns them, so it can be
// run more than once and never refers to the caller's temporaries.
template <std::size_t N>
class encoded_arguments {
 public:
  template <typename... Args>
  explicit encoded_arguments(const Args&... args) {
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
    } else if constexpr (is_optional<T>::value) {
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

// Where each field of Row finds its column (SQLX_QUERY_AS).
template <typename Meta, typename Row, std::size_t F>
consteval int column_of_field() {
  for (std::size_t c = 0; c < Meta::columns.size(); ++c) {
    if (Meta::columns[c].name == field_name<Row, F>()) return static_cast<int>(c);
  }
  return -1;
}

template <typename Meta, query_kind Kind, typename Row>
struct row_reader;

template <typename Meta, typename Row>
struct row_reader<Meta, query_kind::as, Row> {
  using type = Row;
  static Row read(const pg::result& result, std::size_t row) {
    return [&]<std::size_t... F>(std::index_sequence<F...>) {
      return Row{
          read_value<field_type<Row, F>>(result, row, column_of_field<Meta, Row, F>(),
                                         Meta::columns[column_of_field<Meta, Row, F>()].name)...};
    }
    (std::make_index_sequence<field_count<Row>()>{});
  }
};

template <typename Meta, typename Unused>
struct row_reader<Meta, query_kind::anonymous, Unused> {
  using type = typename Meta::template row<>;
  static type read(const pg::result& result, std::size_t row) {
    using types = typename Meta::template column_types<>;
    return [&]<std::size_t... C>(std::index_sequence<C...>) {
      return type{read_value<std::tuple_element_t<C, types>>(result, row, static_cast<int>(C),
                                                             Meta::columns[C].name)...};
    }
    (std::make_index_sequence<Meta::columns.size()>{});
  }
};

template <typename Meta, typename Unused>
struct row_reader<Meta, query_kind::scalar, Unused> {
  using type = std::tuple_element_t<0, typename Meta::template column_types<>>;
  static type read(const pg::result& result, std::size_t row) {
    return read_value<type>(result, row, 0, Meta::columns[0].name);
  }
};

template <typename Meta, query_kind Kind, typename Row, std::size_t N>
class query {
 public:
  using row_type = typename row_reader<Meta, Kind, Row>::type;

  template <typename... Args>
  explicit query(const Args&... args) : arguments_(args...) {}

  template <executor E>
  execute_result execute(E& e) const {
    return e.with_connection([&](pg::connection& conn) {
      const auto result = run(conn);
      return execute_result(result.rows_affected());
    });
  }

  // The only row; throws row_not_found when there is none.
  template <executor E>
  row_type fetch_one(E& e) const {
    auto row = fetch_optional(e);
    if (!row) throw row_not_found(fmt::format("query `{}` returned no row", Meta::text));
    return std::move(*row);
  }

  // The first row, if any.
  template <executor E>
  std::optional<row_type> fetch_optional(E& e) const {
    return e.with_connection([&](pg::connection& conn) -> std::optional<row_type> {
      const auto result = run(conn);
      if (result.rows() == 0) return std::nullopt;
      return row_reader<Meta, Kind, Row>::read(result, 0);
    });
  }

  template <executor E>
  std::vector<row_type> fetch_all(E& e) const {
    return e.with_connection([&](pg::connection& conn) {
      const auto result = run(conn);
      std::vector<row_type> rows;
      rows.reserve(result.rows());
      for (std::size_t i = 0; i < result.rows(); ++i) {
        rows.push_back(row_reader<Meta, Kind, Row>::read(result, i));
      }
      return rows;
    });
  }

  // Streams the rows to `on_row` one at a time, never holding the whole result in memory.
  template <executor E, typename F>
  requires std::invocable<F&, row_type&&>
  void fetch(E& e, F on_row) const {
    e.with_connection([&](pg::connection& conn) {
      // The shape check of the first row may need user types' OIDs; an open stream cannot
      // look them up, so learn them first (cached on the connection).
      for (const column_info& column : Meta::columns) {
        if (builtin_oid(column.pg_type) == 0) static_cast<void>(conn.type_oid(column.pg_type));
      }
      const auto parameters = arguments_.parameters();
      conn.start_stream(std::string(Meta::text), parameters);
      try {
        bool first = true;
        while (auto row = conn.next_row()) {
          if (first && row->first_use) checked_shape(conn, row->rows);
          first = false;
          on_row(row_reader<Meta, Kind, Row>::read(row->rows, 0));
        }
      } catch (...) {
        conn.finish_stream();
        throw;
      }
      return 0;
    });
  }

 private:
  pg::result run(pg::connection& conn) const {
    const auto parameters = arguments_.parameters();
    auto result = conn.execute_prepared(std::string(Meta::text), parameters);
    if (result.first_use) checked_shape(conn, result.rows);
    return std::move(result.rows);
  }

  static void checked_shape(pg::connection& conn, const pg::result& result) {
    try {
      check_result_shape<Meta>(conn, result);
    } catch (...) {
      conn.forget_statement(std::string(Meta::text));
      throw;
    }
  }

  encoded_arguments<N> arguments_;
};

// What a query that failed its checks turns into: it lets the compiler stop at the check's
// own message instead of piling up errors about the missing row type.
struct unchecked_query {
  template <typename E>
  int execute(E&) const { return 0; }
  template <typename E>
  int fetch_one(E&) const { return 0; }
  template <typename E>
  int fetch_optional(E&) const { return 0; }
  template <typename E>
  int fetch_all(E&) const { return 0; }
  template <typename E, typename F>
  void fetch(E&, F) const {}
};

template <typename Meta, query_kind Kind>
consteval bool has_row_type() {
  if constexpr (!Meta::known) {
    return false;
  } else {
    return Kind != query_kind::scalar || Meta::columns.size() == 1;
  }
}

template <fixed_string Query, query_kind Kind, typename Row>
struct query_builder {
  template <typename... Args>
  static auto bind(checked_sql<Query, Kind, Row, std::remove_cvref_t<Args>...>,
                   const Args&... args) {
    if constexpr (has_row_type<metadata_of<Query>, Kind>()) {
      return query<metadata_of<Query>, Kind, Row, sizeof...(Args)>(args...);
    } else {
      return unchecked_query{};
    }
  }
};

}  // namespace detail
}  // namespace sqlx

// SQLX_QUERY("SELECT ...", args...): rows are generated structs named after the columns.
#define SQLX_QUERY(sql, ...)                                           \
  ::sqlx::detail::query_builder<::sqlx::detail::fixed_string{sql},     \
                                ::sqlx::detail::query_kind::anonymous, \
                                void>::bind(sql __VA_OPT__(, ) __VA_ARGS__)
// SQLX_QUERY_AS(Type, "SELECT ...", args...): rows into a plain aggregate, fields by name.
#define SQLX_QUERY_AS(type, sql, ...)                                                              \
  ::sqlx::detail::query_builder<::sqlx::detail::fixed_string{sql}, ::sqlx::detail::query_kind::as, \
                                type>::bind(sql __VA_OPT__(, ) __VA_ARGS__)
// SQLX_QUERY_SCALAR("SELECT count(*) ...", args...): the single column's value.
#define SQLX_QUERY_SCALAR(sql, ...)                                                                \
  ::sqlx::detail::query_builder<::sqlx::detail::fixed_string{sql},                                 \
                                ::sqlx::detail::query_kind::scalar, void>::bind(sql __VA_OPT__(, ) \
                                                                                    __VA_ARGS__)
