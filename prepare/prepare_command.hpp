// `sqlcheck prepare`: scan the sources, describe every tagged query, write `.sqlx-cpp/`.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace sqlx::cli {

struct prepare_options {
  std::vector<std::filesystem::path> sources;  // empty: the current directory
  std::filesystem::path out = ".sqlx-cpp";
  std::optional<std::string> database_url;  // -D; else DATABASE_URL, else .env
  bool check = false;
  bool temp_db = false;
  std::optional<std::filesystem::path> migrations;  // with --temp-db; default ./migrations
  bool keep_unused = false;  // add and update only (online builds prepare one target's sources)
};

// Exit status: 0 success, 1 a check or an operation failed, 2 usage/configuration error.
[[nodiscard]] int run_prepare(const prepare_options& options);

}  // namespace sqlx::cli
