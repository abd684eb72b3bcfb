#include "output_cache.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <thread>

namespace sqlx::cli {
namespace fs = std::filesystem;
using namespace sqlx::core;

namespace {

constexpr std::string_view magic = "sqlx-cpp output cache 1";

// Files stamped within a clock tick of the save would be racy next time: compared in full
// rather than trusted, and the cache written again. When more than a few were just written (a
// cold run writes every file; its last tick's worth, 50 of 2,000 here, would be racy), waiting
// out the tick (at most 20 ms, once) costs less than that; one edited query's file is left
// racy.
template <typename Entries>
void wait_until_settled(const Entries& entries) {
  constexpr std::size_t worth_waiting = 16;
  constexpr std::int64_t longest_wait_ns = 25'000'000;
  const std::int64_t now = wall_clock_ns();
  std::int64_t settled = now;
  std::size_t racy = 0;
  for (const auto& [name, e] : entries) {
    if (is_racy(e.stamp, now)) {
      ++racy;
      settled = std::max(settled, racy_until(e.stamp));
    }
  }
  if (racy < worth_waiting || settled - now > longest_wait_ns) return;
  std::this_thread::sleep_for(std::chrono::nanoseconds(settled - now));
  while (wall_clock_ns() < settled) std::this_thread::yield();
}

}  // namespace

output_cache output_cache::load(std::optional<fs::path> file, const fs::path& dir) {
  output_cache cache;
  if (!file) return cache;
  cache.file_ = std::move(*file);
  std::error_code ec;
  cache.dir_ = fs::absolute(dir, ec).lexically_normal();
  // The rendering is this executable's: another build may write other bytes.
  cache.identity_ =
      fmt::format("exe {}\ndir {}", file_version("/proc/self/exe"), cache.dir_.string());
  const auto data = read_cache_file(cache.file_);
  if (!data) return cache;
  cache_reader in(*data);
  if (in.view() != magic || in.view() != cache.identity_) return cache;
  const std::int64_t saved_ns = in.number();
  std::unordered_map<std::string, entry> entries;
  while (in.ok() && !in.at_end()) {
    std::string name = in.text();
    entry e;
    e.digest = in.text();
    e.stamp = read_stamp(in);
    entries.emplace(std::move(name), std::move(e));
  }
  if (!in.ok()) return cache;
  cache.dir_fd_ = dir_handle(::open(cache.dir_.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
  cache.saved_ns_ = saved_ns;
  cache.entries_ = std::move(entries);
  return cache;
}

output_cache::dir_handle& output_cache::dir_handle::operator=(dir_handle&& other) noexcept {
  if (this != &other) {
    if (fd >= 0) ::close(fd);
    fd = std::exchange(other.fd, -1);
  }
  return *this;
}

output_cache::dir_handle::~dir_handle() {
  if (fd >= 0) ::close(fd);
}

void output_cache::examine(std::span<const std::string> names) {
  for (const auto& name : names) {
    const auto it = entries_.find(name);
    if (it == entries_.end()) continue;
    if (is_racy(it->second.stamp, saved_ns_)) {
      racy_ = true;
      continue;
    }
    const auto now = stamp_at(dir_fd_.fd, name.c_str());
    it->second.unchanged = now && *now == it->second.stamp;
  }
}

bool output_cache::trusts(const std::string& name, const std::string& digest) {
  const auto it = entries_.find(name);
  if (it == entries_.end() || !it->second.unchanged || it->second.digest != digest) return false;
  trusted_.insert(name);
  return true;
}

void output_cache::update(std::span<const std::pair<std::string, std::string>> verified,
                          bool rewritten) {
  if (file_.empty()) return;
  // The usual warm run: every file trusted, none added or dropped; nothing to write.
  if (!racy_ && !rewritten && trusted_.size() == entries_.size() &&
      std::ranges::all_of(verified, [&](const auto& file) {
        return file.second.empty() || trusted_.contains(file.first);
      })) {
    return;
  }
  std::unordered_map<std::string, entry> entries;
  entries.reserve(verified.size());
  for (const auto& [name, digest] : verified) {
    if (digest.empty()) continue;
    if (!rewritten && trusted_.contains(name)) {
      entries.emplace(name, entries_.at(name));
      continue;
    }
    // Stamped after the bytes were verified or written: a later change changes the stamp
    // (or, within the same clock tick, leaves the stamp racy: not trusted next time).
    if (const auto stamp = stamp_of((dir_ / name).c_str())) {
      entries.emplace(name, entry{digest, *stamp});
    }
  }
  if (!racy_ && entries == entries_) return;  // the usual warm run writes nothing
  wait_until_settled(entries);
  std::string out;
  out.reserve(entries.size() * 180);
  put_text(out, magic);
  put_text(out, identity_);
  put_number(out, wall_clock_ns());  // after every stamp above was taken
  for (const auto& [name, e] : entries) {
    put_text(out, name);
    put_text(out, e.digest);
    put_stamp(out, e.stamp);
  }
  write_cache_file(file_, out);
  entries_ = std::move(entries);
}

}  // namespace sqlx::cli
