// The words of a type mismatch: which kind of mistake a C++ type given for a parameter or a
// field is, and the type the column or parameter does take. Only a failed check reaches this
// file's templates, so a query that passes its checks instantiates none of them.
//
// The advice is in the name of the function a failed check calls (both compilers print a
// function's name in full) and in a short "use T" template argument: clang cuts a string
// template argument after 32 characters, so the long C++ names are shortened here
// ("sys_time<microseconds>", compact_type_name).
#pragma once

#include <chrono>
#include <cstddef>
#include <span>
#include <string_view>
#include <type_traits>

#include "sqlx/detail/fixed_string.hpp"
#include "sqlx/detail/query_metadata.hpp"
#include "sqlx/pg/builtin_types.hpp"
#include "sqlx/sqlite/builtin_types.hpp"

namespace sqlx::compile_error {
using detail::fixed_string;

// Declared, never defined, not constexpr: reaching one in a constant evaluation is the error.
// `Where` is the column's name or the parameter ("$1", "?1"); `SqlType` its database type.
template <fixed_string Query, fixed_string Where, fixed_string SqlType, fixed_string CppType,
          fixed_string Use>
void field_of_a_view_type_would_dangle_read_into_an_owning_type();
template <fixed_string Query, fixed_string Where, fixed_string SqlType, fixed_string CppType,
          fixed_string Use>
void field_type_can_be_sent_but_not_read_it_is_a_parameter_only_type();
template <fixed_string Query, fixed_string Where, fixed_string SqlType, fixed_string CppType,
          fixed_string Use>
void unsigned_integer_has_no_sql_type_use_a_signed_integer();
template <fixed_string Query, fixed_string Where, fixed_string SqlType, fixed_string CppType,
          fixed_string Use>
void char_is_one_character_not_a_string_nor_an_integer();
template <fixed_string Query, fixed_string Where, fixed_string SqlType, fixed_string CppType,
          fixed_string Use>
void std_byte_is_one_byte_binary_data_is_std_vector_of_std_byte();
template <fixed_string Query, fixed_string Where, fixed_string SqlType, fixed_string CppType,
          fixed_string Use>
void timestamp_without_time_zone_is_local_time_not_sys_time();
template <fixed_string Query, fixed_string Where, fixed_string SqlType, fixed_string CppType,
          fixed_string Use>
void timestamptz_is_an_instant_use_sys_time_not_local_time();

}  // namespace sqlx::compile_error

namespace sqlx::detail {

// Which mistake a C++ type is, for a column (`reading`) or a parameter.
enum class mismatch {
  plain,               // another type: "field_type_does_not_match_column" & co.
  view_would_dangle,   // std::string_view, std::span, const char*, char[N] for a field
  parameter_only,      // has an encoder but no decoder (a time_point coarser than 1 us)
  unsigned_integer,    // PostgreSQL has none; SQLite's integers are signed 64-bit
  character,           // char, signed/unsigned char, char8_t
  single_byte,         // std::byte
  sys_time_for_local,  // a system_clock time point for `timestamp` (no time zone)
  local_for_sys_time,  // a local_t time point for `timestamptz`
};

template <typename T>
inline constexpr bool is_view_type = false;
template <>
inline constexpr bool is_view_type<std::string_view> = true;
template <>
inline constexpr bool is_view_type<const char*> = true;
template <>
inline constexpr bool is_view_type<char*> = true;
template <std::size_t N>
inline constexpr bool is_view_type<char[N]> = true;
template <typename E, std::size_t N>
inline constexpr bool is_view_type<std::span<E, N>> = true;

template <typename T>
inline constexpr bool is_time_point_of = false;
template <typename Clock, typename D>
inline constexpr bool is_time_point_of<std::chrono::time_point<Clock, D>> = true;

template <typename T, typename Clock>
inline constexpr bool is_clock_time_point = false;
template <typename Clock, typename D>
inline constexpr bool is_clock_time_point<std::chrono::time_point<Clock, D>, Clock> = true;

constexpr std::string_view without_catalog(std::string_view sql_type) {
  constexpr std::string_view catalog = "pg_catalog.";
  if (sql_type.starts_with(catalog)) sql_type.remove_prefix(catalog.size());
  return sql_type;
}

// T is the value type (no std::optional, no cv/ref); `accepted` and `readable` say what the
// checks found.
template <typename T>
constexpr mismatch classify_mismatch(std::string_view sql_type, bool reading, bool accepted,
                                     bool readable) {
  const std::string_view type = without_catalog(sql_type);
  if (reading && is_view_type<T>) return mismatch::view_would_dangle;
  if (reading && accepted && !readable) return mismatch::parameter_only;
  if constexpr (std::is_same_v<T, char> || std::is_same_v<T, signed char> ||
                std::is_same_v<T, unsigned char> || std::is_same_v<T, char8_t>) {
    return mismatch::character;
  } else if constexpr (std::is_integral_v<T> && std::is_unsigned_v<T> && !std::is_same_v<T, bool>) {
    return mismatch::unsigned_integer;
  } else if constexpr (std::is_same_v<T, std::byte>) {
    return mismatch::single_byte;
  } else if constexpr (is_clock_time_point<T, std::chrono::system_clock>) {
    return type == "timestamp" ? mismatch::sys_time_for_local : mismatch::plain;
  } else if constexpr (is_clock_time_point<T, std::chrono::local_t>) {
    return type == "timestamptz" ? mismatch::local_for_sys_time : mismatch::plain;
  } else {
    return mismatch::plain;
  }
}

// Appends `part` to `text` at `at`.
constexpr void append(label& text, std::size_t& at, std::string_view part) {
  for (const char c : part) {
    if (at + 1 < sizeof text.value) text.value[at++] = c;
  }
}

// A C++ type's name as short as clang prints a template argument in full (32 characters):
// without "std::chrono::" ("sys_time<microseconds>") nor a leading "::".
consteval label compact_type_name(std::string_view name) {
  constexpr std::string_view chrono = "std::chrono::";
  if (name.starts_with("::")) name.remove_prefix(2);
  label text;
  std::size_t at = 0;
  while (!name.empty()) {
    if (name.starts_with(chrono)) {
      name.remove_prefix(chrono.size());
    } else {
      append(text, at, name.substr(0, 1));
      name.remove_prefix(1);
    }
  }
  return text;
}

// "use std::int64_t" for int8: the type the column or parameter takes.
consteval label suggested_type(std::string_view sql_type, database db) {
  label text;
  std::size_t at = 0;
  append(text, at, "use ");
  if (db == database::sqlite) {
    const sqlite::builtin_type* row = sqlite::find_builtin_type(sql_type);
    append(
        text, at,
        row && !row->cpp_type.empty() ? compact_type_name(row->cpp_type).view() : "a mapped type");
    return text;
  }
  std::string_view type = without_catalog(sql_type);
  const bool array = type.starts_with('_') && pg::find_builtin_type(type) != nullptr;
  if (array) type.remove_prefix(1);
  const pg::builtin_type* row = pg::find_builtin_type(type);
  if (!row || row->cpp_type.empty()) {
    append(text, at, "a type mapped to it");
    return text;
  }
  if (array) append(text, at, "std::vector<");
  append(text, at, compact_type_name(row->cpp_type).view());
  if (array) append(text, at, ">");
  return text;
}

}  // namespace sqlx::detail
