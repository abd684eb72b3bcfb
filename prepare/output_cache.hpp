// What `sqlcheck prepare` last wrote or verified in an output directory, kept across runs so
// that an up-to-date file is neither rendered nor read again: for each file, the digest of
// the description it holds (describe_result::digest) and its stat(2) stamp at the time.
// A file is trusted only when this run's description has the recorded digest AND the file's
// stamp now (device, inode, size, mtime and ctime in nanoseconds) is the recorded one AND the
// stamp was not "racy" when recorded (modified within a clock tick of the save, see
// core::is_racy); anything else is rendered and compared byte for byte, as without the cache.
// docs/prepare.md "The caches".
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "metadata/cache_file.hpp"

namespace sqlx::cli {

class output_cache {
 public:
  // Empty (trusts nothing) without a file, or when it is missing, malformed or written by
  // another build of sqlcheck or for another directory.
  [[nodiscard]] static output_cache load(std::optional<std::filesystem::path> file,
                                         const std::filesystem::path& dir);

  // Stats the recorded files among `names` (those not racy): the part of trusts() that needs
  // no description, done while the server describes (on another thread: nothing else may use
  // this cache until it returns).
  void examine(std::span<const std::string> names);

  // Whether `dir`/`name` holds what a description of `digest` renders to (see above): its
  // recorded digest is this one and examine() found its stamp unchanged.
  [[nodiscard]] bool trusts(const std::string& name, const std::string& digest);

  // The files trusted by trusts() so far.
  [[nodiscard]] const std::unordered_set<std::string>& trusted() const noexcept { return trusted_; }

  // After the run: `verified` are the files (name -> digest) that `dir` now holds with the
  // bytes their descriptions render to. Stamps the ones not trusted (all of them when the
  // directory was `rewritten`: its files were linked anew, which changes their ctime) and
  // saves the cache when anything changed. The files not named are forgotten.
  void update(std::span<const std::pair<std::string, std::string>> verified, bool rewritten);

 private:
  struct entry {
    std::string digest;
    core::file_stamp stamp;
    bool unchanged = false;  // examine() found the file with this stamp
    friend bool operator==(const entry& a, const entry& b) {
      return a.digest == b.digest && a.stamp == b.stamp;
    }
  };
  std::filesystem::path file_;
  std::filesystem::path dir_;
  std::string identity_;
  std::int64_t saved_ns_ = 0;
  std::unordered_map<std::string, entry> entries_;
  std::unordered_set<std::string> trusted_;
  bool racy_ = false;  // an entry was not trusted for being racy: save again, later
  // The directory, open (O_PATH) while files are stat'ed in it; -1 when it could not be.
  struct dir_handle {
    int fd = -1;
    dir_handle() = default;
    explicit dir_handle(int f) : fd(f) {}
    dir_handle(dir_handle&& other) noexcept : fd(std::exchange(other.fd, -1)) {}
    dir_handle& operator=(dir_handle&& other) noexcept;
    dir_handle(const dir_handle&) = delete;
    dir_handle& operator=(const dir_handle&) = delete;
    ~dir_handle();
  };
  dir_handle dir_fd_;
};

}  // namespace sqlx::cli
