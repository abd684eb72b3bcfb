// `sqlcheck generate`: the checked-query headers from `.sqlx-cpp/`, no database.
#pragma once

#include <filesystem>
#include <optional>
#include <vector>

namespace sqlx::cli {

// Writes `out` only when its content changes, so builds redo nothing for unchanged metadata.
// In online mode (core::online_database_url) the queries of `online_sources` are prepared into
// `metadata_dir` first. Exit status as for prepare.
[[nodiscard]] int run_generate(const std::filesystem::path& metadata_dir,
                               const std::filesystem::path& out,
                               const std::vector<std::filesystem::path>& online_sources = {});

// Per-source mode (sqlx_cpp_check): one header per source, holding the queries of the source
// and of the headers it reaches through #include (core/query_selection.hpp).
struct per_source_options {
  std::filesystem::path metadata_dir = ".sqlx-cpp";
  std::filesystem::path out_dir;
  std::vector<std::filesystem::path> sources;
  std::vector<std::filesystem::path> include_dirs;
  // A Makefile-style dependency file naming every file read (for the build tool: a header's
  // query or #include lines changing regenerates the headers).
  std::optional<std::filesystem::path> depfile;
  // --online: in online mode (core::online_database_url) prepare the queries of the sources
  // and of the headers they include into metadata_dir first.
  bool online = false;
};

// Writes each header only when its content changes, so that only the sources whose queries
// changed recompile. Exit status as for prepare.
[[nodiscard]] int run_generate_per_source(const per_source_options& options);

}  // namespace sqlx::cli
