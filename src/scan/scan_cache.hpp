// The queries found in each source file by the last `sqlcheck prepare`, kept across runs so
// that a file not written since is neither read nor tokenized again. A file's entry is used
// only when its stat(2) stamp now (device, inode, size, mtime and ctime in nanoseconds) is the
// one recorded before it was read, and the stamp was not racy when recorded (core::is_racy);
// the cache is dropped whole when written by another build of the tool or from another
// working directory. The rule is make's and git's: a file edited so that size, times and inode
// all stay the same (a deliberate `touch -d` back, which cannot set the ctime) is not seen.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "metadata/cache_file.hpp"
#include "scan/scanner.hpp"

namespace sqlx::core {

class scan_cache {
 public:
  // Empty without a file, or when it is missing, malformed or of another build or directory.
  [[nodiscard]] static scan_cache load(std::optional<std::filesystem::path> file);

  // Appends the occurrences found in `file` (as scan_tree names it) to `out` when its
  // `stamp` is the recorded one; false (nothing appended) otherwise.
  bool find(const std::filesystem::path& file, const file_stamp& stamp,
            std::vector<query_occurrence>& out);

  // Records what scanning `file`, whose stamp before reading was `stamp`, found.
  void record(const std::filesystem::path& file, const file_stamp& stamp,
              std::span<const query_occurrence> found);

  // How many queries the loaded cache holds: about how many this run will find.
  [[nodiscard]] std::size_t cached_queries() const noexcept { return cached_queries_; }

  // The files found in the cache and the files recorded (read) this run.
  [[nodiscard]] std::size_t hits() const noexcept { return hits_; }
  [[nodiscard]] std::size_t records() const noexcept { return owned_.size(); }

  // Writes the files found or recorded this run (the others are forgotten) when that differs
  // from what was loaded. Errors are ignored: it is a cache.
  void save();

 private:
  struct entry {
    file_stamp stamp;
    std::string_view payload;  // into data_ (loaded) or owned_ (recorded)
    bool used = false;
  };
  std::filesystem::path file_;
  std::string identity_;
  std::int64_t saved_ns_ = 0;
  std::string data_;
  std::vector<std::unique_ptr<std::string>> owned_;
  std::unordered_map<std::string, entry> entries_;
  std::size_t loaded_ = 0;
  std::size_t cached_queries_ = 0;
  std::size_t hits_ = 0;
  bool changed_ = false;
};

}  // namespace sqlx::core
