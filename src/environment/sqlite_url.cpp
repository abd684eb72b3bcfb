#include "environment/sqlite_url.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include "sqlx/error.hpp"

namespace sqlx::core {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// %XX escapes decoded (`?` and `#` in a file name); `+` is a space only in parameters.
std::string percent_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
        hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else if (plus_is_space && text[i] == '+') {
      out += ' ';
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace

bool is_sqlite_url(std::string_view url) noexcept {
  return url.starts_with("sqlite:");
}

sqlite_url parse_sqlite_url(std::string_view url) {
  if (url.starts_with("sqlite://")) {
    url.remove_prefix(9);
  } else if (url.starts_with("sqlite:")) {
    url.remove_prefix(7);
  } else {
    throw sqlx::error("not a SQLite URL (sqlite://path, sqlite:path or sqlite::memory:)");
  }
  sqlite_url out;
  const auto question = url.find('?');
  const std::string_view database = url.substr(0, question);
  if (database == ":memory:") {
    out.in_memory = true;
    out.shared_cache = true;
  } else {
    out.filename = percent_decode(database, false);
  }
  if (question == std::string_view::npos) return out;
  std::string_view params = url.substr(question + 1);
  while (!params.empty()) {
    const auto amp = params.find('&');
    const std::string_view pair = params.substr(0, amp);
    params = amp == std::string_view::npos ? std::string_view() : params.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    const std::string key = percent_decode(pair.substr(0, eq), true);
    const std::string value =
        eq == std::string_view::npos ? std::string() : percent_decode(pair.substr(eq + 1), true);
    auto bad_value = [&] {
      return sqlx::error(fmt::format("SQLite URL: unknown value \"{}\" for `{}`", value, key));
    };
    if (key == "mode") {
      if (value == "ro") {
        out.read_only = true;
      } else if (value == "rwc") {
        out.create_if_missing = true;
      } else if (value == "memory") {
        out.in_memory = true;
        out.shared_cache = true;
      } else if (value != "rw") {
        throw bad_value();
      }
    } else if (key == "cache") {
      if (value != "shared" && value != "private") throw bad_value();
      out.shared_cache = value == "shared";
    } else if (key == "immutable") {
      if (value == "true" || value == "1") {
        out.immutable = true;
      } else if (value == "false" || value == "0") {
        out.immutable = false;
      } else {
        throw bad_value();
      }
    } else if (key == "vfs") {
      out.vfs = value;
    } else {
      throw sqlx::error(fmt::format("SQLite URL: unknown parameter `{}`", key));
    }
  }
  return out;
}

int sqlite_open_flags(const sqlite_url& url) noexcept {
  int flags = url.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  if (url.create_if_missing && !url.read_only) flags |= SQLITE_OPEN_CREATE;
  if (url.in_memory) flags |= SQLITE_OPEN_MEMORY | SQLITE_OPEN_CREATE;
  if (url.shared_cache) flags |= SQLITE_OPEN_SHAREDCACHE;
  return flags;
}

}  // namespace sqlx::core
