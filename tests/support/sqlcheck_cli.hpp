// Running the `sqlcheck` program in a test project, and what a test compares afterwards.
#pragma once

#include <fmt/format.h>

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "metadata/digest.hpp"
#include "server/process.hpp"
#include "support/test_cluster.hpp"

namespace sqlx::test {

struct run_result {
  int exit_code;
  std::string output;  // stdout and stderr
};

// Runs sqlcheck (SQLX_CPP_SQLCHECK) in `cwd` with DATABASE_URL set to `url` (unset when empty).
inline run_result sqlcheck(const std::filesystem::path& cwd, const std::vector<std::string>& args,
                           const std::string& url = {}) {
  std::vector<std::string> argv{"env", "-C", cwd.string(), "-u", "DATABASE_URL"};
  if (!url.empty()) argv.push_back("DATABASE_URL=" + url);
  argv.push_back(SQLX_CPP_SQLCHECK);
  argv.insert(argv.end(), args.begin(), args.end());
  auto result = sqlx::core::run_process(argv);
  return {result.exit_code, result.output};
}

// Every file of a directory with its content: "nothing changed" means this is equal.
inline std::map<std::string, std::string> snapshot(const std::filesystem::path& dir) {
  std::map<std::string, std::string> files;
  if (!std::filesystem::exists(dir)) return files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    files[entry.path().filename().string()] = read_file(entry.path());
  }
  return files;
}

// The metadata file a query's text gets, computed here rather than by the code under test.
inline std::string file_for(std::string_view query) {
  return fmt::format("query-{}.json", sqlx::core::sha256_hex(query));
}

}  // namespace sqlx::test
