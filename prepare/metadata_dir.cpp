#include "metadata_dir.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string_view>
#include <unordered_set>

#include "metadata/metadata.hpp"
#include "runtime/internal/write_file.hpp"
#include "sqlx/error.hpp"

namespace sqlx::cli {
namespace fs = std::filesystem;
namespace {

// Removes a half-built directory unless it was handed over.
class staging_dir {
 public:
  explicit staging_dir(const fs::path& target) {
    const fs::path parent = fs::absolute(target).parent_path();
    fs::create_directories(parent);
    std::string pattern =
        (parent / fmt::format(".{}.tmp-XXXXXX", target.filename().string())).string();
    if (mkdtemp(pattern.data()) == nullptr) {
      throw sqlx::error(fmt::format("cannot create a temporary directory in {}", parent.string()));
    }
    path_ = pattern;
    fs::permissions(path_, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                               fs::perms::others_read | fs::perms::others_exec);
  }
  staging_dir(const staging_dir&) = delete;
  staging_dir& operator=(const staging_dir&) = delete;
  ~staging_dir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  [[nodiscard]] const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

enum class file_state { missing, same, different };

// `file` against `content`: one open, one fstat and (only when the sizes match) one read into
// `buffer`, reused across files; a warm run compares thousands of files.
file_state compare_file(const fs::path& file, std::string_view content, std::string& buffer) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT || errno == ENOTDIR) return file_state::missing;
    throw sqlx::error(fmt::format("{}: cannot read: {}", file.string(), std::strerror(errno)));
  }
  struct stat info {};
  file_state state = file_state::different;
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    state = file_state::missing;  // not a file: written anew
  } else if (static_cast<std::size_t>(info.st_size) == content.size()) {
    buffer.resize(content.size() + 1);  // one byte more: a file that grew meanwhile differs
    std::size_t got = 0;
    for (ssize_t n = 0;
         got < buffer.size() && (n = ::read(fd, buffer.data() + got, buffer.size() - got)) > 0;) {
      got += static_cast<std::size_t>(n);
    }
    if (got == content.size() && std::string_view(buffer.data(), got) == content) {
      state = file_state::same;
    }
  }
  ::close(fd);
  return state;
}

void link_or_copy(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  fs::create_hard_link(from, to, ec);
  if (ec) fs::copy_file(from, to, fs::copy_options::overwrite_existing);
}

}  // namespace

metadata_diff compare_metadata_dir(const fs::path& dir, const metadata_files& wanted,
                                   const trusted_files& trusted) {
  metadata_diff diff;
  std::string buffer;
  for (const auto& [name, content] : wanted) {
    if (trusted.contains(name)) continue;
    switch (compare_file(dir / name, content, buffer)) {
      case file_state::missing:
        diff.missing.push_back(name);
        break;
      case file_state::different:
        diff.changed.push_back(name);
        break;
      case file_state::same:
        break;
    }
  }
  // The directory's names, with readdir and a hash set: a warm run lists thousands.
  if (DIR* handle = ::opendir(dir.c_str())) {
    std::unordered_set<std::string_view> names;
    names.reserve(wanted.size());
    for (const auto& [name, content] : wanted) names.insert(name);
    errno = 0;
    while (const dirent* entry = ::readdir(handle)) {
      const std::string_view name = entry->d_name;
      if (core::is_metadata_file_name(name) && !names.contains(name)) {
        diff.unused.emplace_back(name);
      }
    }
    const int failure = errno;
    ::closedir(handle);
    if (failure != 0) {
      throw sqlx::error(fmt::format("{}: cannot list: {}", dir.string(), std::strerror(failure)));
    }
  } else if (errno != ENOENT && errno != ENOTDIR) {
    throw sqlx::error(fmt::format("{}: cannot list: {}", dir.string(), std::strerror(errno)));
  }
  std::ranges::sort(diff.unused);
  return diff;
}

metadata_diff replace_metadata_dir(const fs::path& dir, const metadata_files& wanted,
                                   const trusted_files& trusted) {
  metadata_diff diff = compare_metadata_dir(dir, wanted, trusted);
  if (diff.empty()) return diff;

  staging_dir staging(dir);
  std::error_code ec;
  const bool had_old = fs::is_directory(dir, ec);
  for (const auto& [name, content] : wanted) {
    // A trusted file's content is not at hand: it is linked (or fails if it vanished).
    const bool unchanged =
        trusted.contains(name) || (had_old && fs::is_regular_file(dir / name, ec) &&
                                   std::ranges::find(diff.changed, name) == diff.changed.end());
    if (unchanged) {
      link_or_copy(dir / name, staging.path() / name);
    } else {
      sqlx::detail::write_file(staging.path() / name, content);
    }
  }
  if (had_old) {
    // Files that are not ours (a README, .gitattributes) stay.
    for (const auto& entry : fs::directory_iterator(dir)) {
      const std::string name = entry.path().filename().string();
      if (!core::is_metadata_file_name(name) && entry.is_regular_file()) {
        link_or_copy(entry.path(), staging.path() / name);
      }
    }
    // One atomic step: the staging directory becomes `dir`, the old one takes its place and
    // is removed with it.
    if (renameat2(AT_FDCWD, staging.path().c_str(), AT_FDCWD, dir.c_str(), RENAME_EXCHANGE) != 0) {
      throw sqlx::error(fmt::format("cannot replace {}: {}", dir.string(), std::strerror(errno)));
    }
  } else {
    fs::rename(staging.path(), dir);
  }
  return diff;
}

}  // namespace sqlx::cli
