#include "sqlite_admin.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <system_error>

#include "sqlx/error.hpp"

namespace sqlx::cli {
namespace fs = std::filesystem;

sqlite::connection open_sqlite(const std::string& url) {
  return sqlite::connection::connect(url);
}

namespace {

[[nodiscard]] std::string file_of(const std::string& url) {
  const auto options = sqlite::connect_options::parse(url);
  if (options.in_memory()) {
    throw sqlx::error("an in-memory SQLite database (" + url +
                      ") lives only inside one process: there is no database to create or drop");
  }
  return options.filename();
}

}  // namespace

void create_sqlite_database(const std::string& url) {
  const std::string file = file_of(url);
  std::error_code ec;
  if (fs::exists(file, ec)) return;
  (void)sqlite::connect_options::parse(url).create_if_missing(true).connect();
  fmt::print("Created database {}\n", file);
}

bool drop_sqlite_database(const std::string& url, bool yes) {
  const std::string file = file_of(url);
  if (!yes) {
    fmt::print("Drop database {}? (y/N): ", file);
    std::fflush(stdout);
    std::string answer;
    if (!std::getline(std::cin, answer) || (answer != "y" && answer != "Y" && answer != "yes")) {
      return false;
    }
  }
  std::error_code ec;
  const bool existed = fs::exists(file, ec);
  for (const char* suffix : {"", "-wal", "-shm", "-journal", "-migrate-lock"}) {
    const std::string path = file + suffix;
    if (!fs::remove(path, ec) && ec) {
      throw sqlx::error(fmt::format("cannot remove {}: {}", path, ec.message()));
    }
  }
  if (existed) fmt::print("Dropped database {}\n", file);
  return true;
}

}  // namespace sqlx::cli
