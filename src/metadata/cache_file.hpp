// The encoding of sqlcheck's caches across runs (XDG cache directory): length-prefixed
// strings and space-terminated numbers, so names may hold any byte; written whole and renamed
// into place, so a concurrent or interrupted run leaves either the old file or the new one.
// A cache that cannot be read is ignored: every reader treats a malformed file as empty.
#pragma once

#include <sys/stat.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace sqlx::core {

class cache_reader {
 public:
  explicit cache_reader(std::string_view data) : data_(data) {}
  [[nodiscard]] bool ok() const noexcept { return ok_; }
  [[nodiscard]] bool at_end() const noexcept { return data_.empty(); }
  long long number();
  std::string text();
  // A text without a copy; valid while the data is.
  std::string_view view();

 private:
  long long fail();
  std::string_view data_;
  bool ok_ = true;
};

void put_number(std::string& out, long long value);
void put_text(std::string& out, std::string_view value);

// The file's bytes; nullopt when it cannot be read.
[[nodiscard]] std::optional<std::string> read_cache_file(const std::filesystem::path& file);

// Writes `data` to a temporary file beside `file` and renames it over `file`. Errors are
// ignored (it is a cache): `file` is then left as it was.
void write_cache_file(const std::filesystem::path& file, std::string_view data);

// Size, modification time of a file (its path): changes with every build or upgrade of it.
// "?" when it cannot be stat'ed.
[[nodiscard]] std::string file_version(const char* path);

// A file's identity and version as stat(2) reports it: a file whose stamp equals a recorded one
// has not been written since, unless written twice within one tick of the file system's clock
// (see is_racy) or deliberately given back its size, times and inode.
struct file_stamp {
  std::uint64_t device = 0;
  std::uint64_t inode = 0;
  std::int64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::int64_t ctime_ns = 0;
  friend bool operator==(const file_stamp&, const file_stamp&) = default;
};

[[nodiscard]] file_stamp stamp_of(const struct stat& info) noexcept;

// The stamp of a regular file (following symbolic links); nullopt when there is none.
[[nodiscard]] std::optional<file_stamp> stamp_of(const char* path) noexcept;
// The same for `name` in the directory open as `dir_fd` (one path component to look up).
[[nodiscard]] std::optional<file_stamp> stamp_at(int dir_fd, const char* name) noexcept;

void put_stamp(std::string& out, const file_stamp& stamp);
[[nodiscard]] file_stamp read_stamp(cache_reader& in);

// The wall clock now, in nanoseconds since the epoch: a cache records it when saved.
[[nodiscard]] std::int64_t wall_clock_ns() noexcept;

// Whether a stamp recorded in a cache saved at `saved_ns` cannot vouch for the file: it was
// modified so shortly before the save that a later write within the same tick of the file
// system's clock would leave size and times unchanged (git's "racily clean" entries). Such
// files are compared in full and recorded again.
[[nodiscard]] bool is_racy(const file_stamp& stamp, std::int64_t saved_ns) noexcept;

// The wall-clock time (ns) from which a cache saved no longer finds `stamp` racy.
[[nodiscard]] std::int64_t racy_until(const file_stamp& stamp) noexcept;

}  // namespace sqlx::core
