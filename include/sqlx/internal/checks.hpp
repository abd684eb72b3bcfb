// The compile-time checks of a tagged query against its metadata. They run in a consteval
// constructor at the macro's call site, so the first line of an error points at the user's
// code; a failed check calls one of the functions in sqlx::compile_error, whose name says
// what is wrong and whose template arguments carry the query text, the parameter or column,
// the PostgreSQL type and the C++ type - compilers print all of it.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>

#include "sqlx/internal/fixed_string.hpp"
#include "sqlx/internal/query_metadata.hpp"
#include "sqlx/internal/reflect.hpp"
#include "sqlx/pg/types.hpp"

namespace sqlx::compile_error {
using detail::fixed_string;

// Declared, never defined, not constexpr: reaching one in a constant evaluation is the error.
// Under the query-check plugin or tool (SQLX_CPP_QUERY_CHECK, docs/query-check.md) the checks
// query-check reports itself, at the exact argument, field or character, are defined as no-ops
// instead: the header's error would repeat the same problem with less precision.
#if defined(SQLX_CPP_QUERY_CHECK)
#define SQLX_DETAIL_REPORTED_BY_QUERY_CHECK(name) \
  constexpr void name() {}
#else
#define SQLX_DETAIL_REPORTED_BY_QUERY_CHECK(name) void name();
#endif
template <fixed_string Query>
SQLX_DETAIL_REPORTED_BY_QUERY_CHECK(query_has_no_metadata_in_sqlx_cpp_dir_run_sqlcheck_prepare)
template <fixed_string Query, std::size_t Expected, std::size_t Given>
SQLX_DETAIL_REPORTED_BY_QUERY_CHECK(wrong_number_of_bind_arguments)
template <fixed_string Query, fixed_string Parameter, fixed_string PgType, fixed_string CppType>
SQLX_DETAIL_REPORTED_BY_QUERY_CHECK(bind_argument_type_does_not_match_parameter)
template <fixed_string Query, fixed_string Column, fixed_string PgType>
SQLX_DETAIL_REPORTED_BY_QUERY_CHECK(struct_has_no_field_for_column)
template <fixed_string Query, fixed_string Field>
SQLX_DETAIL_REPORTED_BY_QUERY_CHECK(struct_field_has_no_column)
template <fixed_string Query, fixed_string Column, fixed_string PgType, fixed_string CppType>
SQLX_DETAIL_REPORTED_BY_QUERY_CHECK(field_type_does_not_match_column)
template <fixed_string Query, fixed_string Column, fixed_string PgType, fixed_string CppType>
SQLX_DETAIL_REPORTED_BY_QUERY_CHECK(nullable_column_needs_std_optional_field)
#undef SQLX_DETAIL_REPORTED_BY_QUERY_CHECK
template <fixed_string Query, fixed_string Column, fixed_string PgType, fixed_string CppType>
void nullable_column_needs_std_optional_or_a_not_null_override_as_x_bang();
template <fixed_string Query, std::size_t Columns>
void query_scalar_needs_exactly_one_column();
template <fixed_string Query, fixed_string Column>
void column_label_is_not_a_cpp_identifier_alias_it_with_as();
template <fixed_string Query, fixed_string Column, fixed_string PgType>
void column_of_a_user_type_needs_an_override_as_column_colon_cpp_type();

}  // namespace sqlx::compile_error

namespace sqlx::detail {

template <typename T>
struct is_optional : std::false_type {};
template <typename T>
struct is_optional<std::optional<T>> : std::true_type {};

template <typename T>
struct without_optional {
  using type = T;
};
template <typename T>
struct without_optional<std::optional<T>> {
  using type = T;
};

// A computed label as a string of its exact length: compilers print such a template argument
// as a string (clang prints a longer, zero-padded array as numbers).
template <label L>
inline constexpr auto exact = fixed_string<L.view().size() + 1>(L.view());

consteval label parameter_label(std::size_t index) {
  label text;
  text.value[0] = '$';
  std::size_t digits = 1;
  for (std::size_t n = index + 1; n >= 10; n /= 10) ++digits;
  for (std::size_t i = digits, n = index + 1; i > 0; --i, n /= 10) {
    text.value[i] = static_cast<char>('0' + n % 10);
  }
  return text;
}

template <typename Arg>
constexpr bool bind_argument_accepts(std::string_view pg_type) {
  using T = std::remove_cvref_t<Arg>;
  if constexpr (std::is_same_v<T, std::nullopt_t>) {
    return true;  // NULL fits any parameter
  } else {
    return ::sqlx::pg::accepts_pg_type<typename without_optional<T>::type>(pg_type);
  }
}

template <typename Meta>
consteval bool query_text_matches(std::string_view text) {
  if constexpr (Meta::known) {
    return Meta::text == text;
  } else {
    return false;
  }
}

template <fixed_string Query>
using metadata_of = query_metadata<query_hash(Query.view())>;

// Each check returns whether it passed: a failure is a compile error of its own, except under
// query-check, where the result only decides that bind() returns no runnable query.
template <fixed_string Query>
consteval bool check_known() {
  if (!query_text_matches<metadata_of<Query>>(Query.view())) {
    compile_error::query_has_no_metadata_in_sqlx_cpp_dir_run_sqlcheck_prepare<Query>();
    return false;
  }
  return true;
}

template <fixed_string Query, std::size_t I, typename Arg>
consteval bool check_bind_argument() {
  using meta = metadata_of<Query>;
  if constexpr (!bind_argument_accepts<Arg>(meta::parameters[I])) {
    compile_error::bind_argument_type_does_not_match_parameter<
        Query, exact<label(parameter_label(I))>, exact<label(meta::parameters[I])>,
        exact<label(::sqlx::pg::cpp_type_name<std::remove_cvref_t<Arg>>)>>();
    return false;
  } else {
    return true;
  }
}

template <fixed_string Query, typename... Args, std::size_t... I>
consteval bool check_bind_arguments(std::index_sequence<I...>) {
  using meta = metadata_of<Query>;
  if constexpr (meta::parameters.size() != sizeof...(Args)) {
    compile_error::wrong_number_of_bind_arguments<Query, meta::parameters.size(),
                                                  sizeof...(Args)>();
    return false;
  } else {
    bool ok = true;
    ((ok = check_bind_argument<Query, I, Args>() && ok), ...);  // every argument is checked
    return ok;
  }
}

// The index of Row's field called `name`, or the field count when there is none.
template <typename Row>
consteval std::size_t field_index(std::string_view name) {
  return []<std::size_t... F>(std::string_view wanted, std::index_sequence<F...>) {
    std::size_t index = sizeof...(F);
    ((index == sizeof...(F) && field_name<Row, F>() == wanted ? (index = F) : 0), ...);
    return index;
  }
  (name, std::make_index_sequence<field_count<Row>()>{});
}

template <typename Meta>
consteval bool has_column(std::string_view name) {
  for (const auto& column : Meta::columns) {
    if (column.name == name) return true;
  }
  return false;
}

template <fixed_string Query, typename Row, std::size_t C>
consteval bool check_column_field() {
  using meta = metadata_of<Query>;
  constexpr column_info column = meta::columns[C];
  constexpr std::size_t field = field_index<Row>(column.name);
  if constexpr (field == field_count<Row>()) {
    compile_error::struct_has_no_field_for_column<Query, exact<label(column.name)>,
                                                  exact<label(column.pg_type)>>();
    return false;
  } else {
    using type = field_type<Row, field>;
    using value_type = typename without_optional<type>::type;
    if constexpr (!::sqlx::pg::accepts_pg_type<value_type>(column.pg_type)) {
      compile_error::field_type_does_not_match_column<
          Query, exact<label(column.name)>, exact<label(column.pg_type)>,
          exact<label(::sqlx::pg::cpp_type_name<type>)>>();
      return false;
    } else if constexpr (column.nullable == nullability::nullable && !is_optional<type>::value) {
      compile_error::nullable_column_needs_std_optional_field<
          Query, exact<label(column.name)>, exact<label(column.pg_type)>,
          exact<label(::sqlx::pg::cpp_type_name<type>)>>();
      return false;
    } else {
      return true;
    }
  }
}

template <fixed_string Query, typename Row, std::size_t F>
consteval bool check_field_column() {
  if constexpr (!has_column<metadata_of<Query>>(field_name<Row, F>())) {
    compile_error::struct_field_has_no_column<Query, exact<label(field_name<Row, F>())>>();
    return false;
  } else {
    return true;
  }
}

// SQLX_QUERY_AS: every column has a field of its name and a fitting type, and every field a
// column.
template <fixed_string Query, typename Row, std::size_t... C, std::size_t... F>
consteval bool check_struct_fields(std::index_sequence<C...>, std::index_sequence<F...>) {
  bool ok = true;
  ((ok = check_column_field<Query, Row, C>() && ok), ...);
  ((ok = check_field_column<Query, Row, F>() && ok), ...);
  return ok;
}

enum class query_kind { anonymous, as, scalar };

template <fixed_string Query, query_kind Kind, std::size_t C>
consteval void check_anonymous_column() {
  using meta = metadata_of<Query>;
  constexpr column_info column = meta::columns[C];
  if constexpr (Kind == query_kind::anonymous && !meta::column_is_identifier[C]) {
    compile_error::column_label_is_not_a_cpp_identifier_alias_it_with_as<
        Query, exact<label(column.label)>>();
  } else if constexpr (!meta::column_has_cpp_type[C]) {
    compile_error::column_of_a_user_type_needs_an_override_as_column_colon_cpp_type<
        Query, exact<label(column.name)>, exact<label(column.pg_type)>>();
  }
}

// Anonymous rows and scalars: every column can become a member / the value.
template <fixed_string Query, query_kind Kind, std::size_t... C>
consteval void check_anonymous_columns(std::index_sequence<C...>) {
  using meta = metadata_of<Query>;
  if constexpr (Kind == query_kind::scalar && meta::columns.size() != 1) {
    compile_error::query_scalar_needs_exactly_one_column<Query, meta::columns.size()>();
  } else {
    (check_anonymous_column<Query, Kind, C>(), ...);
  }
}

template <fixed_string Query, query_kind Kind, typename Row, typename... Args>
consteval bool check_query() {
  bool ok = check_known<Query>();
  if constexpr (query_text_matches<metadata_of<Query>>(Query.view())) {
    ok = check_bind_arguments<Query, Args...>(std::index_sequence_for<Args...>{}) && ok;
    if constexpr (Kind == query_kind::as) {
      ok = check_struct_fields<Query, Row>(
               std::make_index_sequence<metadata_of<Query>::columns.size()>{},
               std::make_index_sequence<field_count<Row>()>{}) &&
           ok;
    } else {
      check_anonymous_columns<Query, Kind>(
          std::make_index_sequence<metadata_of<Query>::columns.size()>{});
    }
  }
  return ok;
}

// Converted from the SQL literal at the call site: the conversion is where the checks run.
#if defined(SQLX_CPP_QUERY_CHECK)
// Under query-check a failed check is not an error here, so bind() asks whether the query
// passed before it builds a runnable query (query-check reports the failure itself).
template <fixed_string Query, query_kind Kind, typename Row, typename... Args>
inline constexpr bool passes_checks = check_query<Query, Kind, Row, Args...>();
#endif

template <fixed_string Query, query_kind Kind, typename Row, typename... Args>
struct checked_sql {
  template <std::size_t N>
  consteval checked_sql(const char (&)[N]) {
    check_query<Query, Kind, Row, Args...>();
  }
  template <std::size_t N>
  consteval checked_sql(const char8_t (&)[N]) {
    check_query<Query, Kind, Row, Args...>();
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
  // The rule check_bind_argument applies (std::nullopt fits anything); for a field's type the
  // same as check_column_field's, which strips std::optional as accepts_pg_type does.
  static constexpr bool accepts(const char* pg_type) noexcept {
    return detail::bind_argument_accepts<T>(pg_type);
  }
  static constexpr const char* name() noexcept { return ::sqlx::pg::cpp_type_name<T>.data(); }
  static constexpr bool is_optional() noexcept { return detail::is_optional<T>::value; }
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
      (use_probe<detail::field_type<Row, F>>(), ...);
    }
    (std::make_index_sequence<detail::field_count<Row>()>{});
  }
}

}  // namespace sqlx::query_check
#endif
