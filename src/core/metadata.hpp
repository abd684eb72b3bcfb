// The offline metadata of one query: what `.sqlx-cpp/query-<sha256>.json` holds.
// A superset of sqlx's PostgreSQL offline format (DESIGN.md section 3).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sqlx::core {

using ordered_json = nlohmann::ordered_json;

// A PostgreSQL type, resolved.
struct type_description {
  // sqlx's spelling: "Int8", "TextArray", or {"Custom": {"name": ..., "kind": ...}}.
  ordered_json type_info;
  // The PostgreSQL name, schema-qualified outside pg_catalog: "int8", "_text", "public.mood".
  std::string pg_name;
};

struct column_description {
  std::string name;  // the raw label, including any override suffix ("id!", "x: T")
  type_description type;
  std::optional<bool> nullable;  // nullopt = unknown (treated as nullable)
  std::string origin;            // "schema.table.column" for a plain table column, else empty
};

struct query_description {
  std::string query;
  std::vector<column_description> columns;
  std::vector<type_description> parameters;
};

// "query-<sha256>.json"
[[nodiscard]] std::string metadata_file_name(std::string_view query);

// The exact bytes of the file: pretty-printed, 2-space indent, trailing newline.
[[nodiscard]] std::string to_file_content(const query_description& description);

// Reads a file written by to_file_content (or by sqlx itself: the extra keys are optional).
// Throws std::runtime_error naming what is wrong.
[[nodiscard]] query_description from_file_content(std::string_view content);

}  // namespace sqlx::core
