// Trees of files: which files under the roots are C++ sources, and scanning them all.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <iterator>
#include <set>
#include <string>
#include <system_error>
#include <unordered_set>
#include <vector>

#include "scan/scan_cache.hpp"
#include "scan/scanner.hpp"

namespace sqlx::core {
namespace {

namespace fs = std::filesystem;

bool is_source_file(const fs::path& file) {
  static constexpr std::array<std::string_view, 7> k_extensions = {".cpp", ".cc", ".cxx", ".hpp",
                                                                   ".h",   ".hh", ".ipp"};
  const std::string extension = file.extension().string();
  return std::find(k_extensions.begin(), k_extensions.end(), extension) != k_extensions.end();
}

bool is_skipped_directory(const fs::path& dir) {
  const std::string name = dir.filename().string();
  if (name.starts_with('.') || name == "build" || name.starts_with("cmake-build-")) return true;
  std::error_code ec;
  return fs::exists(dir / "CMakeCache.txt", ec);
}

void collect_directory(const fs::path& root, std::vector<fs::path>& files) {
  std::error_code ec;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const fs::directory_entry& entry = *it;
    std::error_code type_ec;
    if (entry.is_directory(type_ec)) {
      if (is_skipped_directory(entry.path())) it.disable_recursion_pending();
    } else if (entry.is_regular_file(type_ec) && is_source_file(entry.path())) {
      files.push_back(entry.path().lexically_normal());
    }
  }
  if (ec) throw scan_error(root, {}, fmt::format("cannot list directory: {}", ec.message()));
}

// The root itself is never skipped: naming `build` or `.` explicitly means scanning it.
void collect(const fs::path& root, std::vector<fs::path>& files) {
  std::error_code ec;
  const fs::file_status status = fs::status(root, ec);
  if (status.type() == fs::file_type::not_found) {
    throw scan_error(root, {}, "no such file or directory");
  }
  if (ec) throw scan_error(root, {}, ec.message());
  if (fs::is_directory(status)) {
    collect_directory(root, files);
  } else {
    files.push_back(root.lexically_normal());
  }
}

// A file that cannot be stat'ed, by its path (reading it then reports why).
std::string identity(const fs::path& file) {
  std::error_code ec;
  fs::path key = fs::canonical(file, ec);
  if (ec) key = fs::absolute(file, ec).lexically_normal();
  return key.string();
}

}  // namespace

std::vector<query_occurrence> scan_tree(const std::vector<std::filesystem::path>& roots,
                                        scan_cache* cache) {
  std::vector<fs::path> files;
  for (const fs::path& root : roots) collect(root, files);
  std::sort(files.begin(), files.end());

  std::vector<query_occurrence> found;
  // The same file named twice (`src` and `./src/a.cpp`, or a link) is scanned once: by its
  // device and inode, from the stat the cache needs anyway.
  std::set<std::pair<std::uint64_t, std::uint64_t>> seen;
  std::unordered_set<std::string> seen_unstamped;
  std::string content;  // reused: one buffer for all files
  for (const fs::path& file : files) {
    // Stamped before it is read: a write after that changes the stamp recorded next.
    const auto stamp = stamp_of(file.c_str());
    const bool first = stamp ? seen.insert({stamp->device, stamp->inode}).second
                             : seen_unstamped.insert(identity(file)).second;
    if (!first) continue;
    if (stamp && cache != nullptr && cache->find(file, *stamp, found)) continue;
    read_source_file(file, content);
    std::vector<query_occurrence> occurrences = scan_source(content, file);
    if (stamp && cache != nullptr) cache->record(file, *stamp, occurrences);
    std::move(occurrences.begin(), occurrences.end(), std::back_inserter(found));
  }
  return found;
}

}  // namespace sqlx::core
