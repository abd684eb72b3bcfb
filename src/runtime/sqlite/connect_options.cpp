// sqlx's SQLite URL forms (sqlx-sqlite's options/parse.rs, by behaviour): the prefix
// "sqlite://" or "sqlite:", then a path or ":memory:", then query parameters.
#include "sqlx/sqlite/connect_options.hpp"

#include <atomic>
#include <string>

#include "sqlx/error.hpp"
#include "sqlx/sqlite/connection.hpp"

namespace sqlx::sqlite {
namespace {

// Numbers the private in-memory databases: each parse of "sqlite::memory:" is its own
// database, shared by the connections opened from those options (a pool's), as in sqlx.
std::atomic<unsigned long> in_memory_sequence{0};

[[noreturn]] void bad_url(std::string_view url, const std::string& why) {
  throw configuration_error("invalid SQLite URL \"" + std::string(url) + "\": " + why);
}

[[nodiscard]] int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

[[nodiscard]] std::string percent_decode(std::string_view url, std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out.push_back(text[i]);
      continue;
    }
    if (i + 2 >= text.size()) bad_url(url, "truncated %-escape");
    const int high = hex_value(text[i + 1]);
    const int low = hex_value(text[i + 2]);
    if (high < 0 || low < 0) bad_url(url, "bad %-escape");
    out.push_back(static_cast<char>(high * 16 + low));
    i += 2;
  }
  return out;
}

[[nodiscard]] bool parse_bool(std::string_view url, std::string_view key, std::string_view value) {
  if (value == "true" || value == "1") return true;
  if (value == "false" || value == "0") return false;
  bad_url(url, std::string(key) + "=" + std::string(value) + " (expected true or false)");
}

}  // namespace

std::string_view to_string(journal_mode mode) noexcept {
  switch (mode) {
    case journal_mode::delete_:
      return "DELETE";
    case journal_mode::truncate:
      return "TRUNCATE";
    case journal_mode::persist:
      return "PERSIST";
    case journal_mode::memory:
      return "MEMORY";
    case journal_mode::wal:
      return "WAL";
    case journal_mode::off:
      return "OFF";
  }
  return "DELETE";
}

std::string_view to_string(synchronous mode) noexcept {
  switch (mode) {
    case synchronous::off:
      return "OFF";
    case synchronous::normal:
      return "NORMAL";
    case synchronous::full:
      return "FULL";
    case synchronous::extra:
      return "EXTRA";
  }
  return "FULL";
}

connect_options& connect_options::filename(std::string path) {
  if (path == ":memory:") {
    in_memory_ = true;
    shared_cache_ = true;
    filename_ = "file:sqlx-in-memory-" + std::to_string(++in_memory_sequence);
  } else {
    in_memory_ = false;
    filename_ = std::move(path);
  }
  return *this;
}

connect_options connect_options::parse(std::string_view url) {
  std::string_view rest = url;
  if (rest.starts_with("sqlite://")) {
    rest.remove_prefix(9);
  } else if (rest.starts_with("sqlite:")) {
    rest.remove_prefix(7);
  } else {
    bad_url(url, "expected sqlite://path, sqlite:path or sqlite::memory:");
  }
  const auto question = rest.find('?');
  const std::string_view path = rest.substr(0, question);
  if (path.empty()) bad_url(url, "no database file");
  connect_options options;
  options.filename(percent_decode(url, path));
  if (question == std::string_view::npos) return options;

  std::string_view query = rest.substr(question + 1);
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    const std::string_view key = pair.substr(0, eq);
    const std::string value =
        eq == std::string_view::npos ? std::string() : percent_decode(url, pair.substr(eq + 1));
    if (key == "mode") {
      if (value == "ro") {
        options.read_only(true);
      } else if (value == "rw") {
        options.read_only(false).create_if_missing(false);
      } else if (value == "rwc") {
        options.read_only(false).create_if_missing(true);
      } else if (value == "memory") {
        options.in_memory_ = true;
        options.shared_cache_ = true;
      } else {
        bad_url(url, "mode=" + value + " (expected ro, rw, rwc or memory)");
      }
    } else if (key == "cache") {
      if (value == "shared") {
        options.shared_cache(true);
      } else if (value == "private") {
        options.shared_cache(false);
      } else {
        bad_url(url, "cache=" + value + " (expected shared or private)");
      }
    } else if (key == "immutable") {
      options.immutable(parse_bool(url, key, value));
    } else if (key == "vfs") {
      options.vfs(value);
    } else {
      bad_url(url, "unknown parameter \"" + std::string(key) +
                       "\" (known: mode, cache, immutable, vfs)");
    }
  }
  return options;
}

connection connect_options::connect() const {
  return connection::connect(*this);
}

}  // namespace sqlx::sqlite
