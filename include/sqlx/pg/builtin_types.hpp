// PostgreSQL's built-in types, in one table that every other place reads: the tools spell
// type_info from it (describe/pg/type_names), the generated header takes its default C++ types
// from it (codegen), the runtime knows result-column OIDs without asking the server
// (checked_query.cpp), and each codec takes its OID from it by name (types/*.hpp).
//
// To support a new built-in type: add (or complete) its row here, then write its codec in
// types/. The checked-query header includes this file, whose compile time is benchmarked:
// plain constexpr data and loops only (no <algorithm>, <map>, <optional>).
#pragma once

#include <cstddef>
#include <string_view>

#include "sqlx/pg/type_traits.hpp"

namespace sqlx::pg {

struct builtin_type {
  std::string_view pg_name;    // pg_type.typname, as `.sqlx-cpp/` spells it: "int8", "_text"
  oid type_oid;                // pg_type.oid
  oid array_oid;               // pg_type.typarray when that array is in this table, else 0
  std::string_view sqlx_name;  // sqlx's name, the type_info of `.sqlx-cpp/`: "Int8", "TextArray"
  // The generated header's C++ type for a column of this type; empty when there is none (an
  // override "x: T" is needed). Arrays leave it empty: they are std::vector of the element's.
  std::string_view cpp_type;
};

// The built-in types sqlx has a name for (the others, such as tsvector, sqlx spells as
// Custom, and so do we). Sorted by OID; values from PostgreSQL's pg_type.dat (an integration
// test compares them with pg_type on a real server).
inline constexpr builtin_type builtin_types[] = {
    {"bool", 16, 1000, "Bool", "bool"},
    {"bytea", 17, 1001, "Bytea", "std::vector<std::byte>"},
    {"char", 18, 1002, "Char", ""},
    {"name", 19, 1003, "Name", "std::string"},
    {"int8", 20, 1016, "Int8", "std::int64_t"},
    {"int2", 21, 1005, "Int2", "std::int16_t"},
    {"int4", 23, 1007, "Int4", "std::int32_t"},
    {"text", 25, 1009, "Text", "std::string"},
    {"oid", 26, 1028, "Oid", ""},
    {"json", 114, 199, "Json", "nlohmann::json"},
    {"_json", 199, 0, "JsonArray", ""},
    {"point", 600, 1017, "Point", ""},
    {"lseg", 601, 1018, "Lseg", ""},
    {"path", 602, 1019, "Path", ""},
    {"box", 603, 1020, "Box", ""},
    {"polygon", 604, 1027, "Polygon", ""},
    {"line", 628, 629, "Line", ""},
    {"_line", 629, 0, "LineArray", ""},
    {"cidr", 650, 651, "Cidr", "::sqlx::pg::inet"},
    {"_cidr", 651, 0, "CidrArray", ""},
    {"float4", 700, 1021, "Float4", "float"},
    {"float8", 701, 1022, "Float8", "double"},
    {"unknown", 705, 0, "Unknown", ""},
    {"circle", 718, 719, "Circle", ""},
    {"_circle", 719, 0, "CircleArray", ""},
    {"macaddr8", 774, 775, "Macaddr8", ""},
    {"_macaddr8", 775, 0, "Macaddr8Array", ""},
    {"money", 790, 791, "Money", ""},
    {"_money", 791, 0, "MoneyArray", ""},
    {"macaddr", 829, 1040, "Macaddr", ""},
    {"inet", 869, 1041, "Inet", "::sqlx::pg::inet"},
    {"_bool", 1000, 0, "BoolArray", ""},
    {"_bytea", 1001, 0, "ByteaArray", ""},
    {"_char", 1002, 0, "CharArray", ""},
    {"_name", 1003, 0, "NameArray", ""},
    {"_int2", 1005, 0, "Int2Array", ""},
    {"_int4", 1007, 0, "Int4Array", ""},
    {"_text", 1009, 0, "TextArray", ""},
    {"_bpchar", 1014, 0, "BpcharArray", ""},
    {"_varchar", 1015, 0, "VarcharArray", ""},
    {"_int8", 1016, 0, "Int8Array", ""},
    {"_point", 1017, 0, "PointArray", ""},
    {"_lseg", 1018, 0, "LsegArray", ""},
    {"_path", 1019, 0, "PathArray", ""},
    {"_box", 1020, 0, "BoxArray", ""},
    {"_float4", 1021, 0, "Float4Array", ""},
    {"_float8", 1022, 0, "Float8Array", ""},
    {"_polygon", 1027, 0, "PolygonArray", ""},
    {"_oid", 1028, 0, "OidArray", ""},
    {"_macaddr", 1040, 0, "MacaddrArray", ""},
    {"_inet", 1041, 0, "InetArray", ""},
    {"bpchar", 1042, 1014, "Bpchar", "std::string"},
    {"varchar", 1043, 1015, "Varchar", "std::string"},
    {"date", 1082, 1182, "Date", "std::chrono::sys_days"},
    {"time", 1083, 1183, "Time", "::sqlx::pg::time_of_day"},
    {"timestamp", 1114, 1115, "Timestamp", "std::chrono::local_time<std::chrono::microseconds>"},
    {"_timestamp", 1115, 0, "TimestampArray", ""},
    {"_date", 1182, 0, "DateArray", ""},
    {"_time", 1183, 0, "TimeArray", ""},
    {"timestamptz", 1184, 1185, "Timestamptz", "std::chrono::sys_time<std::chrono::microseconds>"},
    {"_timestamptz", 1185, 0, "TimestamptzArray", ""},
    {"interval", 1186, 1187, "Interval", "::sqlx::pg::interval"},
    {"_interval", 1187, 0, "IntervalArray", ""},
    {"_numeric", 1231, 0, "NumericArray", ""},
    {"timetz", 1266, 1270, "Timetz", ""},
    {"_timetz", 1270, 0, "TimetzArray", ""},
    {"bit", 1560, 1561, "Bit", ""},
    {"_bit", 1561, 0, "BitArray", ""},
    {"varbit", 1562, 1563, "Varbit", ""},
    {"_varbit", 1563, 0, "VarbitArray", ""},
    {"numeric", 1700, 1231, "Numeric", "::sqlx::pg::numeric"},
    {"record", 2249, 2287, "Record", ""},
    {"void", 2278, 0, "Void", ""},
    {"_record", 2287, 0, "RecordArray", ""},
    {"uuid", 2950, 2951, "Uuid", "::sqlx::pg::uuid"},
    {"_uuid", 2951, 0, "UuidArray", ""},
    {"jsonb", 3802, 3807, "Jsonb", "nlohmann::json"},
    {"_jsonb", 3807, 0, "JsonbArray", ""},
    {"int4range", 3904, 3905, "Int4Range", ""},
    {"_int4range", 3905, 0, "Int4RangeArray", ""},
    {"numrange", 3906, 3907, "NumRange", ""},
    {"_numrange", 3907, 0, "NumRangeArray", ""},
    {"tsrange", 3908, 3909, "TsRange", ""},
    {"_tsrange", 3909, 0, "TsRangeArray", ""},
    {"tstzrange", 3910, 3911, "TstzRange", ""},
    {"_tstzrange", 3911, 0, "TstzRangeArray", ""},
    {"daterange", 3912, 3913, "DateRange", ""},
    {"_daterange", 3913, 0, "DateRangeArray", ""},
    {"int8range", 3926, 3927, "Int8Range", ""},
    {"_int8range", 3927, 0, "Int8RangeArray", ""},
    {"jsonpath", 4072, 4073, "Jsonpath", ""},
    {"_jsonpath", 4073, 0, "JsonpathArray", ""},
};

inline constexpr std::size_t builtin_type_count = sizeof builtin_types / sizeof builtin_types[0];

// The lookups work on indexes and compare no pointers: GCC's -fsanitize=undefined makes a
// comparison of a pointer into the table with nullptr "not a constant expression", and the
// codecs' OIDs are computed at compile time in that build too. An index equal to
// builtin_type_count means "not in the table".

// The index of the type named `pg_name` ("int8", "_text").
constexpr std::size_t builtin_type_index(std::string_view pg_name) noexcept {
  for (std::size_t i = 0; i < builtin_type_count; ++i) {
    if (builtin_types[i].pg_name == pg_name) return i;
  }
  return builtin_type_count;
}

// The index of the type with OID `type_oid`.
constexpr std::size_t builtin_type_index(oid type_oid) noexcept {
  std::size_t low = 0;
  std::size_t high = builtin_type_count;
  while (low < high) {  // binary search: the table is sorted by OID
    const std::size_t middle = low + (high - low) / 2;
    if (builtin_types[middle].type_oid < type_oid) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low < builtin_type_count && builtin_types[low].type_oid == type_oid ? low
                                                                             : builtin_type_count;
}

// The index of the type sqlx spells `sqlx_name` ("Int8"): reads sqlx's own files, which have
// no PostgreSQL names.
constexpr std::size_t builtin_type_index_by_sqlx_name(std::string_view sqlx_name) noexcept {
  for (std::size_t i = 0; i < builtin_type_count; ++i) {
    if (builtin_types[i].sqlx_name == sqlx_name) return i;
  }
  return builtin_type_count;
}

// The row at `index`; nullptr for builtin_type_count.
constexpr const builtin_type* builtin_type_at(std::size_t index) noexcept {
  return index < builtin_type_count ? &builtin_types[index] : nullptr;
}

// The row of the type named `pg_name` ("int8", "_text"); nullptr for any other name.
constexpr const builtin_type* find_builtin_type(std::string_view pg_name) noexcept {
  return builtin_type_at(builtin_type_index(pg_name));
}

// The row of the type with OID `type_oid`; nullptr for any other OID.
constexpr const builtin_type* find_builtin_type(oid type_oid) noexcept {
  return builtin_type_at(builtin_type_index(type_oid));
}

// The row of the type sqlx spells `sqlx_name`; nullptr for any other name.
constexpr const builtin_type* find_builtin_type_by_sqlx_name(std::string_view sqlx_name) noexcept {
  return builtin_type_at(builtin_type_index_by_sqlx_name(sqlx_name));
}

// The OID of the built-in type `pg_name`; 0 for any other (a user type, known at run time).
constexpr oid builtin_type_oid(std::string_view pg_name) noexcept {
  const std::size_t i = builtin_type_index(pg_name);
  return i < builtin_type_count ? builtin_types[i].type_oid : 0;
}

// The OID of the built-in type `pg_name`, for the codecs: a name missing from the table is a
// compile error, not a silent 0 (the codecs initialise a constexpr member with it). constexpr,
// not consteval: clang 14 (clangd 14) rejects a consteval call on a template's reference
// parameter before instantiation.
constexpr oid codec_type_oid(std::string_view pg_name) {
  const std::size_t i = builtin_type_index(pg_name);
  if (i == builtin_type_count) throw "not in sqlx::pg::builtin_types";  // not a constant expression
  return builtin_types[i].type_oid;
}

// The OID of the array of the built-in type `element`; 0 for any other (the server infers it).
constexpr oid builtin_array_oid(oid element) noexcept {
  const std::size_t i = builtin_type_index(element);
  return i < builtin_type_count ? builtin_types[i].array_oid : 0;
}

}  // namespace sqlx::pg
