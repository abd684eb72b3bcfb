#include "metadata/dynamic_index.hpp"

#include <fmt/format.h>

#include "metadata/digest.hpp"
#include "runtime/internal/read_file.hpp"

namespace sqlx::core {

std::string dynamic_index_file_name(std::string_view query) {
  return fmt::format("dynamic-{}.json", sha256_hex(query));
}

bool is_dynamic_index_file_name(std::string_view file_name) {
  return file_name.starts_with("dynamic-") && file_name.ends_with(".json");
}

std::string to_file_content(const dynamic_index& index) {
  ordered_json file;
  file["db_name"] = std::string(db_name(index.db));
  file["query"] = index.query;
  file["combinations"] = index.combinations;
  file["hash"] = sha256_hex(index.query);
  return file.dump(2) + "\n";
}

dynamic_index read_dynamic_index_file(const std::filesystem::path& file) {
  const std::string name = file.string();
  std::string content;
  try {
    sqlx::detail::read_file(file, content);
  } catch (const sqlx::detail::file_read_error& e) {
    throw metadata_error(name, "", "cannot read: " + e.reason());
  }
  const ordered_json json = ordered_json::parse(content, nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    throw metadata_error(name, "", "not a JSON object: run `sqlcheck prepare`");
  }
  const auto string_member = [&](const char* key) {
    const auto it = json.find(key);
    if (it == json.end() || !it->is_string()) {
      throw metadata_error(name, key, "missing or not a string: run `sqlcheck prepare`");
    }
    return it->get<std::string>();
  };
  dynamic_index index;
  const std::string db = string_member("db_name");
  if (db != db_name(database::postgres)) {
    throw metadata_error(name, "db_name", "dynamic queries are PostgreSQL's (\"" + db + "\")");
  }
  index.query = string_member("query");
  if (string_member("hash") != sha256_hex(index.query) ||
      file.filename().string() != dynamic_index_file_name(index.query)) {
    throw metadata_error(name, "hash",
                         "does not match the query or the file name: run `sqlcheck prepare`");
  }
  const auto combinations = json.find("combinations");
  if (combinations == json.end() || !combinations->is_array()) {
    throw metadata_error(name, "combinations", "missing or not an array: run `sqlcheck prepare`");
  }
  for (const auto& combination : *combinations) {
    if (!combination.is_string()) {
      throw metadata_error(name, "combinations", "not a file name: run `sqlcheck prepare`");
    }
    index.combinations.push_back(combination.get<std::string>());
  }
  return index;
}

}  // namespace sqlx::core
