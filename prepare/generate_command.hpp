// `sqlcheck generate`: the checked-query headers from `.sqlx-cpp/`, no database.
#pragma once

#include <filesystem>
#include <optional>
#include <vector>

namespace sqlx::cli {

// Writes `out` only when its content changes, so builds redo nothing for unchanged metadata.
// Exit status as for prepare.
[[nodiscard]] int run_generate(const std::filesystem::path& metadata_dir,
                               const std::filesystem::path& out);

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
  bool prepare_first = false;  // online mode: prepare the files' queries into metadata_dir
};

// Writes each header only when its content changes, so that only the sources whose queries
// changed recompile. Exit status as for prepare.
[[nodiscard]] int run_generate_per_source(const per_source_options& options);

}  // namespace sqlx::cli
