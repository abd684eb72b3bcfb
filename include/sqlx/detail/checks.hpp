// The compile-time checks of a tagged query against its metadata. They run in a consteval
// constructor at the macro's call site, so the first line of an error points at the user's
// code; a failed check calls one of the functions in sqlx::compile_error, whose name says
// what is wrong and whose template arguments carry the query text, the parameter or column,
// the PostgreSQL type and the C++ type - compilers print all of it. (A query with no metadata
// has no template to carry its text: the compilers print it as the constructor's argument.)
//
// Compile time: a query is keyed by its text's hash, not by the text, and instantiates one
// class and one constructor. The checks themselves are plain constexpr loops over the
// metadata's arrays and over per-type tables (one per argument type, one per struct: shared by
// every query that uses them); the templates that carry the query text into the diagnostic
// are instantiated only when a check fails.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string_view>
#include <type_traits>
#include <utility>

#include "sqlx/detail/fixed_string.hpp"
#include "sqlx/detail/nested_fields.hpp"
#include "sqlx/detail/query_kind.hpp"
#include "sqlx/detail/query_metadata.hpp"
#include "sqlx/detail/reflect.hpp"
#include "sqlx/detail/type_messages.hpp"
#include "sqlx/pg/types/common.hpp"

namespace sqlx::compile_error {
using detail::fixed_string;

// Declared, never defined, not constexpr: reaching one in a constant evaluation is the error.
void query_has_no_metadata_in_sqlx_cpp_dir_run_sqlcheck_prepare();
template <fixed_string Query, std::size_t Expected, std::size_t Given>
void wrong_number_of_bind_arguments();
template <fixed_string Query, fixed_string Parameter, fixed_string PgType, fixed_string CppType,
          fixed_string Use>
void bind_argument_type_does_not_match_parameter();
template <fixed_string Query, fixed_string Column, fixed_string PgType>
void struct_has_no_field_for_column();
template <fixed_string Query, fixed_string Field>
void struct_field_has_no_column();
template <fixed_string Query, fixed_string Column, fixed_string PgType, fixed_string CppType,
          fixed_string Use>
void field_type_does_not_match_column();
template <fixed_string Query, fixed_string Column, fixed_string PgType, fixed_string CppType>
void nullable_column_needs_std_optional_field();
template <fixed_string Query, std::size_t Columns>
void query_scalar_needs_exactly_one_column();
template <fixed_string Query, fixed_string Column>
void column_label_is_not_a_cpp_identifier_alias_it_with_as();
template <fixed_string Query, fixed_string Column, fixed_string PgType>
void column_of_a_user_type_needs_an_override_as_column_colon_cpp_type();

}  // namespace sqlx::compile_error

namespace sqlx::detail {

using pg::detail::is_optional;

// What the checks need of a C++ type given for a parameter or a field.
struct value_type_info {
  bool (*accepts)(std::string_view pg_type);  // may it be sent as / read from pg_type?
  bool optional;
  bool readable;  // has a decoder: views and parameter-only types are not (a field would dangle)
};

// std::nullopt fits any parameter (NULL); accepts_pg_type looks through std::optional.
template <typename T>
constexpr bool accepts_pg_type_or_null(std::string_view pg_type) {
  if constexpr (std::is_same_v<T, std::nullopt_t>) {
    return true;
  } else {
    return ::sqlx::pg::accepts_pg_type<T>(pg_type);
  }
}

// SQLite's rule, defined in sqlx/sqlite/checked_query.hpp (which the generated header includes
// when it has SQLite queries), so that PostgreSQL programs never parse sqlite3.h:
//   static constexpr bool accepts(std::string_view sqlite_type);
//   static constexpr bool readable;  // a field of this type can be read
template <typename T>
struct sqlite_type_check;

// One table per C++ type and database, shared by every query that uses the type.
template <typename T, database DB = database::postgres>
inline constexpr value_type_info value_type_info_of{
    &accepts_pg_type_or_null<T>, is_optional<T>,
    ::sqlx::pg::decodable<std::remove_cvref_t<::sqlx::pg::strip_optional_t<T>>>};
template <typename T>
inline constexpr value_type_info value_type_info_of<T, database::sqlite>{
    &sqlite_type_check<T>::accepts, is_optional<T>, sqlite_type_check<T>::readable};

template <database DB, typename... Args>
inline constexpr std::array<value_type_info, sizeof...(Args)> argument_infos{
    value_type_info_of<Args, DB>...};

// The fields of a SQLX_QUERY_AS struct: names and types, computed once per struct. A nested
// struct's fields are its leaves, named by their paths (detail/nested_fields.hpp).
template <typename Row, database DB = database::postgres>
struct struct_fields {
  static constexpr std::size_t count = leaf_count<Row>();
  static constexpr const auto& names = leaf_names<Row>();
  static constexpr auto types = []<std::size_t... F>(std::index_sequence<F...>) {
    return std::array<value_type_info, count>{value_type_info_of<leaf_type<Row, F>, DB>...};
  }
  (std::make_index_sequence<count>{});
  static constexpr const auto& groups = optional_groups<Row>();
};

// Anonymous rows and scalars have no struct.
template <database DB>
struct struct_fields<void, DB> {
  static constexpr std::array<std::string_view, 0> names{};
  static constexpr std::array<value_type_info, 0> types{};
  static constexpr const auto& groups = no_optional_groups;
};

// The first failed check of a query, if any; `index` is the parameter, column or field.
enum class problem {
  none,
  unknown_query,
  argument_count,
  argument_type,
  no_field_for_column,
  field_without_column,
  field_type,
  nullable_into_plain_field,
  scalar_column_count,
  label_not_identifier,
  user_type_without_override,
  row_not_aggregate,   // SQLX_QUERY_AS of a class: its static_assert (reflect.hpp) says so, alone
  field_not_readable,  // accepted type without a decoder (a view): the header's message only
};

struct check_result {
  problem what = problem::none;
  std::size_t index = 0;
  std::size_t other = 0;       // field_type, nullable_into_plain_field: the field
  std::size_t part = no_part;  // a whole-row column's field (detail/nested_fields.hpp)
};

// A constant array as the checks read it. Not std::span: converting each query's
// std::array<T, N> to a span instantiates span's constrained constructors for every N.
template <typename T>
struct constant_list {
  const T* items;
  std::size_t count;

  template <std::size_t N>
  constexpr constant_list(const std::array<T, N>& array) noexcept  // NOLINT: a view, as span
      : items(array.data()), count(N) {}
  [[nodiscard]] constexpr std::size_t size() const noexcept { return count; }
  constexpr const T& operator[](std::size_t i) const noexcept { return items[i]; }
  [[nodiscard]] constexpr const T* begin() const noexcept { return items; }
  [[nodiscard]] constexpr const T* end() const noexcept { return items + count; }
};

// The index of `name` in `names`, or names.size().
constexpr std::size_t index_of(constant_list<std::string_view> names, std::string_view name) {
  std::size_t i = 0;
  while (i < names.size() && !pg::same_text(names[i], name)) ++i;
  return i;
}

constexpr bool has_column(constant_list<column_info> columns, std::string_view name) {
  for (const column_info& column : columns) {
    if (pg::same_text(column.name, name)) return true;
    for (std::size_t k = 0; k < column.field_count; ++k) {  // a whole row: "author.*"
      if (is_part_path(name, column, column.fields[k].name)) return true;
    }
  }
  return false;
}

// Whether a query literal's value is `text`, the metadata's (the hash found the metadata; this
// rules out a collision). Both are string literals, which both compilers compare natively.
template <typename Char, std::size_t N>
constexpr bool literal_is(std::string_view text, const Char (&literal)[N]) {
  if (text.size() != N - 1) return false;
  if constexpr (std::is_same_v<Char, char>) {
    return N == 1 || __builtin_memcmp(text.data(), literal, N - 1) == 0;
  } else {
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] != static_cast<char>(literal[i])) return false;
    }
    return true;
  }
}

// Every check of a known query, in the order the diagnostics are expected: bind arguments,
// then columns against the struct's fields (SQLX_QUERY_AS) or against what an anonymous row
// or a scalar can hold. Not a template: evaluated per query, instantiated once.
constexpr check_result check_query(query_kind kind, constant_list<std::string_view> parameters,
                                   constant_list<value_type_info> arguments,
                                   constant_list<column_info> columns,
                                   constant_list<std::string_view> field_names,
                                   constant_list<value_type_info> field_types,
                                   constant_list<optional_group> groups) {
  if (parameters.size() != arguments.size()) return {problem::argument_count};
  for (std::size_t i = 0; i < parameters.size(); ++i) {
    if (!arguments[i].accepts(parameters[i])) return {problem::argument_type, i};
  }
  if (kind == query_kind::as) {
    for (std::size_t c = 0; c < columns.size(); ++c) {
      // A whole row ("author.*"): each field of it as a column of its own, NULL also when the
      // whole row is (docs/nested-structs.md).
      for (std::size_t k = 0; k < columns[c].field_count; ++k) {
        const column_info& part = columns[c].fields[k];
        const std::size_t field = leaf_of(field_names, columns[c], k);
        if (field == field_names.size()) return {problem::no_field_for_column, c, 0, k};
        if (!field_types[field].accepts(part.pg_type)) return {problem::field_type, c, field, k};
        if (!field_types[field].readable) return {problem::field_not_readable, c, field, k};
        if (!field_types[field].optional &&
            (part.nullable == nullability::nullable ||
             (columns[c].nullable == nullability::nullable &&
              !non_null_in_its_group(columns, field_names, groups, c, field)))) {
          return {problem::nullable_into_plain_field, c, field, k};
        }
      }
      if (columns[c].field_count != 0) continue;
      const std::size_t field = index_of(field_names, columns[c].name);
      if (field == field_names.size()) return {problem::no_field_for_column, c};
      if (!field_types[field].accepts(columns[c].pg_type)) return {problem::field_type, c, field};
      if (!field_types[field].readable) return {problem::field_not_readable, c, field};
      if (columns[c].nullable == nullability::nullable && !field_types[field].optional &&
          !non_null_in_its_group(columns, field_names, groups, c, field)) {
        return {problem::nullable_into_plain_field, c, field};
      }
    }
    for (std::size_t f = 0; f < field_names.size(); ++f) {
      if (!has_column(columns, field_names[f])) return {problem::field_without_column, f};
    }
    return {};
  }
  if (kind == query_kind::scalar && columns.size() != 1) return {problem::scalar_column_count};
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (kind == query_kind::anonymous && !columns[c].identifier) {
      return {problem::label_not_identifier, c};
    }
    if (!columns[c].has_cpp_type) return {problem::user_type_without_override, c};
  }
  return {};
}

// A computed label as a string of its exact length: compilers print such a template argument
// as a string (clang prints a longer, zero-padded array as numbers).
template <label L>
inline constexpr auto exact = fixed_string<L.view().size() + 1>(L.view());

// "$1" (PostgreSQL), "?1" (SQLite).
consteval label parameter_label(std::size_t index, database db = database::postgres) {
  label text;
  text.value[0] = db == database::sqlite ? '?' : '$';
  std::size_t digits = 1;
  for (std::size_t n = index + 1; n >= 10; n /= 10) ++digits;
  for (std::size_t i = digits, n = index + 1; i > 0; --i, n /= 10) {
    text.value[i] = static_cast<char>('0' + n % 10);
  }
  return text;
}

template <std::size_t I, typename T, typename... Rest>
struct nth_type : nth_type<I - 1, Rest...> {};
template <typename T, typename... Rest>
struct nth_type<0, T, Rest...> {
  using type = T;
};

// A type mismatch, in the words of its kind (type_messages.hpp). `Reading`: a column into a
// field, else a bind argument into a parameter. CppType is the value type, without the
// std::optional around it (not the problem, and clang prints only 32 characters).
template <fixed_string Query, fixed_string Where, fixed_string SqlType, fixed_string CppType,
          fixed_string Use, mismatch Kind, bool Reading>
consteval void report_mismatch() {
  namespace error = compile_error;
  if constexpr (Kind == mismatch::view_would_dangle) {
    error::field_of_a_view_type_would_dangle_read_into_an_owning_type<Query, Where, SqlType,
                                                                      CppType, Use>();
  } else if constexpr (Kind == mismatch::parameter_only) {
    error::field_type_can_be_sent_but_not_read_it_is_a_parameter_only_type<Query, Where, SqlType,
                                                                           CppType, Use>();
  } else if constexpr (Kind == mismatch::unsigned_integer) {
    error::unsigned_integer_has_no_sql_type_use_a_signed_integer<Query, Where, SqlType, CppType,
                                                                 Use>();
  } else if constexpr (Kind == mismatch::character) {
    error::char_is_one_character_not_a_string_nor_an_integer<Query, Where, SqlType, CppType, Use>();
  } else if constexpr (Kind == mismatch::single_byte) {
    error::std_byte_is_one_byte_binary_data_is_std_vector_of_std_byte<Query, Where, SqlType,
                                                                      CppType, Use>();
  } else if constexpr (Kind == mismatch::sys_time_for_local) {
    error::timestamp_without_time_zone_is_local_time_not_sys_time<Query, Where, SqlType, CppType,
                                                                  Use>();
  } else if constexpr (Kind == mismatch::local_for_sys_time) {
    error::timestamptz_is_an_instant_use_sys_time_not_local_time<Query, Where, SqlType, CppType,
                                                                 Use>();
  } else if constexpr (Reading) {
    error::field_type_does_not_match_column<Query, Where, SqlType, CppType, Use>();
  } else {
    error::bind_argument_type_does_not_match_parameter<Query, Where, SqlType, CppType, Use>();
  }
}

// Bind argument `Given` does not fit parameter `I` of `Meta`'s statement, which the message
// calls parameter `Shown` (a dynamic query's combination numbers them apart from the literal).
template <fixed_string Query, typename Meta, std::size_t I, std::size_t Shown, typename Given>
consteval void report_argument_mismatch() {
  using value = std::remove_cvref_t<::sqlx::pg::strip_optional_t<Given>>;
  constexpr database db = database_of<Meta>();
  constexpr std::string_view sql_type = Meta::parameters[I];
  report_mismatch<Query, exact<parameter_label(Shown, db)>, exact<label(sql_type)>,
                  exact<compact_type_name(::sqlx::pg::cpp_type_name<value>)>,
                  exact<suggested_type(sql_type, db)>,
                  classify_mismatch<value>(sql_type, false, false, false), false>();
}

// The failure path of a known query: only a query that fails a check instantiates this, with
// the query text and the labels the diagnostic shows.
template <typename Meta, check_result Failure, typename Row, typename... Args>
consteval void report() {
  constexpr std::size_t i = Failure.index;
  constexpr database db = database_of<Meta>();
  constexpr auto Query = fixed_string<Meta::text.size() + 1>(Meta::text);
  namespace error = compile_error;
  if constexpr (Failure.what == problem::argument_count) {
    error::wrong_number_of_bind_arguments<Query, Meta::parameters.size(), sizeof...(Args)>();
  } else if constexpr (Failure.what == problem::argument_type) {
    report_argument_mismatch<Query, Meta, i, i, typename nth_type<i, Args...>::type>();
  } else if constexpr (Failure.what == problem::no_field_for_column) {
    error::struct_has_no_field_for_column<
        Query, exact<column_path_label(Meta::columns[i], Failure.part)>,
        exact<label(column_pg_type(Meta::columns[i], Failure.part))>>();
  } else if constexpr (Failure.what == problem::field_without_column) {
    error::struct_field_has_no_column<Query, exact<label(struct_fields<Row, db>::names[i])>>();
  } else if constexpr (Failure.what == problem::field_type ||
                       Failure.what == problem::field_not_readable) {
    using given = leaf_type<Row, Failure.other>;
    using value = std::remove_cvref_t<::sqlx::pg::strip_optional_t<given>>;
    constexpr std::string_view sql_type = column_pg_type(Meta::columns[i], Failure.part);
    constexpr value_type_info info = struct_fields<Row, db>::types[Failure.other];
    report_mismatch<
        Query, exact<column_path_label(Meta::columns[i], Failure.part)>, exact<label(sql_type)>,
        exact<compact_type_name(::sqlx::pg::cpp_type_name<value>)>,
        exact<suggested_type(sql_type, db)>,
        classify_mismatch<value>(sql_type, true, info.accepts(sql_type), info.readable), true>();
  } else if constexpr (Failure.what == problem::nullable_into_plain_field) {
    error::nullable_column_needs_std_optional_field<
        Query, exact<column_path_label(Meta::columns[i], Failure.part)>,
        exact<label(column_pg_type(Meta::columns[i], Failure.part))>,
        exact<label(::sqlx::pg::cpp_type_name<leaf_type<Row, Failure.other>>)>>();
  } else if constexpr (Failure.what == problem::scalar_column_count) {
    error::query_scalar_needs_exactly_one_column<Query, Meta::columns.size()>();
  } else if constexpr (Failure.what == problem::label_not_identifier) {
    error::column_label_is_not_a_cpp_identifier_alias_it_with_as<
        Query, exact<label(Meta::columns[i].label)>>();
  } else if constexpr (Failure.what == problem::user_type_without_override) {
    error::column_of_a_user_type_needs_an_override_as_column_colon_cpp_type<
        Query, exact<label(Meta::columns[i].name)>, exact<label(Meta::columns[i].pg_type)>>();
  }
}

// Under the query-check plugin or tool (SQLX_CPP_QUERY_CHECK, docs/query-check.md) the problems
// query-check reports itself, at the exact argument, field or character, are left to it: the
// header's error would repeat the same problem with less precision.
constexpr bool reported_by_query_check([[maybe_unused]] problem what) {
#if defined(SQLX_CPP_QUERY_CHECK)
  return what != problem::scalar_column_count && what != problem::label_not_identifier &&
         what != problem::user_type_without_override && what != problem::row_not_aggregate &&
         what != problem::field_not_readable;
#else
  return false;
#endif
}

// Converted from the SQL literal at the call site: the conversion is where the checks run.
// Everything a query needs at compile time is computed here, once per query.
template <std::uint64_t Hash, query_kind Kind, typename Row, typename... Args>
struct checked_sql {
  using meta = query_metadata<Hash>;
  static constexpr database db = database_of<meta>();
  static constexpr check_result result =
      Kind == query_kind::as && !std::is_aggregate_v<Row> ? check_result{problem::row_not_aggregate}
      : meta::known ? check_query(Kind, meta::parameters, argument_infos<db, Args...>,
                                  meta::columns, struct_fields<Row, db>::names,
                                  struct_fields<Row, db>::types, struct_fields<Row, db>::groups)
                    : check_result{problem::unknown_query};
  static constexpr bool passed = result.what == problem::none;
  // Both databases' queries (query-check evaluates SQLite's rule through probe::accepts_sqlite),
  // except nested structs (path labels, docs/nested-structs.md), which query-check does not
  // know: the header reports their problems.
  static constexpr bool left_to_query_check =
      reported_by_query_check(result.what) &&
      !nested_row_query<Kind == query_kind::as, Row>(meta::columns);

  template <typename Char, std::size_t N>
  consteval checked_sql(const Char (&literal)[N]) {
    if constexpr (!reported_by_query_check(problem::unknown_query)) {
      if (!literal_is(meta::text, literal)) {
        compile_error::query_has_no_metadata_in_sqlx_cpp_dir_run_sqlcheck_prepare();
      }
    }
    if constexpr (!passed && result.what != problem::unknown_query && !left_to_query_check) {
      report<meta, result, Row, Args...>();
    }
  }
};

}  // namespace sqlx::detail

#if defined(SQLX_CPP_QUERY_CHECK)
namespace sqlx::query_check {

// What query-check asks the header about a C++ type, so that its type rules are the header's
// own (type_traits<T>::accepts, user enums and traits types included) and its messages spell
// types as the header's errors do. bind() odr-uses the probes of its argument and field types;
// query-check finds their instantiations in the AST and evaluates them with clang's constant
// evaluator.
template <typename T>
struct probe {
  // The rule the checks apply to a bind argument (std::nullopt fits anything); for a field's
  // type the same, which strips std::optional as accepts_pg_type does.
  static constexpr bool accepts(const char* pg_type) noexcept {
    return detail::accepts_pg_type_or_null<T>(pg_type);
  }
  static constexpr const char* name() noexcept { return ::sqlx::pg::cpp_type_name<T>.data(); }
  static constexpr bool is_optional() noexcept { return detail::is_optional<T>; }
  // SQLite's rule (sqlx/sqlite/checked_query.hpp): odr-used for SQLite queries' types only, so
  // that PostgreSQL programs never instantiate it.
  static constexpr bool accepts_sqlite(const char* sqlite_type) noexcept {
    return detail::sqlite_type_check<T>::accepts(sqlite_type);
  }
};

template <typename T>
inline void use_probe() noexcept {
  static_cast<void>(&probe<T>::accepts);
  static_cast<void>(&probe<T>::name);
  static_cast<void>(&probe<T>::is_optional);
}

// The probes of one call: its argument types and, for SQLX_QUERY_AS, the row's field types.
template <detail::query_kind Kind, typename Row, typename... Args>
inline void use_probes() noexcept {
  (use_probe<Args>(), ...);
  if constexpr (Kind == detail::query_kind::as) {
    []<std::size_t... F>(std::index_sequence<F...>) {
      (use_probe<detail::leaf_type<Row, F>>(), ...);
    }
    (std::make_index_sequence<detail::leaf_count<Row>()>{});
  }
}

// A SQLite query's: its types are checked by SQLite's rule too.
template <detail::query_kind Kind, typename Row, typename... Args>
inline void use_sqlite_probes() noexcept {
  (static_cast<void>(&probe<Args>::accepts_sqlite), ...);
  if constexpr (Kind == detail::query_kind::as) {
    []<std::size_t... F>(std::index_sequence<F...>) {
      (static_cast<void>(&probe<detail::field_type<Row, F>>::accepts_sqlite), ...);
    }
    (std::make_index_sequence<detail::field_count<Row>()>{});
  }
}

}  // namespace sqlx::query_check
#endif
