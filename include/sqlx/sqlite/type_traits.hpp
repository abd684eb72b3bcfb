// How a C++ type is bound to and read from SQLite, and which SQLite types (as `.sqlx-cpp/`
// spells them: "INTEGER", "TEXT", "DATETIME", ...) it may stand for. Specialize
// sqlx::sqlite::type_traits<T> to add a type (docs/sqlite.md, "Types").
#pragma once

#include <sqlite3.h>

#include <concepts>
#include <string_view>
#include <type_traits>

#include "sqlx/pg/types/common.hpp"

namespace sqlx::sqlite {

// The primary template is left undefined: a type is usable only with a specialization.
//
// A specialization provides:
//   static constexpr std::string_view type_name;  // the SQLite type it is stored as ("INTEGER")
//   static constexpr bool accepts(std::string_view sqlite_type);
//       // whether a value of this C++ type can be read from / bound as `sqlite_type`, the
//       // name `.sqlx-cpp/` records ("INTEGER", "REAL", "TEXT", "BLOB", "NUMERIC", "BOOLEAN",
//       // "DATE", "TIME", "DATETIME", "NULL"); usable in constant expressions
//   static int bind(sqlite3_stmt* stmt, int index, const T& value);  // sqlite3_bind_*'s code
//   static T read(sqlite3_stmt* stmt, int column);  // the column is not NULL
// Parameter-only types (std::string_view, const char*) leave out `read`.
template <typename T>
struct type_traits;

template <typename T>
concept bindable = requires(sqlite3_stmt* stmt, const T& value) {
  { type_traits<T>::type_name } -> std::convertible_to<std::string_view>;
  { type_traits<T>::accepts(std::string_view{}) } -> std::same_as<bool>;
  { type_traits<T>::bind(stmt, 1, value) } -> std::same_as<int>;
};

template <typename T>
concept readable = bindable<T> && requires(sqlite3_stmt* stmt) {
  { type_traits<T>::read(stmt, 0) } -> std::same_as<T>;
};

// Whether C++ type T (optionally in std::optional) may be bound as / read from `sqlite_type`.
// An empty type is a parameter whose type `sqlcheck prepare` could not infer: anything
// SQLite can store fits. False for types without traits.
template <typename T>
constexpr bool accepts_sqlite_type(std::string_view sqlite_type) noexcept {
  using value_type = std::remove_cvref_t<pg::strip_optional_t<std::remove_cvref_t<T>>>;
  if constexpr (std::is_same_v<value_type, std::nullopt_t>) {
    return true;
  } else if constexpr (bindable<value_type>) {
    return sqlite_type.empty() || type_traits<value_type>::accepts(sqlite_type);
  } else {
    return false;
  }
}

}  // namespace sqlx::sqlite
