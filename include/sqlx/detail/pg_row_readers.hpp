// How a checked PostgreSQL query's rows are read (query.hpp): one value straight from libpq,
// and one reader per row shape - SQLX_QUERY_AS structs (flat or with embedded structs, whose
// fields may come from a whole-row column's record), SQLX_QUERY's generated rows and
// SQLX_QUERY_SCALAR values - shared by the queries with the same shape (compile time).
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include "sqlx/detail/checks.hpp"
#include "sqlx/detail/row_reader_of.hpp"
#include "sqlx/fields.hpp"
#include "sqlx/pg/connection.hpp"
#include "sqlx/pg/types.hpp"

namespace sqlx::detail {

[[noreturn]] void throw_null_value(std::string_view column, std::string_view cpp_type);

// One value of a row. This runs for every value of a result, so it reads straight from
// libpq (pg::result's accessors are out-of-line calls), asks libpq whether the value is NULL
// only when its length is 0 (libpq reports a NULL's length as 0), and keeps its error path
// out of line.
template <typename T>
T read_value(const pg::result& result, std::size_t row, int column, std::string_view name) {
  const PGresult* const r = result.native_handle();
  const int tuple = static_cast<int>(row);
  const int length = PQgetlength(r, tuple, column);
  const bool null = length == 0 && PQgetisnull(r, tuple, column) != 0;
  if constexpr (is_optional<T>) {
    if (null) return std::nullopt;
    return T(std::in_place, pg::type_traits<typename T::value_type>::decode(std::string_view(
                                PQgetvalue(r, tuple, column), static_cast<std::size_t>(length))));
  } else {
    if (null) throw_null_value(name, ::sqlx::pg::cpp_type_name<T>);
    return pg::type_traits<T>::decode(
        std::string_view(PQgetvalue(r, tuple, column), static_cast<std::size_t>(length)));
  }
}

// Decodes row `row` of a result whose columns are `columns`.
template <typename T>
using row_read_function = T (*)(const pg::result&, std::size_t row,
                                std::span<const column_info> columns);

// SQLX_QUERY_AS rows: one reader per struct and column order, shared by the queries that
// select the same columns in the same order into the same struct.
template <typename Row, auto Columns>
struct struct_row_reader {
  static Row read(const pg::result& result, std::size_t row, std::span<const column_info> columns) {
    return [&]<std::size_t... F>(std::index_sequence<F...>) {
      return Row{read_value<field_type<Row, F>>(
          result, row, Columns[F], columns[static_cast<std::size_t>(Columns[F])].name)...};
    }
    (std::make_index_sequence<field_count<Row>()>{});
  }
};

// SQLX_QUERY_AS rows into a struct with embedded structs (detail/nested_fields.hpp): each leaf
// from its column or a whole row's field; an embedded std::optional is empty when its key
// column is NULL.
template <typename T>
T read_row_field(const pg::result& result, std::size_t row, int column, std::size_t part,
                 std::span<const column_info> columns);

struct pg_row_source {
  const pg::result& result;
  std::size_t row;
  std::span<const column_info> columns;

  template <typename T>
  [[nodiscard]] T value(leaf_source from) const {
    if (from.part == no_part) {
      return read_value<T>(result, row, from.column,
                           columns[static_cast<std::size_t>(from.column)].name);
    }
    return read_row_field<T>(result, row, from.column, from.part, columns);
  }
  [[nodiscard]] bool null(int column) const {
    return PQgetisnull(result.native_handle(), static_cast<int>(row), column) != 0;
  }
};

template <typename Row, auto Sources>
struct nested_row_reader {
  static Row read(const pg::result& result, std::size_t row, std::span<const column_info> columns) {
    return build_nested<Sources, Row, 0>(pg_row_source{result, row, columns});
  }
};

// A field of a whole-row column's binary record (field count, then per field its type OID,
// length and bytes). Out of line (src/runtime/whole_row.cpp): the record must still have the
// fields `.sqlx-cpp/` recorded (stale_metadata_error otherwise); `length` is -1 for NULL.
struct record_field {
  const char* bytes;
  int length;
};
[[nodiscard]] record_field find_record_field(const pg::result& result, std::size_t row, int column,
                                             std::size_t part, const column_info& info);

template <typename T>
T read_row_field(const pg::result& result, std::size_t row, int column, std::size_t part,
                 std::span<const column_info> columns) {
  const column_info& info = columns[static_cast<std::size_t>(column)];
  if (PQgetisnull(result.native_handle(), static_cast<int>(row), column) != 0) {
    if constexpr (is_optional<T>) return std::nullopt;
    throw_null_value(info.fields[part].name, ::sqlx::pg::cpp_type_name<T>);
  }
  const record_field field = find_record_field(result, row, column, part, info);
  if constexpr (is_optional<T>) {
    if (field.length < 0) return std::nullopt;
    return T(std::in_place, pg::type_traits<typename T::value_type>::decode(std::string_view(
                                field.bytes, static_cast<std::size_t>(field.length))));
  } else {
    if (field.length < 0) throw_null_value(info.fields[part].name, ::sqlx::pg::cpp_type_name<T>);
    return pg::type_traits<T>::decode(
        std::string_view(field.bytes, static_cast<std::size_t>(field.length)));
  }
}

// SQLX_QUERY rows: the generated struct, shared by the queries whose rows have the same
// members, and so is its reader.
template <typename Row, typename ColumnTypes>
struct anonymous_row_reader {
  static Row read(const pg::result& result, std::size_t row, std::span<const column_info> columns) {
    return [&]<std::size_t... C>(std::index_sequence<C...>) {
      return Row{read_value<std::tuple_element_t<C, ColumnTypes>>(result, row, static_cast<int>(C),
                                                                  columns[C].name)...};
    }
    (std::make_index_sequence<std::tuple_size_v<ColumnTypes>>{});
  }
};

// SQLX_QUERY_SCALAR values: one reader per C++ type.
template <typename T>
struct scalar_reader {
  static T read(const pg::result& result, std::size_t row, std::span<const column_info> columns) {
    return read_value<T>(result, row, 0, columns[0].name);
  }
};

// PostgreSQL's readers, for row_reader_of (detail/row_reader_of.hpp).
using pg_readers = reader_set<row_read_function, struct_row_reader, nested_row_reader,
                              anonymous_row_reader, scalar_reader>;

template <typename Meta, query_kind Kind, typename Row>
using row_reader = row_reader_of<Meta, Kind, Row, pg_readers>;

// Converts to a row read from a result: emplace_back of it builds the row in the vector's
// storage, with no temporary to move.
template <typename T>
struct row_from_result {
  row_read_function<T> read;
  const pg::result* result;
  std::size_t index;
  std::span<const column_info> columns;
  operator T() const { return read(*result, index, columns); }
};

}  // namespace sqlx::detail
