#include "output_file.hpp"

#include <fmt/format.h>

#include <fstream>
#include <stdexcept>

#include "runtime/internal/read_file.hpp"
#include "sqlx/error.hpp"

namespace sqlx::cli {
namespace fs = std::filesystem;

void write_if_changed(const fs::path& out, std::string_view content) {
  std::error_code ec;
  if (fs::is_regular_file(out, ec) && sqlx::detail::read_file(out) == content) return;
  if (out.has_parent_path()) fs::create_directories(out.parent_path());
  const fs::path temp = fs::path(out).concat(".tmp");
  {
    std::ofstream file(temp, std::ios::binary | std::ios::trunc);
    file.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!file) throw sqlx::error(fmt::format("cannot write {}", temp.string()));
  }
  fs::rename(temp, out);
}

}  // namespace sqlx::cli
