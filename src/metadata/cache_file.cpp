#include "metadata/cache_file.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <ctime>

#include "runtime/internal/read_file.hpp"
#include "runtime/internal/write_file.hpp"
#include "sqlx/error.hpp"

namespace sqlx::core {

long long cache_reader::fail() {
  ok_ = false;
  data_ = {};
  return 0;
}

long long cache_reader::number() {
  long long value = 0;
  const auto [ptr, ec] = std::from_chars(data_.data(), data_.data() + data_.size(), value);
  if (ec != std::errc{} || ptr == data_.data() + data_.size() || *ptr != ' ') return fail();
  data_.remove_prefix(static_cast<std::size_t>(ptr - data_.data()) + 1);
  return value;
}

std::string_view cache_reader::view() {
  const long long size = number();
  if (!ok_ || size < 0 || static_cast<std::size_t>(size) > data_.size()) {
    fail();
    return {};
  }
  const std::string_view value = data_.substr(0, static_cast<std::size_t>(size));
  data_.remove_prefix(static_cast<std::size_t>(size));
  return value;
}

std::string cache_reader::text() {
  return std::string(view());
}

void put_number(std::string& out, long long value) {
  char buffer[24];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
  out.append(buffer, end);
  out += ' ';
}

void put_text(std::string& out, std::string_view value) {
  put_number(out, static_cast<long long>(value.size()));
  out += value;
}

std::optional<std::string> read_cache_file(const std::filesystem::path& file) {
  std::string data;
  try {
    sqlx::detail::read_file(file, data);
  } catch (const sqlx::detail::file_read_error&) {
    return std::nullopt;  // none yet, or unreadable: as good as none
  }
  return data;
}

void write_cache_file(const std::filesystem::path& file, std::string_view data) {
  std::error_code ec;
  std::filesystem::create_directories(file.parent_path(), ec);
  // A name of its own per process: concurrent runs each rename a whole file into place.
  const std::string temp = file.string() + fmt::format(".tmp-{}", ::getpid());
  try {
    sqlx::detail::write_file(temp, data, 0600);
  } catch (const sqlx::error&) {
    ::unlink(temp.c_str());  // a cache: not written this time
    return;
  }
  if (::rename(temp.c_str(), file.c_str()) != 0) ::unlink(temp.c_str());
}

std::string file_version(const char* path) {
  struct stat st {};
  if (path == nullptr || ::stat(path, &st) != 0) return "?";
  return fmt::format("{}:{}.{}", st.st_size, st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
}

file_stamp stamp_of(const struct stat& info) noexcept {
  constexpr std::int64_t billion = 1'000'000'000;
  return file_stamp{
      static_cast<std::uint64_t>(info.st_dev), static_cast<std::uint64_t>(info.st_ino),
      static_cast<std::int64_t>(info.st_size),
      static_cast<std::int64_t>(info.st_mtim.tv_sec) * billion + info.st_mtim.tv_nsec,
      static_cast<std::int64_t>(info.st_ctim.tv_sec) * billion + info.st_ctim.tv_nsec};
}

std::optional<file_stamp> stamp_of(const char* path) noexcept {
  struct stat info {};
  if (::stat(path, &info) != 0 || !S_ISREG(info.st_mode)) return std::nullopt;
  return stamp_of(info);
}

std::optional<file_stamp> stamp_at(int dir_fd, const char* name) noexcept {
  struct stat info {};
  if (::fstatat(dir_fd, name, &info, 0) != 0 || !S_ISREG(info.st_mode)) return std::nullopt;
  return stamp_of(info);
}

void put_stamp(std::string& out, const file_stamp& stamp) {
  put_number(out, static_cast<long long>(stamp.device));
  put_number(out, static_cast<long long>(stamp.inode));
  put_number(out, stamp.size);
  put_number(out, stamp.mtime_ns);
  put_number(out, stamp.ctime_ns);
}

file_stamp read_stamp(cache_reader& in) {
  file_stamp stamp;
  stamp.device = static_cast<std::uint64_t>(in.number());
  stamp.inode = static_cast<std::uint64_t>(in.number());
  stamp.size = in.number();
  stamp.mtime_ns = in.number();
  stamp.ctime_ns = in.number();
  return stamp;
}

std::int64_t wall_clock_ns() noexcept {
  timespec now{};
  ::clock_gettime(CLOCK_REALTIME, &now);
  return static_cast<std::int64_t>(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

std::int64_t racy_until(const file_stamp& stamp) noexcept {
  constexpr std::int64_t billion = 1'000'000'000;
  // File times come from the kernel's coarse clock (one tick: 1-10 ms). A time on a whole
  // second is taken for a file system that keeps seconds only (ext4 with small inodes, FAT
  // keeps 2 s): its tick is up to 2 s.
  const bool whole_seconds = stamp.mtime_ns % billion == 0 || stamp.ctime_ns % billion == 0;
  const std::int64_t tick = whole_seconds ? 2 * billion : 20'000'000;
  return std::max(stamp.mtime_ns, stamp.ctime_ns) + tick + 1;
}

bool is_racy(const file_stamp& stamp, std::int64_t saved_ns) noexcept {
  return saved_ns < racy_until(stamp);
}

}  // namespace sqlx::core
