// The one whole-file reader of the project (the runtime's on-disk migrations, the tools'
// sources, metadata files and server logs): exact bytes, and one error that names the file.
#pragma once

#include <filesystem>
#include <string>

#include "sqlx/error.hpp"

namespace sqlx::detail {

// A file that cannot be read. what() is "<file>: cannot read: <reason>"; reason() is the
// operating system's word for it ("No such file or directory"), for callers that report the
// file in their own error type.
class file_read_error : public error {
 public:
  file_read_error(std::filesystem::path file, std::string reason);
  [[nodiscard]] const std::filesystem::path& file() const noexcept { return file_; }
  [[nodiscard]] const std::string& reason() const noexcept { return reason_; }

 private:
  std::filesystem::path file_;
  std::string reason_;
};

// The exact bytes of `file` into `content` (a buffer a caller may reuse across files).
// Throws file_read_error.
void read_file(const std::filesystem::path& file, std::string& content);

// The exact bytes of `file`. Throws file_read_error.
[[nodiscard]] std::string read_file(const std::filesystem::path& file);

}  // namespace sqlx::detail
