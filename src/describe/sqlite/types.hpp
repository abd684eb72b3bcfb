// SQLite's types as sqlx 0.8 names them. sqlx's offline files serialize its `DataType`
// variant names as `type_info` ("Null", "Integer", "Float", "Text", "Blob", "Numeric", "Bool",
// "Int4", "Date", "Time", "Datetime"); the upper-case name (`TypeInfo::name`: "INTEGER",
// "REAL", ...) is the `type_name` / `sqlite_type` key.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace sqlx::core::sqlite {

enum class sql_type : std::uint8_t {
  null,  // no type known (an expression of unknown type, a column declared without one)
  integer,
  int4,
  real,
  text,
  blob,
  numeric,
  boolean,
  date,
  time,
  datetime,
};

// sqlx's serialized variant name ("Integer", "Float", ...).
[[nodiscard]] std::string_view type_info_of(sql_type type) noexcept;

// The upper-case name ("INTEGER", "REAL", ...; Int4 is "INTEGER" as sqlx names it).
[[nodiscard]] std::string_view type_name_of(sql_type type) noexcept;

// A declared column type, mapped as sqlx's `DataType::from_str` does (int4, int8,
// bool/boolean, date, time, datetime/timestamp, then SQLite's affinity rules by substring).
// A declared type sqlx does not recognise ("NUMERIC", "DECIMAL(10,2)", "JSON") has NUMERIC
// affinity in SQLite: numeric. An empty declaration is `null` (any value).
[[nodiscard]] sql_type type_of_declaration(std::string_view declared);

// The inverse of type_name_of for the names in metadata files; nullopt for another name.
[[nodiscard]] std::optional<sql_type> type_of_name(std::string_view name);

// The type sqlx's serialized name stands for ("Integer" -> integer); nullopt for another name.
[[nodiscard]] std::optional<sql_type> type_of_info(std::string_view info);

// Whether values of the type are stored with INTEGER affinity (integer, int4, boolean).
[[nodiscard]] bool is_integer_like(sql_type type) noexcept;

}  // namespace sqlx::core::sqlite
