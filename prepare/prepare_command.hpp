// `sqlcheck prepare`: scan the sources, describe every tagged query, write `.sqlx-cpp/`.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "metadata/metadata.hpp"

namespace sqlx::cli {

// One database and the sources whose queries run on it. A program using two databases names
// two targets: `-D URL --source DIR ...` repeated (docs/sqlite.md, "One program, two
// databases"); a source file under the directories of several targets belongs to the one
// whose --source directory is the deepest.
struct prepare_target {
  std::optional<std::string> database_url;  // -D; else DATABASE_URL, else .env (first target)
  bool temp_db = false;
  core::database temp_db_kind = core::database::postgres;  // --temp-db[=postgres|sqlite]
  std::optional<std::filesystem::path> migrations;         // with --temp-db; default ./migrations
  std::vector<std::filesystem::path> sources;  // empty (one target only): the current directory
};

struct prepare_options {
  std::vector<prepare_target> targets{1};  // at least one
  std::filesystem::path out = ".sqlx-cpp";
  bool check = false;
  bool keep_unused = false;  // add and update only (online builds prepare one target's sources)
  std::size_t jobs = 0;      // --jobs: PostgreSQL connections describing at once; 0: auto
  bool cache = true;         // --no-cache: parse every query for nullability
};

// Exit status: 0 success, 1 a check or an operation failed, 2 usage/configuration error.
[[nodiscard]] int run_prepare(const prepare_options& options);

}  // namespace sqlx::cli
