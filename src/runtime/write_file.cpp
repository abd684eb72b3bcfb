#include "internal/write_file.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "sqlx/error.hpp"

namespace sqlx::detail {

// Plain open + write + close: a cold `sqlcheck prepare` creates thousands of files, and an
// ofstream's buffer and locale cost more than the write itself.
void write_file(const std::filesystem::path& file, std::string_view content, mode_t mode) {
  const auto fail = [&](int error) {
    throw sqlx::error(fmt::format("{}: cannot write: {}", file.string(), std::strerror(error)));
  };
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) fail(errno);
  for (std::size_t done = 0; done < content.size();) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int error = n < 0 ? errno : EIO;
      ::close(fd);
      fail(error);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) fail(errno);
}

}  // namespace sqlx::detail
