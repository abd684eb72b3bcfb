#include "internal/redact.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

namespace sqlx::pg::internal {
namespace {

constexpr std::string_view hidden = "***";

// libpq's schemes are postgresql:// and postgres://, but any `scheme://` counts: libpq reads a
// mistyped one (postgre://, mysql://) as a keyword name and quotes it back, password included.
[[nodiscard]] bool is_uri(std::string_view text) {
  const std::size_t end = text.find("://");
  if (end == std::string_view::npos || end == 0) return false;
  return std::ranges::all_of(text.substr(0, end),
                             [](char c) {
                               return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
                                      c == '+' || c == '.' || c == '-';
                             }) &&
         std::isalpha(static_cast<unsigned char>(text[0])) != 0;
}

[[nodiscard]] bool is_space(char c) {
  return std::isspace(static_cast<unsigned char>(c)) != 0;
}

// A piece of a connection string that holds a password.
struct span {
  std::size_t begin;
  std::size_t end;
};

// Where the passwords of a URI are, as libpq reads it: the userinfo ends at the first '@'
// before any '/', and `password=` may appear among the query parameters.
void find_uri_passwords(std::string_view uri, std::size_t offset, std::vector<span>& out) {
  const std::size_t authority = uri.find("://") + 3;
  const std::size_t at = uri.find_first_of("@/", authority);
  if (at != std::string_view::npos && uri[at] == '@') {
    const std::size_t colon = uri.find(':', authority);
    if (colon < at) out.push_back({offset + colon + 1, offset + at});
  }
  const std::size_t query = uri.find('?', authority);
  for (std::size_t key = query; key != std::string_view::npos && key + 1 < uri.size();
       key = uri.find('&', key + 1)) {
    constexpr std::string_view name = "password=";
    if (uri.substr(key + 1, name.size()) != name) continue;
    const std::size_t value = key + 1 + name.size();
    const std::size_t end = std::min(uri.find('&', value), uri.size());
    out.push_back({offset + value, offset + end});
  }
}

// Where the passwords of a key=value string are, parsed as libpq parses it: values may be
// single-quoted, with backslash escapes in and out of quotes. A URI given as `dbname` counts.
void find_keyword_passwords(std::string_view text, std::vector<span>& out) {
  std::size_t i = 0;
  const auto skip_spaces = [&] {
    while (i < text.size() && is_space(text[i])) ++i;
  };
  while (true) {
    skip_spaces();
    const std::size_t key_begin = i;
    while (i < text.size() && text[i] != '=' && !is_space(text[i])) ++i;
    const std::string_view key = text.substr(key_begin, i - key_begin);
    skip_spaces();
    if (i >= text.size() || text[i] != '=') return;  // malformed: libpq rejects it too
    ++i;
    skip_spaces();
    const std::size_t value_begin = i;
    const bool quoted = i < text.size() && text[i] == '\'';
    if (quoted) ++i;
    while (i < text.size() && (quoted ? text[i] != '\'' : !is_space(text[i]))) {
      if (text[i] == '\\' && i + 1 < text.size()) ++i;
      ++i;
    }
    if (quoted && i < text.size()) ++i;
    const std::string_view value = text.substr(value_begin, i - value_begin);
    if (key == "password") {
      out.push_back({value_begin, i});
    } else if (key == "dbname") {
      const std::size_t unquoted = quoted ? 1 : 0;
      const std::string_view name = value.substr(unquoted, value.size() - 2 * unquoted);
      if (is_uri(name)) find_uri_passwords(name, value_begin + unquoted, out);
    }
  }
}

[[nodiscard]] std::vector<span> find_passwords(std::string_view conninfo) {
  std::vector<span> spans;
  if (is_uri(conninfo)) {
    find_uri_passwords(conninfo, 0, spans);
  } else {
    find_keyword_passwords(conninfo, spans);
  }
  return spans;
}

void replace_all(std::string& text, std::string_view what, std::string_view with) {
  if (what.empty()) return;
  for (std::size_t at = text.find(what); at != std::string::npos;
       at = text.find(what, at + with.size())) {
    text.replace(at, what.size(), with);
  }
}

// The password as written and, for a single-quoted keyword value, without the quotes.
void add_secret(std::vector<std::string>& secrets, std::string_view value) {
  if (value.empty()) return;
  secrets.emplace_back(value);
  if (value.size() >= 2 && value.front() == '\'' && value.back() == '\'') {
    secrets.emplace_back(value.substr(1, value.size() - 2));
  }
}

}  // namespace

std::string redact_conninfo(std::string_view conninfo) {
  std::string out;
  out.reserve(conninfo.size());
  std::size_t copied = 0;
  for (const span& password : find_passwords(conninfo)) {
    out.append(conninfo.substr(copied, password.begin - copied));
    out.append(hidden);
    copied = password.end;
  }
  out.append(conninfo.substr(copied));
  return out;
}

std::string scrub_message(std::string message, std::string_view conninfo) {
  // First the connection string as a whole (libpq quotes a malformed URI entirely), then any
  // password left: safety before looks, even when that stars out a word.
  if (!conninfo.empty()) replace_all(message, conninfo, redact_conninfo(conninfo));
  std::vector<std::string> secrets;
  for (const span& password : find_passwords(conninfo)) {
    add_secret(secrets, conninfo.substr(password.begin, password.end - password.begin));
  }
  for (const std::string& secret : secrets) replace_all(message, secret, hidden);
  return message;
}

}  // namespace sqlx::pg::internal
