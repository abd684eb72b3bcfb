// The index of a dynamic query (docs/dynamic-queries.md): `.sqlx-cpp/dynamic-<sha256>.json`
// names the literal, markers included, and the metadata files of its combinations, which are
// ordinary query files keyed by each combination's expanded text. The index is what says the
// literal is known; the combinations' files say what each one is.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "metadata/metadata.hpp"

namespace sqlx::core {

struct dynamic_index {
  database db = database::postgres;
  std::string query;                      // the literal
  std::vector<std::string> combinations;  // each combination's "query-<sha256>.json", in order
};

// "dynamic-<sha256 of the literal>.json"
[[nodiscard]] std::string dynamic_index_file_name(std::string_view query);
[[nodiscard]] bool is_dynamic_index_file_name(std::string_view file_name);

// Pretty-printed JSON, 2-space indent, trailing newline, as the query files.
[[nodiscard]] std::string to_file_content(const dynamic_index& index);

// Checks `db_name`, `query`, `hash` (the literal's SHA-256, which the file name must carry
// too) and `combinations`. Throws metadata_error.
[[nodiscard]] dynamic_index read_dynamic_index_file(const std::filesystem::path& file);

}  // namespace sqlx::core
