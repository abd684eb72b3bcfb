#include "internal/read_file.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <utility>

namespace sqlx::detail {

file_read_error::file_read_error(std::filesystem::path file, std::string reason)
    : error(fmt::format("{}: cannot read: {}", file.string(), reason)),
      file_(std::move(file)),
      reason_(std::move(reason)) {}

void read_file(const std::filesystem::path& file, std::string& content) {
  errno = 0;
  std::ifstream in(file, std::ios::binary);
  if (!in) throw file_read_error(file, errno != 0 ? std::strerror(errno) : "cannot open");
  // One allocation and one read: the tools read thousands of sources per run.
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  in.seekg(0, std::ios::beg);
  if (size < 0 || !in) throw file_read_error(file, "cannot tell its size (not a regular file?)");
  content.resize(static_cast<std::size_t>(size));
  in.read(content.data(), size);
  if (in.gcount() != size) throw file_read_error(file, "read failed");
}

std::string read_file(const std::filesystem::path& file) {
  std::string content;
  read_file(file, content);
  return content;
}

}  // namespace sqlx::detail
