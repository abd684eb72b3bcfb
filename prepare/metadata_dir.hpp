// The `.sqlx-cpp/` directory as a whole: compared with what prepare would write, or replaced
// all at once.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <unordered_set>
#include <vector>

namespace sqlx::cli {

// File name ("query-<hash>.json") -> exact content.
using metadata_files = std::map<std::string, std::string>;

struct metadata_diff {
  std::vector<std::string> missing;  // would be written, is not there
  std::vector<std::string> changed;  // is there with other content
  std::vector<std::string> unused;   // query file there that no query needs
  [[nodiscard]] bool empty() const { return missing.empty() && changed.empty() && unused.empty(); }
};

// Files of `wanted` named in `trusted` are known to hold their content already (prepare's
// output cache): they are taken as the same without being read, and their content in
// `wanted` is not used.
using trusted_files = std::unordered_set<std::string>;

[[nodiscard]] metadata_diff compare_metadata_dir(const std::filesystem::path& dir,
                                                 const metadata_files& wanted,
                                                 const trusted_files& trusted = {});

// Makes `dir` hold exactly `wanted` (plus any files that are not query files), all or nothing:
// the new directory is built beside the old one and swapped in with one atomic rename, so an
// interrupted or failed run leaves the old directory as it was. Unchanged files are hard
// links to the old ones (same bytes, same mtime, so builds do not redo work). Returns the
// diff that was applied; does not touch the directory when the diff is empty.
metadata_diff replace_metadata_dir(const std::filesystem::path& dir, const metadata_files& wanted,
                                   const trusted_files& trusted = {});

}  // namespace sqlx::cli
