#include "output_file.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace sqlx::cli {
namespace fs = std::filesystem;

void write_if_changed(const fs::path& out, std::string_view content) {
  {
    std::ifstream existing(out, std::ios::binary);
    std::ostringstream old;
    old << existing.rdbuf();
    if (existing && old.str() == content) return;
  }
  if (out.has_parent_path()) fs::create_directories(out.parent_path());
  const fs::path temp = fs::path(out).concat(".tmp");
  {
    std::ofstream file(temp, std::ios::binary | std::ios::trunc);
    file.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!file) throw std::runtime_error(fmt::format("cannot write {}", temp.string()));
  }
  fs::rename(temp, out);
}

}  // namespace sqlx::cli
