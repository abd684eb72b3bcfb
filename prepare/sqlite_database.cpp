#include "sqlite_database.hpp"

#include <fmt/format.h>
#include <stdlib.h>

#include <string>
#include <utility>

#include "environment/sqlite_url.hpp"
#include "sqlx/error.hpp"

namespace sqlx::cli {
namespace fs = std::filesystem;

namespace {

// Opens `file` with `flags`; throws naming `what` and SQLite's reason.
sqlite3* open_file(const std::string& file, int flags, const char* vfs, std::string_view what) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(file.c_str(), &db, flags, vfs);
  if (rc != SQLITE_OK) {
    const std::string reason = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    // sqlx opens read-write without creating: say how to create the file.
    const bool hint = rc == SQLITE_CANTOPEN && (flags & SQLITE_OPEN_CREATE) == 0;
    throw sqlx::error(fmt::format("cannot open the SQLite database {}: {}{}", what, reason,
                                  hint ? " (add ?mode=rwc to the URL to create it)" : ""));
  }
  return db;
}

}  // namespace

sqlite_database sqlite_database::open(std::string_view url) {
  const core::sqlite_url parsed = core::parse_sqlite_url(url);
  const std::string file = parsed.in_memory ? std::string(":memory:") : parsed.filename;
  if (file.empty()) throw sqlx::error("the SQLite URL names no file (sqlite://path/to/app.db)");
  sqlite3* db = open_file(file, core::sqlite_open_flags(parsed),
                          parsed.vfs.empty() ? nullptr : parsed.vfs.c_str(), file);
  // A file that is not a database opens fine and fails on first read: read the schema now.
  char* error = nullptr;
  if (sqlite3_exec(db, "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, &error) !=
      SQLITE_OK) {
    const std::string reason = error != nullptr ? error : sqlite3_errmsg(db);
    sqlite3_free(error);
    sqlite3_close_v2(db);
    throw sqlx::error(fmt::format("cannot read the SQLite database {}: {}", file, reason));
  }
  return {db, {}};
}

sqlite_database sqlite_database::temporary(const sqlx::migrator& migrations) {
  std::string pattern = (fs::temp_directory_path() / "sqlcheck-sqlite-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    throw sqlx::error("cannot create a temporary directory for the SQLite database");
  }
  const fs::path dir = pattern;
  sqlite_database database(nullptr, dir);  // removes the directory if anything below throws
  database.db_ = open_file((dir / "prepare.db").string(),
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr, "(temporary)");
  for (const auto& m : migrations.migrations()) {
    if (m.is_down()) continue;
    const std::string sql = m.no_transaction ? m.sql : "BEGIN IMMEDIATE;\n" + m.sql + "\n;COMMIT;";
    char* error = nullptr;
    if (sqlite3_exec(database.db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
      const std::string reason = error != nullptr ? error : sqlite3_errmsg(database.db_);
      sqlite3_free(error);
      throw sqlx::error(fmt::format("migration {} failed on SQLite: {}", m.name(), reason));
    }
  }
  return database;
}

sqlite_database::sqlite_database(sqlite_database&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), temp_dir_(std::move(other.temp_dir_)) {
  other.temp_dir_.clear();
}

sqlite_database::~sqlite_database() {
  sqlite3_close_v2(db_);
  if (!temp_dir_.empty()) {
    std::error_code ec;
    fs::remove_all(temp_dir_, ec);
  }
}

}  // namespace sqlx::cli
