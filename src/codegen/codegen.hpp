// The header the compiler checks queries against, generated from `.sqlx-cpp/` with no
// database: one query_metadata specialization per query (see include/sqlx/detail/).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "metadata/metadata.hpp"

namespace sqlx::core {

// A column label split as sqlx reads it: "name", "name!", "name?", "name: Type", "name!: Type".
struct column_label {
  std::string name;
  bool force_not_null = false;
  bool force_nullable = false;
  std::string override_type;  // empty without ": Type"
};
[[nodiscard]] column_label parse_column_label(std::string_view label);

// Whether `name` can be a C++ member name (an identifier that is not a keyword).
[[nodiscard]] bool is_cpp_identifier(std::string_view name);

// The C++ type the anonymous row uses for a PostgreSQL type (without std::optional), or
// nullopt for user types, which need an override ("x: MyEnum").
[[nodiscard]] std::optional<std::string> cpp_type_for(std::string_view pg_type);

// The whole generated header for `queries` (in a stable order: by hash).
[[nodiscard]] std::string generate_header(std::vector<query_description> queries);

// Reads every query-*.json of `dir` (read_metadata_file). Throws metadata_error naming the bad
// file and key.
[[nodiscard]] std::vector<query_description> read_metadata_dir(const std::filesystem::path& dir);

}  // namespace sqlx::core
