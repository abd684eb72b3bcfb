#include "metadata_source.hpp"

#include <algorithm>
#include <string_view>

#include "describe/sqlite/describe.hpp"
#include "environment/database_url.hpp"
#include "metadata/metadata.hpp"
#include "sqlx/pg/connection.hpp"
#include "sqlx/sqlite/connection.hpp"

namespace sqlx::query_check {
namespace fs = std::filesystem;

std::vector<query_lookup> offline_metadata::lookup(const std::vector<std::string>& texts) {
  std::vector<query_lookup> out(texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const std::string name = core::metadata_file_name(texts[i]);
    std::error_code ec;
    if (!fs::exists(dir_ / name, ec)) continue;  // not prepared: an unknown query
    out[i].description = core::read_metadata_file(dir_ / name);
    // The file names its query: a hash collision or a hand-edited file is not this query.
    if (out[i].description->query != texts[i]) {
      out[i].description.reset();
      continue;
    }
    used_.insert(name);
  }
  return out;
}

std::vector<query_lookup> live_metadata::lookup(const std::vector<std::string>& texts) {
  std::vector<query_lookup> out(texts.size());
  if (texts.empty()) return out;
  std::vector<core::describe_result> described;
  if (core::database_of_url(url_) == core::database::sqlite) {
    // Opened as the program and sqlcheck prepare open it (the runtime's URL reader).
    auto conn = sqlite::connection::connect(url_);
    described = core::sqlite::describe_queries(conn.native_handle(), texts);
  } else {
    auto conn = pg::connection::connect(url_);
    described = core::describe_queries(conn, texts);
  }
  for (std::size_t i = 0; i < texts.size(); ++i) {
    out[i].description = std::move(described[i].description);
    out[i].rejected = std::move(described[i].error);
  }
  return out;
}

offline_metadata& metadata_registry::for_source(const fs::path& source_file) {
  fs::path dir = override_ ? *override_ : find_metadata_dir(source_file);
  std::error_code ec;
  dir = fs::weakly_canonical(dir, ec);
  return dirs_.try_emplace(dir, dir).first->second;
}

fs::path find_metadata_dir(const fs::path& source_file) {
  std::error_code ec;
  const fs::path start = fs::absolute(source_file, ec).parent_path();
  for (fs::path dir = start; !dir.empty(); dir = dir.parent_path()) {
    if (fs::is_directory(dir / ".sqlx-cpp", ec)) return dir / ".sqlx-cpp";
    if (dir == dir.parent_path()) break;
  }
  return start / ".sqlx-cpp";
}

std::vector<fs::path> unused_metadata_files(const fs::path& dir,
                                            const std::set<std::string>& used) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (core::is_metadata_file_name(name) && !used.contains(name)) {
      out.push_back(entry.path());
    }
  }
  std::ranges::sort(out);
  return out;
}

}  // namespace sqlx::query_check
