#include "environment/database_url.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <fstream>
#include <stdexcept>

#include "environment/sqlite_url.hpp"
#include "sqlx/error.hpp"

namespace sqlx::core {
namespace fs = std::filesystem;
namespace {

std::string trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r");
  return std::string(s.substr(first, last - first + 1));
}

// Reads DATABASE_URL from a dotenv file: `DATABASE_URL=...`, optional `export `, optional
// single or double quotes around the value. A value that opens a quote and does not close it
// is an error rather than a connection string starting with a quote: libpq would take that
// for a database name and the server would echo it, password included.
std::optional<std::string> read_dotenv(const fs::path& file) {
  std::ifstream in(file);
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    std::string text = trim(line);
    if (text.rfind("export ", 0) == 0) text = trim(text.substr(7));
    constexpr std::string_view key = "DATABASE_URL";
    if (text.rfind(key, 0) != 0) continue;
    std::string rest = trim(text.substr(key.size()));
    if (rest.empty() || rest.front() != '=') continue;
    std::string value = trim(rest.substr(1));
    if (!value.empty() && (value.front() == '"' || value.front() == '\'')) {
      if (value.size() < 2 || value.back() != value.front()) {
        throw sqlx::error(fmt::format(
            "{}:{}: the value of DATABASE_URL opens a {} quote that is not closed on its line "
            "(the value is not shown: it may hold a password)",
            file.string(), number, value.front() == '"' ? "double" : "single"));
      }
      value = value.substr(1, value.size() - 2);
    }
    return value;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> resolve_database_url(const std::optional<std::string>& explicit_url,
                                                const fs::path& start_dir) {
  if (explicit_url) return explicit_url;
  if (const char* env = std::getenv("DATABASE_URL"); env != nullptr && *env != '\0') return env;
  std::error_code ec;
  for (fs::path dir = fs::absolute(start_dir, ec); !dir.empty(); dir = dir.parent_path()) {
    const fs::path candidate = dir / ".env";
    if (fs::is_regular_file(candidate, ec)) {
      if (auto url = read_dotenv(candidate)) return url;
    }
    if (dir == dir.root_path()) break;
  }
  return std::nullopt;
}

bool offline_requested() {
  const char* value = std::getenv("SQLX_OFFLINE");
  if (value == nullptr) return false;
  const std::string_view v(value);
  return v == "1" || v == "true" || v == "TRUE" || v == "yes";
}

database database_of_url(std::string_view url) noexcept {
  return is_sqlite_url(url) ? database::sqlite : database::postgres;
}

std::optional<std::string> online_database_url(const fs::path& start_dir) {
  if (offline_requested()) return std::nullopt;
  return resolve_database_url(std::nullopt, start_dir);
}

}  // namespace sqlx::core
