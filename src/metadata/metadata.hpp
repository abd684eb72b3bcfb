// The offline metadata of one query: what `.sqlx-cpp/query-<sha256>.json` holds.
// A superset of sqlx's PostgreSQL and SQLite offline formats (docs/prepare.md, "Output").
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "sqlx/error.hpp"

namespace sqlx::core {

using ordered_json = nlohmann::ordered_json;

// The database a query runs on: its file's `db_name`.
enum class database : unsigned char { postgres, sqlite };

// "PostgreSQL" or "SQLite", as sqlx writes `db_name`.
[[nodiscard]] std::string_view db_name(database db) noexcept;

// A type, resolved.
struct type_description {
  // sqlx's spelling: "Int8", "TextArray", or {"Custom": {"name": ..., "kind": ...}} for
  // PostgreSQL; SQLite's spelling for a SQLite column; null for a SQLite parameter (sqlx
  // records only their count).
  ordered_json type_info;
  // The database's own name of the type. PostgreSQL: schema-qualified outside pg_catalog
  // ("int8", "_text", "public.mood"). SQLite: "INTEGER", "REAL", "TEXT", "BLOB", "NUMERIC",
  // "BOOLEAN", "DATE", "TIME", "DATETIME" or "NULL". Empty when unknown: a user type in a file
  // sqlx wrote, or a SQLite parameter whose type the SQL does not say (any value binds).
  std::string type_name;
};

// A field of a whole-row column's composite type (nested structs: `a AS "author.*"`).
struct composite_field_description {
  std::string name;
  std::string type_name;  // as type_description::type_name
  bool nullable = true;   // false for a NOT NULL column of a table
};

struct column_description {
  std::string name;  // the raw label, including any override suffix ("id!", "x: T")
  type_description type;
  std::optional<bool> nullable;  // nullopt = unknown (treated as nullable)
  std::string origin;            // "schema.table.column" for a plain table column, else empty
  // A nested struct's column (path label "author.name"): the outer-joined FROM item ("a")
  // whose missing row is the only way it is NULL; else empty (include/sqlx/detail/
  // nested_fields.hpp).
  std::string outer_row{};
  // A whole-row column labelled "x.*" whose type is a composite: its fields. Else empty.
  std::vector<composite_field_description> fields{};
};

struct query_description {
  database db = database::postgres;
  std::string query;
  std::vector<column_description> columns;
  std::vector<type_description> parameters;
  // A dynamic query's index (metadata/dynamic_index.hpp) as `sqlcheck generate` reads it:
  // `query` is the literal with its markers; no columns or parameters (its combinations'
  // files have them).
  bool dynamic_index = false;
};

// "query-<sha256>.json"
[[nodiscard]] std::string metadata_file_name(std::string_view query);

// Whether a file in a metadata directory is a query's file ("query-*.json", or a dynamic
// query's index "dynamic-*.json"): the files that are read, checked for staleness and removed
// when unused; the others are left alone.
[[nodiscard]] bool is_metadata_file_name(std::string_view file_name);

// The exact bytes of the file: pretty-printed, 2-space indent, trailing newline.
[[nodiscard]] std::string to_file_content(const query_description& description);

// A metadata file that cannot be used (truncated, edited by hand, another database's or a
// format this build does not read). what() is "<file>: <key>: <problem>"; the key is a path
// such as "describe.columns[1].name", empty for the file as a whole (not JSON at all).
class metadata_error : public sqlx::error {
 public:
  metadata_error(std::string file, std::string key, const std::string& problem);
  [[nodiscard]] const std::string& file() const noexcept { return file_; }
  [[nodiscard]] const std::string& key() const noexcept { return key_; }

 private:
  std::string file_;
  std::string key_;
};

// Reads a file written by to_file_content or by sqlx itself (whose files lack `sqlx_cpp`, and
// whose 0.8/0.9 versions add keys such as a column's `origin`: keys this build does not use are
// ignored). Checks every key it uses: present, of the right JSON type, `db_name` "PostgreSQL"
// or "SQLite", `hash` the SHA-256 of `query`, the arrays of one length. `file` names the file
// in errors. Throws metadata_error.
[[nodiscard]] query_description from_file_content(std::string_view content,
                                                  std::string_view file = "<metadata>");

// The one reader of a `.sqlx-cpp/` file (sqlcheck generate, query-check): from_file_content
// plus the file name's hash, which must be the file's `hash`. Throws metadata_error.
[[nodiscard]] query_description read_metadata_file(const std::filesystem::path& file);

}  // namespace sqlx::core
