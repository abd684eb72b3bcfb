#include "generate_command.hpp"

#include <fmt/format.h>

#include <set>
#include <string>

#include "codegen/codegen.hpp"
#include "environment/database_url.hpp"
#include "output_file.hpp"
#include "prepare_command.hpp"
#include "scan/query_selection.hpp"

namespace sqlx::cli {
namespace fs = std::filesystem;
namespace {

// A path as a Makefile-style dependency file spells it (Ninja and CMake read this syntax).
std::string depfile_path(const fs::path& path) {
  std::string out;
  for (const char c : path.generic_string()) {
    if (c == ' ' || c == '#') out += '\\';
    if (c == '$') out += '$';
    out += c;
  }
  return out;
}

// The dependency file names the first output only: Ninja requires one of the rule's outputs.
void write_depfile(const fs::path& depfile, const fs::path& first_output,
                   const std::set<fs::path>& inputs) {
  std::string content = depfile_path(first_output) + ":";
  for (const fs::path& input : inputs) content += " \\\n  " + depfile_path(input);
  write_if_changed(depfile, content + "\n");
}

// Online mode: prepares the queries of `files` into `metadata_dir` on the database the one
// online rule names (nothing when it is off or there are no files).
int prepare_online(const fs::path& metadata_dir, const std::vector<fs::path>& files) {
  if (files.empty()) return 0;
  auto url = core::online_database_url(fs::current_path());
  if (!url) return 0;
  prepare_options prepare;
  prepare.targets.front().sources = files;
  prepare.out = metadata_dir;
  prepare.targets.front().database_url =
      std::move(url);          // as the rule named it, not resolved again
  prepare.keep_unused = true;  // the directory also holds other targets' queries
  return run_prepare(prepare);
}

}  // namespace

int run_generate(const fs::path& metadata_dir, const fs::path& out,
                 const std::vector<fs::path>& online_sources) {
  try {
    if (const int status = prepare_online(metadata_dir, online_sources); status != 0) {
      return status;
    }
    write_if_changed(out, core::generate_header(core::read_metadata_dir(metadata_dir)));
    return 0;
  } catch (const std::exception& e) {
    fmt::print(stderr, "sqlcheck: error: {}\n", e.what());
    return 1;
  }
}

int run_generate_per_source(const per_source_options& options) {
  try {
    core::include_walker walker(options.include_dirs);
    std::vector<core::source_queries> found;
    for (const fs::path& source : options.sources) found.push_back(walker.walk(source));
    if (options.online) {
      std::set<fs::path> files;
      for (const core::source_queries& source : found) {
        files.insert(source.query_files.begin(), source.query_files.end());
      }
      const int status = prepare_online(options.metadata_dir, {files.begin(), files.end()});
      if (status != 0) return status;
    }
    const std::vector<core::query_description> metadata =
        core::read_metadata_dir(options.metadata_dir);
    std::set<fs::path> inputs;
    for (std::size_t i = 0; i < options.sources.size(); ++i) {
      const fs::path out = options.out_dir / core::generated_header_name(options.sources[i]);
      write_if_changed(out, core::generate_header(core::select_queries(metadata, found[i].texts)));
      inputs.insert(found[i].files.begin(), found[i].files.end());
    }
    if (options.depfile && !options.sources.empty()) {
      write_depfile(*options.depfile,
                    options.out_dir / core::generated_header_name(options.sources.front()), inputs);
    }
    return 0;
  } catch (const std::exception& e) {
    fmt::print(stderr, "sqlcheck: error: {}\n", e.what());
    return 1;
  }
}

}  // namespace sqlx::cli
