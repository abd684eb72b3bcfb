// Which reader a checked query's rows get, for either database: by the query's kind (a
// SQLX_QUERY_AS struct, flat or with embedded structs; SQLX_QUERY's generated row; a
// SQLX_QUERY_SCALAR value). `Readers` is a database's reader_set (pg_readers in
// detail/pg_row_readers.hpp, sqlite_readers in sqlite/checked_query.hpp).
#pragma once

#include <array>
#include <cstddef>
#include <tuple>

#include "sqlx/detail/checks.hpp"
#include "sqlx/detail/nested_fields.hpp"
#include "sqlx/fields.hpp"
#include "sqlx/pg/types.hpp"

namespace sqlx::detail {

// The column of each field of Row (SQLX_QUERY_AS), computed once per query and struct.
template <typename Meta, typename Row>
inline constexpr auto columns_of_fields = [] {
  std::array<int, struct_fields<Row>::count> columns{};
  for (std::size_t f = 0; f < columns.size(); ++f) {
    for (std::size_t c = 0; c < Meta::columns.size(); ++c) {
      if (pg::same_text(Meta::columns[c].name, struct_fields<Row>::names[f])) {
        columns[f] = static_cast<int>(c);
      }
    }
  }
  return columns;
}();

// A database's readers: its read function type, and its readers of a flat struct, a struct
// with embedded structs, a generated row and a scalar.
template <template <typename> class Function, template <typename, auto> class Flat,
          template <typename, auto> class Nested, template <typename, typename> class Anonymous,
          template <typename> class Scalar>
struct reader_set {
  template <typename T>
  using function = Function<T>;
  template <typename Row, auto Columns>
  using flat = Flat<Row, Columns>;
  template <typename Row, auto Sources>
  using nested = Nested<Row, Sources>;
  template <typename Row, typename ColumnTypes>
  using anonymous = Anonymous<Row, ColumnTypes>;
  template <typename T>
  using scalar = Scalar<T>;
};

template <typename Meta, query_kind Kind, typename Row, typename Readers>
struct row_reader_of;

// A struct with embedded structs has its own reader (only it computes where its leaves are).
template <typename Meta, typename Row, typename Readers>
struct row_reader_of<Meta, query_kind::as, Row, Readers> {
  using type = Row;
  static constexpr typename Readers::template function<Row> read = [] {
    if constexpr (has_embedded_struct<Row>) {
      return &Readers::template nested<Row, leaf_sources<Row>(Meta::columns)>::read;
    } else {
      return &Readers::template flat<Row, columns_of_fields<Meta, Row>>::read;
    }
  }();
};

template <typename Meta, typename Unused, typename Readers>
struct row_reader_of<Meta, query_kind::anonymous, Unused, Readers> {
  using type = typename Meta::template row<>;
  static constexpr typename Readers::template function<type> read =
      &Readers::template anonymous<type, typename Meta::template column_types<>>::read;
};

template <typename Meta, typename Unused, typename Readers>
struct row_reader_of<Meta, query_kind::scalar, Unused, Readers> {
  using type = std::tuple_element_t<0, typename Meta::template column_types<>>;
  static constexpr typename Readers::template function<type> read =
      &Readers::template scalar<type>::read;
};

}  // namespace sqlx::detail
