#include "support/test_cluster.hpp"

#include <fmt/format.h>
#include <stdlib.h>

#include <atomic>
#include <fstream>
#include <memory>
#include <sstream>

namespace sqlx::test {
namespace fs = std::filesystem;

core::temp_cluster& cluster() {
  static auto instance = std::make_unique<core::temp_cluster>(core::temp_cluster::start());
  return *instance;
}

std::string fresh_database(std::string_view hint) {
  static std::atomic<int> counter{0};
  std::string name;
  for (char c : hint) {
    name += (std::isalnum(static_cast<unsigned char>(c)) != 0)
                ? static_cast<char>(std::tolower(static_cast<unsigned char>(c)))
                : '_';
  }
  name = fmt::format("t{}_{}", ++counter, name.substr(0, 40));
  auto admin = pg::connection::connect(cluster().url());
  admin.execute(fmt::format("CREATE DATABASE {}", pg::detail::quote_identifier(name)));
  return cluster().url(name);
}

void check_result(PGconn* conn, const PGresult* r) {
  if (r == nullptr || !pg::detail::succeeded(r))
    pg::detail::throw_failure(conn, r, "the test server");
}

temp_dir::temp_dir() {
  std::string pattern = (fs::temp_directory_path() / "sqlx-cpp-test-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

temp_dir::~temp_dir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

void write_file(const fs::path& file, std::string_view content) {
  fs::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  if (!out) throw std::runtime_error("cannot write " + file.string());
}

std::string read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace sqlx::test
