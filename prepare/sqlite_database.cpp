#include "sqlite_database.hpp"

#include <stdlib.h>

#include <string>
#include <system_error>
#include <utility>

#include "sqlx/error.hpp"

namespace sqlx::cli {
namespace fs = std::filesystem;

sqlite_database::directory_guard::~directory_guard() {
  std::error_code ec;
  if (!dir_.empty()) fs::remove_all(dir_, ec);
}

sqlite_database sqlite_database::open(std::string_view url) {
  return {directory_guard(), sqlite::connection::connect(url)};
}

sqlite_database sqlite_database::temporary(const sqlx::migrator& migrations) {
  std::string pattern = (fs::temp_directory_path() / "sqlcheck-sqlite-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    throw sqlx::error("cannot create a temporary directory for the SQLite database");
  }
  directory_guard dir{fs::path(pattern)};  // removed if anything below throws
  sqlite::connect_options options;
  options.filename((fs::path(pattern) / "prepare.db").string()).create_if_missing(true);
  sqlite::connection connection = options.connect();
  (void)migrations.run(connection);
  return {std::move(dir), std::move(connection)};
}

}  // namespace sqlx::cli
