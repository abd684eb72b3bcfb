#include "describe/sqlite/types.hpp"

#include <array>
#include <utility>

#include "describe/sqlite/lexer.hpp"

namespace sqlx::core::sqlite {

namespace {

struct type_row {
  sql_type type;
  std::string_view info;
  std::string_view name;
};

constexpr std::array<type_row, 11> rows = {{
    {sql_type::null, "Null", "NULL"},
    {sql_type::integer, "Integer", "INTEGER"},
    {sql_type::int4, "Int4", "INTEGER"},
    {sql_type::real, "Float", "REAL"},
    {sql_type::text, "Text", "TEXT"},
    {sql_type::blob, "Blob", "BLOB"},
    {sql_type::numeric, "Numeric", "NUMERIC"},
    {sql_type::boolean, "Bool", "BOOLEAN"},
    {sql_type::date, "Date", "DATE"},
    {sql_type::time, "Time", "TIME"},
    {sql_type::datetime, "Datetime", "DATETIME"},
}};

}  // namespace

std::string_view type_info_of(sql_type type) noexcept {
  return rows[static_cast<std::size_t>(type)].info;
}

std::string_view type_name_of(sql_type type) noexcept {
  return rows[static_cast<std::size_t>(type)].name;
}

sql_type type_of_declaration(std::string_view declared) {
  const std::string s = to_lower(declared);
  if (s.empty()) return sql_type::null;
  if (s == "int4") return sql_type::int4;
  if (s == "int8") return sql_type::integer;
  if (s == "boolean" || s == "bool") return sql_type::boolean;
  if (s == "date") return sql_type::date;
  if (s == "time") return sql_type::time;
  if (s == "datetime" || s == "timestamp") return sql_type::datetime;
  auto has = [&](std::string_view part) { return s.find(part) != std::string::npos; };
  if (has("int")) return sql_type::integer;
  if (has("char") || has("clob") || has("text")) return sql_type::text;
  if (has("blob")) return sql_type::blob;
  if (has("real") || has("floa") || has("doub")) return sql_type::real;
  return sql_type::numeric;
}

std::optional<sql_type> type_of_name(std::string_view name) {
  for (const auto& row : rows) {
    if (row.name == name && row.type != sql_type::int4) return row.type;
  }
  return std::nullopt;
}

std::optional<sql_type> type_of_info(std::string_view info) {
  for (const auto& row : rows) {
    if (row.info == info) return row.type;
  }
  return std::nullopt;
}

bool is_integer_like(sql_type type) noexcept {
  return type == sql_type::integer || type == sql_type::int4 || type == sql_type::boolean;
}

}  // namespace sqlx::core::sqlite
