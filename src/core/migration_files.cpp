#include "core/migration_files.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

namespace sqlx::core {
namespace fs = std::filesystem;
namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string read_bytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error(fmt::format("{}: cannot read the migration", file.string()));
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Parses a sqlx migration file name; false for names that are not migrations at all.
bool parse_name(std::string_view name, migration_file& out) {
  if (!ends_with(name, ".sql")) return false;
  std::string_view stem = name;
  if (ends_with(name, ".up.sql")) {
    out.kind = migration_kind::reversible_up;
    stem.remove_suffix(7);
  } else if (ends_with(name, ".down.sql")) {
    out.kind = migration_kind::reversible_down;
    stem.remove_suffix(9);
  } else {
    out.kind = migration_kind::simple;
    stem.remove_suffix(4);
  }
  const auto underscore = stem.find('_');
  if (underscore == std::string_view::npos || underscore == 0) return false;
  const auto digits = stem.substr(0, underscore);
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), out.version);
  if (ec != std::errc{} || end != digits.data() + digits.size()) return false;
  out.description = std::string(stem.substr(underscore + 1));
  std::ranges::replace(out.description, '_', ' ');
  return true;
}

}  // namespace

std::vector<migration_file> load_up_migrations(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    throw std::runtime_error(fmt::format("{}: migrations directory not found", dir.string()));
  }
  std::map<std::int64_t, migration_file> by_version;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    const std::string name = entry.path().filename().string();
    migration_file file;
    if (!parse_name(name, file)) {
      if (ends_with(name, ".sql")) {
        throw std::runtime_error(fmt::format(
            "{}: not a migration name: expected <version>_<description>.sql (or .up.sql/.down.sql)",
            entry.path().string()));
      }
      continue;
    }
    if (file.kind == migration_kind::reversible_down) continue;
    file.path = entry.path();
    file.sql = read_bytes(file.path);
    file.no_transaction = file.sql.starts_with("-- no-transaction");
    const auto version = file.version;
    if (auto [it, inserted] = by_version.try_emplace(version, std::move(file)); !inserted) {
      throw std::runtime_error(fmt::format("{}: version {} is also used by {}",
                                           entry.path().string(), version,
                                           it->second.path.string()));
    }
  }
  std::vector<migration_file> migrations;
  for (auto& [version, file] : by_version) migrations.push_back(std::move(file));
  return migrations;
}

void apply_migrations(const pg_connection& conn, const std::vector<migration_file>& migrations) {
  for (const auto& migration : migrations) {
    if (!migration.no_transaction) conn.exec("BEGIN");
    // The file goes alone, so the server's error position points into the file.
    pg_result result(PQexec(conn.get(), migration.sql.c_str()));
    try {
      check_result(result.get(), conn.get(), migration.path.string());
    } catch (const pg_error&) {
      if (!migration.no_transaction) pg_result rollback(PQexec(conn.get(), "ROLLBACK"));
      throw;
    }
    if (!migration.no_transaction) conn.exec("COMMIT");
  }
}

}  // namespace sqlx::core
