// Reading `.sqlx-cpp/` files: a file may be truncated, edited by hand, or written by another
// version of sqlx, so every key used is checked and a problem is reported with the file and the
// key instead of reaching the generated header (or crashing on a missing key).
#include <fmt/format.h>

#include <cstring>

#include "describe/pg/type_names.hpp"
#include "describe/sqlite/types.hpp"
#include "metadata/digest.hpp"
#include "metadata/metadata.hpp"
#include "runtime/internal/read_file.hpp"

namespace sqlx::core {
namespace {

using value_t = ordered_json::value_t;

// Nesting allowed in a file. Types nest (an array of a composite holding an enum) but never
// deeply; the limit keeps a hostile file from exhausting the stack in the recursive copies
// and writers that handle type_info.
constexpr int k_max_depth = 64;

constexpr std::string_view k_prepare_hint = "run `sqlcheck prepare` to write it again";

[[nodiscard]] std::string_view kind_of(const ordered_json& value) {
  switch (value.type()) {
    case value_t::null:
      return "null";
    case value_t::object:
      return "an object";
    case value_t::array:
      return "an array";
    case value_t::string:
      return "a string";
    case value_t::boolean:
      return "a boolean";
    case value_t::number_integer:
    case value_t::number_unsigned:
    case value_t::number_float:
      return "a number";
    case value_t::binary:
    case value_t::discarded:
      break;
  }
  return "something else";
}

// Checks one file, naming it and the key in every error.
class file_checker {
 public:
  explicit file_checker(std::string_view file) : file_(file) {}

  [[noreturn]] void fail(const std::string& key, const std::string& problem) const {
    throw metadata_error(std::string(file_), key, problem);
  }

  // parent[name], which must be present and of type `type`.
  const ordered_json& member(const ordered_json& parent, const std::string& parent_key,
                             std::string_view name, value_t type) const {
    const std::string key =
        parent_key.empty() ? std::string(name) : fmt::format("{}.{}", parent_key, name);
    const auto it = parent.find(name);
    if (it == parent.end()) fail(key, "missing");
    expect(*it, key, type);
    return *it;
  }

  void expect(const ordered_json& value, const std::string& key, value_t type) const {
    if (value.type() != type) {
      fail(key, fmt::format("expected {}, found {}", kind_of(ordered_json(type)), kind_of(value)));
    }
  }

  // sqlx's type_info: a name ("Int8") or an object ({"Custom": {...}}).
  const ordered_json& type_info(const ordered_json& value, const std::string& key) const {
    if (!value.is_string() && !value.is_object()) {
      fail(key, fmt::format("expected a type name or an object, found {}", kind_of(value)));
    }
    if (value.is_string() && value.get_ref<const std::string&>().empty()) fail(key, "empty");
    return value;
  }

  // An array of `size` elements, as `other_key` has.
  void same_size(const ordered_json& array, const std::string& key, std::size_t size,
                 std::string_view other_key) const {
    if (array.size() != size) {
      fail(key, fmt::format("has {} elements but {} has {}", array.size(), other_key, size));
    }
  }

 private:
  std::string_view file_;
};

// A file of sqlx itself has no `sqlx_cpp`: the PostgreSQL name of a built-in type comes from
// sqlx's name for it; a user type's stays empty (`sqlcheck prepare` writes it).
[[nodiscard]] std::string pg_name_from_type_info(const ordered_json& type_info) {
  if (!type_info.is_string()) return {};
  const auto builtin = find_builtin_type_by_sqlx_name(type_info.get_ref<const std::string&>());
  return builtin ? std::string(builtin->pg_name) : std::string();
}

// The SQLite name of a type in a file sqlx wrote (no `sqlx_cpp`): "Integer" -> "INTEGER".
[[nodiscard]] std::string sqlite_name_from_type_info(const ordered_json& type_info) {
  if (!type_info.is_string()) return {};
  const auto type = sqlite::type_of_info(type_info.get_ref<const std::string&>());
  return type ? std::string(sqlite::type_name_of(*type)) : std::string();
}

[[nodiscard]] std::string index_key(std::string_view key, std::size_t i) {
  return fmt::format("{}[{}]", key, i);
}

// The parse error without nlohmann's "[json.exception.parse_error.101] " prefix.
[[nodiscard]] std::string parse_problem(const nlohmann::json::exception& e) {
  std::string_view text = e.what();
  if (text.starts_with("[json.exception.")) {
    const auto end = text.find("] ");
    if (end != std::string_view::npos) text.remove_prefix(end + 2);
  }
  return fmt::format("not valid JSON (truncated or edited by hand?): {}; {}", text, k_prepare_hint);
}

[[nodiscard]] ordered_json parse(std::string_view content, const file_checker& check) {
  bool too_deep = false;
  const ordered_json::parser_callback_t limit_depth = [&](int depth, nlohmann::json::parse_event_t,
                                                          ordered_json&) {
    if (depth > k_max_depth) too_deep = true;
    return !too_deep;  // once too deep, keep nothing more
  };
  if (content.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    check.fail("", fmt::format("empty file; {}", k_prepare_hint));
  }
  ordered_json file;
  try {
    file = ordered_json::parse(content, limit_depth);
  } catch (const nlohmann::json::exception& e) {
    // parse_error, and out_of_range for a number too large for a double (1e999)
    check.fail("", parse_problem(e));
  }
  if (too_deep) check.fail("", fmt::format("nested deeper than {} levels", k_max_depth));
  return file;
}

// The file's database, from `db_name`, and its query's hash.
[[nodiscard]] database check_header(const ordered_json& file, const file_checker& check) {
  const auto& name = check.member(file, "", "db_name", value_t::string);
  database db = database::postgres;
  if (name == db_name(database::sqlite)) {
    db = database::sqlite;
  } else if (name != db_name(database::postgres)) {
    check.fail("db_name",
               fmt::format("{} is not supported by this build (only \"PostgreSQL\" "
                           "and \"SQLite\")",
                           name.dump(-1, ' ', false, ordered_json::error_handler_t::replace)));
  }
  const auto& query = check.member(file, "", "query", value_t::string);
  const auto& hash = check.member(file, "", "hash", value_t::string);
  const std::string expected = sha256_hex(query.get_ref<const std::string&>());
  if (hash != expected) {
    check.fail("hash", fmt::format("is not the SHA-256 of `query` ({}): the file was edited by "
                                   "hand or is damaged; {}",
                                   expected, k_prepare_hint));
  }
  return db;
}

// The database's own name of a type in `sqlx_cpp`: "pg_type" (a string) for PostgreSQL,
// "sqlite_type" (a string, or null when the SQL does not say a parameter's type) for SQLite.
[[nodiscard]] std::string extra_type_name(const ordered_json& extra, const std::string& extra_key,
                                          database db, const file_checker& check) {
  if (db == database::postgres) {
    return check.member(extra, extra_key, "pg_type", value_t::string).get<std::string>();
  }
  const auto it = extra.find("sqlite_type");
  if (it == extra.end()) check.fail(extra_key + ".sqlite_type", "missing");
  if (it->is_null()) return {};
  check.expect(*it, extra_key + ".sqlite_type", value_t::string);
  return it->get<std::string>();
}

}  // namespace

metadata_error::metadata_error(std::string file, std::string key, const std::string& problem)
    : sqlx::error(key.empty() ? fmt::format("{}: {}", file, problem)
                              : fmt::format("{}: {}: {}", file, key, problem)),
      file_(std::move(file)),
      key_(std::move(key)) {}

query_description from_file_content(std::string_view content, std::string_view file_name) {
  const file_checker check(file_name);
  const ordered_json file = parse(content, check);
  check.expect(file, "", value_t::object);
  query_description description;
  description.db = check_header(file, check);
  const bool sqlite = description.db == database::sqlite;
  description.query = file.at("query").get<std::string>();
  const auto& describe = check.member(file, "", "describe", value_t::object);
  const auto& columns = check.member(describe, "describe", "columns", value_t::array);
  const auto& nullable = check.member(describe, "describe", "nullable", value_t::array);
  check.same_size(nullable, "describe.nullable", columns.size(), "describe.columns");
  const auto& parameters_object = check.member(describe, "describe", "parameters", value_t::object);
  // PostgreSQL files list the parameters' types ("Left"); SQLite files only count them ("Right").
  const std::string parameters_key =
      sqlite ? "describe.parameters.Right" : "describe.parameters.Left";
  const ordered_json* parameters = nullptr;
  std::size_t parameter_count = 0;
  if (sqlite) {
    const auto& count =
        check.member(parameters_object, "describe.parameters", "Right", value_t::number_unsigned);
    parameter_count = count.get<std::size_t>();
    if (parameter_count > 32766) {  // SQLite's SQLITE_MAX_VARIABLE_NUMBER default
      check.fail(parameters_key,
                 fmt::format("{} parameters: more than SQLite allows", parameter_count));
    }
  } else {
    parameters = &check.member(parameters_object, "describe.parameters", "Left", value_t::array);
    parameter_count = parameters->size();
  }

  // sqlx-cpp's own keys: absent from sqlx's files, complete when present.
  const ordered_json* cpp_columns = nullptr;
  const ordered_json* cpp_parameters = nullptr;
  if (file.contains("sqlx_cpp")) {
    const auto& cpp = check.member(file, "", "sqlx_cpp", value_t::object);
    cpp_columns = &check.member(cpp, "sqlx_cpp", "columns", value_t::array);
    check.same_size(*cpp_columns, "sqlx_cpp.columns", columns.size(), "describe.columns");
    cpp_parameters = &check.member(cpp, "sqlx_cpp", "parameters", value_t::array);
    check.same_size(*cpp_parameters, "sqlx_cpp.parameters", parameter_count, parameters_key);
  }

  for (std::size_t i = 0; i < columns.size(); ++i) {
    const std::string key = index_key("describe.columns", i);
    check.expect(columns[i], key, value_t::object);
    if (const auto ordinal = columns[i].find("ordinal"); ordinal != columns[i].end()) {
      if (!ordinal->is_number_unsigned() || ordinal->get<std::uint64_t>() != i) {
        check.fail(key + ".ordinal", fmt::format("expected {}, found {}", i, ordinal->dump()));
      }
    }
    column_description column;
    column.name = check.member(columns[i], key, "name", value_t::string).get<std::string>();
    const auto type_it = columns[i].find("type_info");
    if (type_it == columns[i].end()) check.fail(key + ".type_info", "missing");
    column.type.type_info = check.type_info(*type_it, key + ".type_info");
    const std::string nullable_key = index_key("describe.nullable", i);
    if (nullable[i].is_boolean()) {
      column.nullable = nullable[i].get<bool>();
    } else if (!nullable[i].is_null()) {
      check.fail(nullable_key,
                 fmt::format("expected true, false or null, found {}", kind_of(nullable[i])));
    }
    if (cpp_columns != nullptr) {
      const std::string extra_key = index_key("sqlx_cpp.columns", i);
      const auto& extra = (*cpp_columns)[i];
      check.expect(extra, extra_key, value_t::object);
      column.type.type_name = extra_type_name(extra, extra_key, description.db, check);
      if (extra.contains("origin")) {
        column.origin =
            check.member(extra, extra_key, "origin", value_t::string).get<std::string>();
      }
      if (extra.contains("outer_row")) {
        column.outer_row =
            check.member(extra, extra_key, "outer_row", value_t::string).get<std::string>();
      }
      if (extra.contains("fields")) {
        const auto& fields = check.member(extra, extra_key, "fields", value_t::array);
        for (std::size_t k = 0; k < fields.size(); ++k) {
          const std::string field_key = index_key(extra_key + ".fields", k);
          check.expect(fields[k], field_key, value_t::object);
          column.fields.push_back(
              {check.member(fields[k], field_key, "name", value_t::string).get<std::string>(),
               check.member(fields[k], field_key, "pg_type", value_t::string).get<std::string>(),
               check.member(fields[k], field_key, "nullable", value_t::boolean).get<bool>()});
        }
      }
    } else {
      column.type.type_name = sqlite ? sqlite_name_from_type_info(column.type.type_info)
                                     : pg_name_from_type_info(column.type.type_info);
    }
    description.columns.push_back(std::move(column));
  }
  for (std::size_t i = 0; i < parameter_count; ++i) {
    type_description type;
    if (parameters != nullptr) {
      type.type_info = check.type_info((*parameters)[i], index_key(parameters_key, i));
    }
    if (cpp_parameters != nullptr) {
      const std::string extra_key = index_key("sqlx_cpp.parameters", i);
      const auto& extra = (*cpp_parameters)[i];
      check.expect(extra, extra_key, value_t::object);
      type.type_name = extra_type_name(extra, extra_key, description.db, check);
    } else if (!sqlite) {
      type.type_name = pg_name_from_type_info(type.type_info);
    }
    description.parameters.push_back(std::move(type));
  }
  return description;
}

query_description read_metadata_file(const std::filesystem::path& file) {
  std::string content;
  try {
    sqlx::detail::read_file(file, content);
  } catch (const sqlx::detail::file_read_error& e) {
    throw metadata_error(file.string(), "", "cannot read: " + e.reason());
  }
  query_description description = from_file_content(content, file.string());
  // The name is how a query finds its file: a file copied or renamed by hand is not found by
  // its query, and must not stand in for another.
  const std::string expected = metadata_file_name(description.query);
  const std::string name = file.filename().string();
  if (is_metadata_file_name(name) && name != expected) {
    throw metadata_error(file.string(), "hash",
                         fmt::format("the file name does not match: a file for this `query` is "
                                     "named {}; {}",
                                     expected, k_prepare_hint));
  }
  return description;
}

}  // namespace sqlx::core
