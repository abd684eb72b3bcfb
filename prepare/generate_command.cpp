#include "generate_command.hpp"

#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "core/codegen.hpp"

namespace sqlx::cli {
namespace fs = std::filesystem;

int run_generate(const fs::path& metadata_dir, const fs::path& out) {
  try {
    const std::string header = core::generate_header(core::read_metadata_dir(metadata_dir));
    std::ifstream existing(out, std::ios::binary);
    std::ostringstream old;
    old << existing.rdbuf();
    if (existing && old.str() == header) return 0;
    if (out.has_parent_path()) fs::create_directories(out.parent_path());
    const fs::path temp = fs::path(out).concat(".tmp");
    {
      std::ofstream file(temp, std::ios::binary | std::ios::trunc);
      file << header;
      if (!file) throw std::runtime_error(fmt::format("cannot write {}", temp.string()));
    }
    fs::rename(temp, out);
    return 0;
  } catch (const std::exception& e) {
    fmt::print(stderr, "sqlcheck: error: {}\n", e.what());
    return 1;
  }
}

}  // namespace sqlx::cli
