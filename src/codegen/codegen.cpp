#include "codegen/codegen.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>

#include "metadata/dynamic_index.hpp"
#include "scan/dynamic_parts.hpp"
#include "sqlx/detail/fnv1a.hpp"
#include "sqlx/pg/builtin_types.hpp"
#include "sqlx/sqlite/builtin_types.hpp"

namespace sqlx::core {
namespace fs = std::filesystem;
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The hash the header computes from the literal (sqlx::detail::query_hash).
std::uint64_t query_hash(std::string_view text) {
  return sqlx::detail::fnv1a(text.data(), text.size());
}

// A raw string literal holding `text` exactly, with a delimiter that does not occur in it.
std::string raw_literal(std::string_view text) {
  std::string delimiter = "sqlx";
  for (int n = 0; text.find(")" + delimiter + "\"") != std::string_view::npos; ++n) {
    delimiter = fmt::format("sqlx{}", n);
  }
  return fmt::format("R\"{}({}){}\"", delimiter, text, delimiter);
}

// An ordinary literal for short strings (names, types).
std::string literal(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
      continue;
    }
    out += c;
  }
  return out + "\"";
}

struct column_plan {
  column_label label;
  std::string raw_label;
  std::string pg_type;
  bool nullable = true;
  bool identifier = false;
  std::optional<std::string> value_type;            // the member's type without optional
  std::string outer_row;                            // nested structs: see column_info::outer_row
  std::vector<composite_field_description> fields;  // a whole row "x.*": its fields
};

// The generated header's C++ type for a SQLite type (include/sqlx/sqlite/builtin_types.hpp).
std::optional<std::string> sqlite_cpp_type_for(std::string_view type) {
  if (const sqlite::builtin_type* row = sqlite::find_builtin_type(type);
      row != nullptr && !row->cpp_type.empty()) {
    return std::string(row->cpp_type);
  }
  return std::nullopt;
}

column_plan plan_column(const column_description& column, database db) {
  column_plan plan;
  plan.raw_label = column.name;
  plan.label = parse_column_label(column.name);
  plan.pg_type = column.type.type_name;
  plan.nullable = column.nullable.value_or(true);
  if (plan.label.force_not_null) plan.nullable = false;
  if (plan.label.force_nullable) plan.nullable = true;
  plan.identifier = is_cpp_identifier(plan.label.name);
  // A `?` override says NULL is possible: the outer row's promise is then not used.
  if (plan.nullable && !plan.label.force_nullable) plan.outer_row = column.outer_row;
  plan.fields = column.fields;
  if (!plan.label.override_type.empty()) {
    plan.value_type = fmt::format(
        "::sqlx::detail::named_type<::sqlx::detail::label(std::string_view({})), "
        "Deferred>",
        literal(plan.label.override_type));
  } else if (auto type = db == database::sqlite ? sqlite_cpp_type_for(plan.pg_type)
                                                : cpp_type_for(plan.pg_type)) {
    plan.value_type = *type;
  }
  return plan;
}

std::string member_type(const column_plan& column) {
  if (!column.value_type) return "void*";  // never used: the checks stop the build first
  return column.nullable ? fmt::format("std::optional<{}>", *column.value_type)
                         : *column.value_type;
}

std::vector<column_plan> plan_columns(const query_description& query) {
  std::vector<column_plan> columns;
  for (const auto& column : query.columns) columns.push_back(plan_column(column, query.db));
  return columns;
}

// The members of a query's anonymous row ("    std::int64_t id;\n..."), or nothing when a
// column cannot be a member (the checks reject such a query as SQLX_QUERY).
std::optional<std::string> row_members(const std::vector<column_plan>& columns) {
  const bool row_possible = std::ranges::all_of(
      columns, [](const column_plan& c) { return c.identifier && c.value_type; });
  if (!row_possible) return std::nullopt;
  std::string members;
  for (const auto& column : columns) {
    members += fmt::format("  {} {};\n", member_type(column), column.label.name);
  }
  return members;
}

// Queries whose rows have the same members share one row struct, named after a hash of its
// members: the same name means the same definition in every header, and the code for a row
// type (its reader, std::vector and std::optional of it) is compiled once, not per query.
std::string row_struct_name(std::string_view members) {
  return fmt::format("anonymous_row_{:016x}", query_hash(members));
}

void write_row_shape(std::string& out, const std::vector<column_plan>& columns);

void write_query(std::string& out, const query_description& query) {
  const std::vector<column_plan> columns = plan_columns(query);

  out +=
      fmt::format("template <>\nstruct query_metadata<0x{:016x}ULL> {{\n", query_hash(query.query));
  out += "  static constexpr bool known = true;\n";
  // Only SQLite queries say their database: PostgreSQL's headers stay as they were.
  if (query.db == database::sqlite) out += "  static constexpr database db = database::sqlite;\n";
  out += fmt::format("  static constexpr std::string_view text = {};\n", raw_literal(query.query));

  std::vector<std::string> parameters;
  for (const auto& parameter : query.parameters) parameters.push_back(literal(parameter.type_name));
  out += fmt::format("  static constexpr std::array<std::string_view, {}> parameters{{{{{}}}}};\n",
                     parameters.size(), fmt::join(parameters, ", "));

  write_row_shape(out, columns);
  out += "};\n\n";
}

// A query's columns, the C++ types of its values and its anonymous row.
void write_row_shape(std::string& out, const std::vector<column_plan>& columns) {
  std::vector<std::string> infos;
  std::vector<std::string> types;
  // A whole row's fields (nested structs), each an array before `columns`.
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (columns[c].fields.empty()) continue;
    std::vector<std::string> fields;
    for (const auto& field : columns[c].fields) {
      fields.push_back(
          fmt::format("{{.label = {}, .name = {}, .pg_type = {}, .nullable = nullability::{}, "
                      ".override_type = \"\", .identifier = {}, .has_cpp_type = {}}}",
                      literal(field.name), literal(field.name), literal(field.type_name),
                      field.nullable ? "nullable" : "not_null", is_cpp_identifier(field.name),
                      cpp_type_for(field.type_name).has_value()));
    }
    out +=
        fmt::format("  static constexpr std::array<column_info, {}> fields_{}{{{{\n      {}}}}};\n",
                    fields.size(), c, fmt::join(fields, ",\n      "));
  }
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const column_plan& column = columns[c];
    // Designated initializers: reordering column_info's members cannot swap two of them.
    infos.push_back(fmt::format(
        "{{.label = {}, .name = {}, .pg_type = {}, "
        ".nullable = nullability::{}, .override_type = {}, "
        ".identifier = {}, .has_cpp_type = {}{}{}}}",
        literal(column.raw_label), literal(column.label.name), literal(column.pg_type),
        column.nullable ? "nullable" : "not_null", literal(column.label.override_type),
        column.identifier, column.value_type.has_value(),
        column.outer_row.empty() ? std::string()
                                 : fmt::format(", .outer_row = {}", literal(column.outer_row)),
        column.fields.empty() ? std::string()
                              : fmt::format(", .fields = fields_{}.data(), .field_count = {}", c,
                                            column.fields.size())));
    types.push_back(member_type(column));
  }
  out += fmt::format("  static constexpr std::array<column_info, {}> columns{{{{\n      {}}}}};\n",
                     infos.size(), fmt::join(infos, ",\n      "));
  out +=
      fmt::format("  template <typename Deferred = void>\n  using column_types = std::tuple<{}>;\n",
                  fmt::join(types, ", "));
  if (const auto members = row_members(columns)) {
    out += fmt::format("  template <typename Deferred = void>\n  using row = {}<Deferred>;\n",
                       row_struct_name(*members));
  } else {
    out += "  template <typename Deferred = void>\n  struct row {};\n";
  }
}

// A dynamic query's index (docs/dynamic-queries.md): its literal, its parts and, in
// combination order, each combination's key and bound parameters. The header finds each
// combination's own query_metadata by that key.
// The columns of a dynamic query: its combinations' (prepare made sure that they have the same
// names and types), each nullable when it is in any combination (a filter may make a column
// not null in some of them). nullopt when a combination's metadata is missing: the header
// then reports it.
std::optional<query_description> merged_columns(
    const dynamic_query_text& query,
    const std::map<std::string_view, const query_description*>& by_text) {
  std::optional<query_description> merged;
  for (std::size_t k = 0; k < query.combinations(); ++k) {
    const auto it = by_text.find(query.expand(k).text);
    if (it == by_text.end()) return std::nullopt;
    if (!merged) {
      merged = *it->second;
      continue;
    }
    const auto& columns = it->second->columns;
    if (columns.size() != merged->columns.size()) return std::nullopt;
    for (std::size_t c = 0; c < columns.size(); ++c) {
      if (columns[c].nullable.value_or(true)) merged->columns[c].nullable = true;
    }
  }
  return merged;
}

void write_dynamic_query(std::string& out, const query_description& index,
                         const std::optional<query_description>& merged) {
  const auto query = parse_dynamic_query(index.query);
  if (!query) return;  // prepare writes no index for a plain literal
  out +=
      fmt::format("template <>\nstruct query_metadata<0x{:016x}ULL> {{\n", query_hash(index.query));
  out += "  static constexpr bool known = true;\n";
  out += fmt::format("  static constexpr std::string_view text = {};\n", raw_literal(index.query));
  out +=
      fmt::format("  static constexpr std::size_t parameter_count = {};\n", query->parameter_count);
  std::vector<std::string> parts;
  for (const auto& part : query->parts) {
    std::uint64_t parameters = 0;
    for (const auto& alternative : part.alternatives) parameters |= alternative.parameters;
    parts.push_back(fmt::format("{{.optional = {}, .values = {}, .parameters = 0x{:x}ULL}}",
                                part.optional, part.values(), parameters));
  }
  out +=
      fmt::format("  static constexpr std::array<dynamic_part_info, {}> parts{{{{\n      {}}}}};\n",
                  parts.size(), fmt::join(parts, ",\n      "));
  std::vector<std::string> combinations;
  for (std::size_t k = 0; k < query->combinations(); ++k) {
    const dynamic_combination combination = query->expand(k);
    combinations.push_back(fmt::format("{{.hash = 0x{:016x}ULL, .parameters = 0x{:x}ULL}}",
                                       query_hash(combination.text), combination.parameters));
  }
  out += fmt::format(
      "  static constexpr std::array<dynamic_combination_info, {}> combinations{{{{\n      "
      "{}}}}};\n",
      combinations.size(), fmt::join(combinations, ",\n      "));
  if (merged) write_row_shape(out, plan_columns(*merged));
  out += "};\n\n";
}

// Whether a value of this type (or its elements) is read into nlohmann::json: json and jsonb.
bool is_json(std::string_view pg_type) {
  if (pg_type.starts_with('_')) pg_type.remove_prefix(1);
  const pg::builtin_type* type = pg::find_builtin_type(pg_type);
  return type != nullptr && type->cpp_type == "nlohmann::json";
}

// Whether a query has a json/jsonb (or array of them) parameter or column.
bool uses_json(const query_description& query) {
  if (query.db == database::sqlite) return false;  // SQLite's JSON is TEXT
  return std::ranges::any_of(query.parameters,
                             [](const auto& p) { return is_json(p.type_name); }) ||
         std::ranges::any_of(query.columns,
                             [](const auto& c) { return is_json(c.type.type_name); });
}

}  // namespace

column_label parse_column_label(std::string_view label) {
  column_label parsed;
  std::string_view name = label;
  if (const auto colon = label.find(':'); colon != std::string_view::npos) {
    parsed.override_type = std::string(trim(label.substr(colon + 1)));
    name = label.substr(0, colon);
  }
  name = trim(name);
  if (name.ends_with('!')) {
    parsed.force_not_null = true;
    name.remove_suffix(1);
  } else if (name.ends_with('?')) {
    parsed.force_nullable = true;
    name.remove_suffix(1);
  }
  parsed.name = std::string(trim(name));
  return parsed;
}

bool is_cpp_identifier(std::string_view name) {
  static constexpr std::array<std::string_view, 97> keywords = {
      "alignas",       "alignof",     "and",
      "and_eq",        "asm",         "auto",
      "bitand",        "bitor",       "bool",
      "break",         "case",        "catch",
      "char",          "char8_t",     "char16_t",
      "char32_t",      "class",       "compl",
      "concept",       "const",       "consteval",
      "constexpr",     "constinit",   "const_cast",
      "continue",      "co_await",    "co_return",
      "co_yield",      "decltype",    "default",
      "delete",        "do",          "double",
      "dynamic_cast",  "else",        "enum",
      "explicit",      "export",      "extern",
      "false",         "float",       "for",
      "friend",        "goto",        "if",
      "inline",        "int",         "long",
      "mutable",       "namespace",   "new",
      "noexcept",      "not",         "not_eq",
      "nullptr",       "operator",    "or",
      "or_eq",         "private",     "protected",
      "public",        "register",    "reinterpret_cast",
      "requires",      "return",      "short",
      "signed",        "sizeof",      "static",
      "static_assert", "static_cast", "struct",
      "switch",        "template",    "this",
      "thread_local",  "throw",       "true",
      "try",           "typedef",     "typeid",
      "typename",      "union",       "unsigned",
      "using",         "virtual",     "void",
      "volatile",      "wchar_t",     "while",
      "xor",           "xor_eq",      "final",
      "override",      "import",      "module",
      "Deferred"};
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name.front())) != 0) return false;
  const bool characters_ok = std::ranges::all_of(
      name, [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; });
  return characters_ok && std::ranges::find(keywords, name) == keywords.end();
}

std::optional<std::string> cpp_type_for(std::string_view pg_type) {
  if (const pg::builtin_type* type = pg::find_builtin_type(pg_type);
      type && !type->cpp_type.empty()) {
    return std::string(type->cpp_type);
  }
  if (pg_type.starts_with('_')) {
    if (auto element = cpp_type_for(pg_type.substr(1))) {
      return fmt::format("std::vector<{}>", *element);
    }
  }
  return std::nullopt;
}

std::string generate_header(std::vector<query_description> queries) {
  std::vector<query_description> dynamic;  // dynamic queries' indexes
  for (auto& query : queries) {
    if (query.dynamic_index) dynamic.push_back(std::move(query));
  }
  std::erase_if(queries, [](const query_description& q) { return q.dynamic_index; });
  std::ranges::sort(queries, {}, [](const query_description& q) { return query_hash(q.query); });
  std::ranges::sort(dynamic, {}, [](const query_description& q) { return query_hash(q.query); });
  std::string out =
      "// Generated by `sqlcheck generate` from .sqlx-cpp/: do not edit.\n"
      "#pragma once\n\n"
      "#include <array>\n#include <optional>\n#include <string_view>\n#include <tuple>\n\n"
      "#include \"sqlx/detail/query_metadata.hpp\"\n#include \"sqlx/pg/types.hpp\"\n";
  // nlohmann::json is costly to compile: only where a query needs it.
  if (std::ranges::any_of(queries, uses_json)) out += "#include \"sqlx/pg/types/json.hpp\"\n";
  // SQLite's runtime (and sqlite3.h) only where a query needs it.
  if (std::ranges::any_of(queries, [](const auto& q) { return q.db == database::sqlite; })) {
    out += "#include \"sqlx/sqlite/checked_query.hpp\"\n";
  }
  if (!dynamic.empty()) out += "#include \"sqlx/detail/dynamic_metadata.hpp\"\n";
  out += "\nnamespace sqlx::detail {\n\n";
  std::map<std::string_view, const query_description*> by_text;
  for (const auto& query : queries) by_text.emplace(query.query, &query);
  std::vector<std::optional<query_description>> merged;
  for (const auto& index : dynamic) {
    const auto query = parse_dynamic_query(index.query);
    merged.push_back(query ? merged_columns(*query, by_text) : std::nullopt);
  }
  std::map<std::string, std::string> row_structs;  // name -> members, in name order
  for (const auto& query : queries) {
    if (const auto members = row_members(plan_columns(query))) {
      row_structs.emplace(row_struct_name(*members), *members);
    }
  }
  for (const auto& query : merged) {
    if (!query) continue;
    if (const auto members = row_members(plan_columns(*query))) {
      row_structs.emplace(row_struct_name(*members), *members);
    }
  }
  // Guards: a translation unit may include two generated headers (per-source headers of
  // sqlx_cpp_check, or a user's own), which can share rows and queries; each is defined once.
  for (const auto& [name, members] : row_structs) {
    out += fmt::format("#ifndef SQLX_CPP_{0}\n#define SQLX_CPP_{0}\n", name);
    out += fmt::format("template <typename Deferred = void>\nstruct {} {{\n{}}};\n", name, members);
    out += "#endif\n\n";
  }
  for (const auto& query : queries) {
    out += fmt::format("#ifndef SQLX_CPP_QUERY_{0:016x}\n#define SQLX_CPP_QUERY_{0:016x}\n",
                       query_hash(query.query));
    write_query(out, query);
    out += "#endif\n\n";
  }
  for (std::size_t i = 0; i < dynamic.size(); ++i) {
    const auto& index = dynamic[i];
    out += fmt::format("#ifndef SQLX_CPP_QUERY_{0:016x}\n#define SQLX_CPP_QUERY_{0:016x}\n",
                       query_hash(index.query));
    write_dynamic_query(out, index, merged[i]);
    out += "#endif\n\n";
  }
  out += "}  // namespace sqlx::detail\n";
  return out;
}

std::vector<query_description> read_metadata_dir(const fs::path& dir) {
  std::vector<query_description> queries;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return queries;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const auto name = entry.path().filename().string();
    if (is_metadata_file_name(name)) files.push_back(entry.path());
  }
  std::ranges::sort(files);
  for (const auto& file : files) {
    if (is_dynamic_index_file_name(file.filename().string())) {
      query_description index;
      index.query = read_dynamic_index_file(file).query;
      index.dynamic_index = true;
      queries.push_back(std::move(index));
      continue;
    }
    queries.push_back(read_metadata_file(file));
  }
  return queries;
}

}  // namespace sqlx::core
