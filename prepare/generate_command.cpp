#include "generate_command.hpp"

#include <fmt/format.h>

#include "core/codegen.hpp"
#include "output_file.hpp"

namespace sqlx::cli {

int run_generate(const std::filesystem::path& metadata_dir, const std::filesystem::path& out) {
  try {
    write_if_changed(out, core::generate_header(core::read_metadata_dir(metadata_dir)));
    return 0;
  } catch (const std::exception& e) {
    fmt::print(stderr, "sqlcheck: error: {}\n", e.what());
    return 1;
  }
}

}  // namespace sqlx::cli
