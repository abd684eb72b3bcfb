#include "describe/pg/type_names.hpp"

#include <algorithm>
#include <array>

namespace sqlx::core {
namespace {

// Sorted by OID (checked by a test). Values from PostgreSQL's pg_type.dat.
constexpr std::array builtin_types = {
    builtin_type{16, "Bool", "bool"},
    builtin_type{17, "Bytea", "bytea"},
    builtin_type{18, "Char", "char"},
    builtin_type{19, "Name", "name"},
    builtin_type{20, "Int8", "int8"},
    builtin_type{21, "Int2", "int2"},
    builtin_type{23, "Int4", "int4"},
    builtin_type{25, "Text", "text"},
    builtin_type{26, "Oid", "oid"},
    builtin_type{114, "Json", "json"},
    builtin_type{199, "JsonArray", "_json"},
    builtin_type{600, "Point", "point"},
    builtin_type{601, "Lseg", "lseg"},
    builtin_type{602, "Path", "path"},
    builtin_type{603, "Box", "box"},
    builtin_type{604, "Polygon", "polygon"},
    builtin_type{628, "Line", "line"},
    builtin_type{629, "LineArray", "_line"},
    builtin_type{650, "Cidr", "cidr"},
    builtin_type{651, "CidrArray", "_cidr"},
    builtin_type{700, "Float4", "float4"},
    builtin_type{701, "Float8", "float8"},
    builtin_type{705, "Unknown", "unknown"},
    builtin_type{718, "Circle", "circle"},
    builtin_type{719, "CircleArray", "_circle"},
    builtin_type{774, "Macaddr8", "macaddr8"},
    builtin_type{775, "Macaddr8Array", "_macaddr8"},
    builtin_type{790, "Money", "money"},
    builtin_type{791, "MoneyArray", "_money"},
    builtin_type{829, "Macaddr", "macaddr"},
    builtin_type{869, "Inet", "inet"},
    builtin_type{1000, "BoolArray", "_bool"},
    builtin_type{1001, "ByteaArray", "_bytea"},
    builtin_type{1002, "CharArray", "_char"},
    builtin_type{1003, "NameArray", "_name"},
    builtin_type{1005, "Int2Array", "_int2"},
    builtin_type{1007, "Int4Array", "_int4"},
    builtin_type{1009, "TextArray", "_text"},
    builtin_type{1014, "BpcharArray", "_bpchar"},
    builtin_type{1015, "VarcharArray", "_varchar"},
    builtin_type{1016, "Int8Array", "_int8"},
    builtin_type{1017, "PointArray", "_point"},
    builtin_type{1018, "LsegArray", "_lseg"},
    builtin_type{1019, "PathArray", "_path"},
    builtin_type{1020, "BoxArray", "_box"},
    builtin_type{1021, "Float4Array", "_float4"},
    builtin_type{1022, "Float8Array", "_float8"},
    builtin_type{1027, "PolygonArray", "_polygon"},
    builtin_type{1028, "OidArray", "_oid"},
    builtin_type{1040, "MacaddrArray", "_macaddr"},
    builtin_type{1041, "InetArray", "_inet"},
    builtin_type{1042, "Bpchar", "bpchar"},
    builtin_type{1043, "Varchar", "varchar"},
    builtin_type{1082, "Date", "date"},
    builtin_type{1083, "Time", "time"},
    builtin_type{1114, "Timestamp", "timestamp"},
    builtin_type{1115, "TimestampArray", "_timestamp"},
    builtin_type{1182, "DateArray", "_date"},
    builtin_type{1183, "TimeArray", "_time"},
    builtin_type{1184, "Timestamptz", "timestamptz"},
    builtin_type{1185, "TimestamptzArray", "_timestamptz"},
    builtin_type{1186, "Interval", "interval"},
    builtin_type{1187, "IntervalArray", "_interval"},
    builtin_type{1231, "NumericArray", "_numeric"},
    builtin_type{1266, "Timetz", "timetz"},
    builtin_type{1270, "TimetzArray", "_timetz"},
    builtin_type{1560, "Bit", "bit"},
    builtin_type{1561, "BitArray", "_bit"},
    builtin_type{1562, "Varbit", "varbit"},
    builtin_type{1563, "VarbitArray", "_varbit"},
    builtin_type{1700, "Numeric", "numeric"},
    builtin_type{2249, "Record", "record"},
    builtin_type{2278, "Void", "void"},
    builtin_type{2287, "RecordArray", "_record"},
    builtin_type{2950, "Uuid", "uuid"},
    builtin_type{2951, "UuidArray", "_uuid"},
    builtin_type{3802, "Jsonb", "jsonb"},
    builtin_type{3807, "JsonbArray", "_jsonb"},
    builtin_type{3904, "Int4Range", "int4range"},
    builtin_type{3905, "Int4RangeArray", "_int4range"},
    builtin_type{3906, "NumRange", "numrange"},
    builtin_type{3907, "NumRangeArray", "_numrange"},
    builtin_type{3908, "TsRange", "tsrange"},
    builtin_type{3909, "TsRangeArray", "_tsrange"},
    builtin_type{3910, "TstzRange", "tstzrange"},
    builtin_type{3911, "TstzRangeArray", "_tstzrange"},
    builtin_type{3912, "DateRange", "daterange"},
    builtin_type{3913, "DateRangeArray", "_daterange"},
    builtin_type{3926, "Int8Range", "int8range"},
    builtin_type{3927, "Int8RangeArray", "_int8range"},
    builtin_type{4072, "Jsonpath", "jsonpath"},
    builtin_type{4073, "JsonpathArray", "_jsonpath"},
};

static_assert(std::ranges::is_sorted(builtin_types, {}, &builtin_type::oid));

}  // namespace

std::optional<builtin_type> find_builtin_type(std::uint32_t oid) {
  const auto it = std::ranges::lower_bound(builtin_types, oid, {}, &builtin_type::oid);
  if (it == builtin_types.end() || it->oid != oid) return std::nullopt;
  return *it;
}

std::optional<builtin_type> find_builtin_type_by_sqlx_name(std::string_view sqlx_name) {
  const auto it = std::ranges::find(builtin_types, sqlx_name, &builtin_type::sqlx_name);
  if (it == builtin_types.end()) return std::nullopt;
  return *it;
}

}  // namespace sqlx::core
