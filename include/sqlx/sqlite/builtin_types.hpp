// SQLite's types as sqlx 0.8 names them, in one table that every other place reads: the
// describe side spells `.sqlx-cpp/`'s type_info from it, the generated header takes its
// default C++ types from it (codegen), and the codecs (types.hpp) name their storage from it.
// Plain constexpr data: the checked-query header includes it.
#pragma once

#include <cstddef>
#include <string_view>

namespace sqlx::sqlite {

// SQLite's storage classes, as sqlite3_column_type reports them.
enum class storage : unsigned char { integer = 1, real = 2, text = 3, blob = 4, null = 5 };

struct builtin_type {
  // sqlx's name of the type (its type_info), which `.sqlx-cpp/` records: "INTEGER", "DATETIME".
  std::string_view name;
  // How sqlx-cpp stores a value of the type (what its default C++ type binds as).
  storage stored_as;
  // The generated header's C++ type for a column of this type; empty when there is none.
  std::string_view cpp_type;
};

// sqlx 0.8's SQLite type names (sqlx-sqlite's DataType). The declared type of a column maps to
// one by SQLite's affinity rules plus sqlx's names for BOOLEAN, DATE, TIME and DATETIME.
inline constexpr builtin_type builtin_types[] = {
    {"NULL", storage::null, ""},
    {"INTEGER", storage::integer, "std::int64_t"},
    {"REAL", storage::real, "double"},
    {"TEXT", storage::text, "std::string"},
    {"BLOB", storage::blob, "std::vector<std::byte>"},
    // NUMERIC affinity keeps integers as INTEGER and other numbers as REAL: read as double.
    {"NUMERIC", storage::real, "double"},
    {"BOOLEAN", storage::integer, "bool"},
    // Dates and times are TEXT as sqlx writes them (docs/sqlite.md, "Dates and times").
    {"DATE", storage::text, "std::chrono::sys_days"},
    {"TIME", storage::text, "::sqlx::pg::time_of_day"},
    {"DATETIME", storage::text, "std::chrono::sys_time<std::chrono::microseconds>"},
};

// The row of `name`, or nullptr.
constexpr const builtin_type* find_builtin_type(std::string_view name) noexcept {
  for (const builtin_type& type : builtin_types) {
    if (type.name == name) return &type;
  }
  return nullptr;
}

}  // namespace sqlx::sqlite
