#include "output_file.hpp"

#include "runtime/internal/read_file.hpp"
#include "runtime/internal/write_file.hpp"

namespace sqlx::cli {
namespace fs = std::filesystem;

void write_if_changed(const fs::path& out, std::string_view content) {
  std::error_code ec;
  if (fs::is_regular_file(out, ec) && sqlx::detail::read_file(out) == content) return;
  if (out.has_parent_path()) fs::create_directories(out.parent_path());
  const fs::path temp = fs::path(out).concat(".tmp");
  sqlx::detail::write_file(temp, content);
  fs::rename(temp, out);
}

}  // namespace sqlx::cli
