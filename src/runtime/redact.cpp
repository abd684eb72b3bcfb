#include "internal/redact.hpp"

#include <algorithm>
#include <cctype>
#include <memory>
#include <set>
#include <vector>

#include "internal/pq.hpp"

namespace sqlx::pg::detail {
namespace {

constexpr std::string_view hidden = "***";

[[nodiscard]] bool is_uri(std::string_view text) {
  return text.starts_with("postgresql://") || text.starts_with("postgres://");
}

[[nodiscard]] bool is_space(char c) {
  return std::isspace(static_cast<unsigned char>(c)) != 0;
}

[[nodiscard]] int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// %XX decoded as libpq decodes URI parts; a broken escape is kept as written.
[[nodiscard]] std::string percent_decoded(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
        hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

[[nodiscard]] std::string percent_encoded(std::string_view text, const char* digits) {
  std::string out;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) != 0 || c == '-' || c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += digits[u >> 4];
      out += digits[u & 15];
    }
  }
  return out;
}

// What libpq says about a keyword: whether it knows it, and whether its value is secret
// (`password`, `sslpassword`: those libpq displays as "*"). An unknown keyword (a typo of
// `password`, `DATABASE_URL=...` pasted whole) is treated as secret too.
class keywords {
 public:
  static const keywords& get() {
    static const keywords instance;
    return instance;
  }
  [[nodiscard]] bool is_secret(std::string_view key) const {
    const auto it = std::ranges::find(known_, key, &entry::name);
    return it == known_.end() || it->secret;
  }
  [[nodiscard]] bool is_known(std::string_view key) const {
    return std::ranges::find(known_, key, &entry::name) != known_.end();
  }

 private:
  struct entry {
    std::string name;
    bool secret;
  };
  keywords() {
    const std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(PQconndefaults(),
                                                                               &PQconninfoFree);
    if (options) {
      for (const PQconninfoOption* o = options.get(); o->keyword != nullptr; ++o) {
        known_.push_back({o->keyword, o->dispchar != nullptr && *o->dispchar == '*'});
      }
    }
    // Without libpq's list (out of memory, a broken PGSERVICE): the long-standing keywords.
    if (known_.empty()) {
      for (const char* name :
           {"host", "hostaddr", "port", "dbname", "user", "passfile", "connect_timeout",
            "client_encoding", "options", "application_name", "fallback_application_name",
            "keepalives", "sslmode", "sslcert", "sslkey", "sslrootcert", "sslcrl", "service",
            "target_session_attrs"}) {
        known_.push_back({name, false});
      }
    }
  }
  std::vector<entry> known_;
};

// A piece of a connection string that holds (or may hold) a password.
struct span {
  std::size_t begin;
  std::size_t end;
  bool shape = false;  // found by its shape (user:password@), not by libpq's grammar
};

// For text libpq does not parse the usual way (a lone database name, a value that is not a
// URI, what follows a syntax error): in every word with an '@', what lies between the first
// ':' of the user part (after any "scheme://") and the last '@' - the shape of credentials.
void find_credential_shapes(std::string_view text, std::size_t offset, std::vector<span>& out) {
  const auto is_break = [](char c) { return is_space(c) || c == '\'' || c == '"'; };
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && is_break(text[i])) ++i;
    const std::size_t begin = i;
    while (i < text.size() && !is_break(text[i])) ++i;
    const std::string_view word = text.substr(begin, i - begin);
    const std::size_t at = word.rfind('@');
    if (at == std::string_view::npos) continue;
    const std::size_t scheme = word.find("://");
    const std::size_t user = scheme < at ? scheme + 3 : 0;
    const std::size_t colon = word.find(':', user);
    if (colon < at) out.push_back({offset + begin + colon + 1, offset + begin + at, true});
  }
}

// Where the passwords of a URI are, as libpq reads it: the user part ends at an '@' before
// any '/' (the last such '@': a raw '@' in a password must not leave its tail in the host
// name), and secret or unknown parameters (`password=`, `sslpassword=`, a typo) may follow '?'.
void find_uri_passwords(std::string_view uri, std::size_t offset, std::vector<span>& out) {
  const std::size_t authority = uri.find("://") + 3;
  const std::size_t path = std::min(uri.find('/', authority), uri.size());
  const std::size_t at = uri.substr(0, path).rfind('@');
  if (at != std::string_view::npos && at >= authority) {
    const std::size_t colon = uri.find(':', authority);
    if (colon < at) out.push_back({offset + colon + 1, offset + at});
  }
  const std::size_t after_user = at != std::string_view::npos && at >= authority ? at + 1 : 0;
  const std::size_t query = uri.find('?', std::max(authority, after_user));
  if (query == std::string_view::npos) return;
  for (std::size_t key = query + 1; key <= uri.size();) {
    const std::size_t end = std::min(uri.find('&', key), uri.size());
    const std::string_view parameter = uri.substr(key, end - key);
    const std::size_t equals = parameter.find('=');
    if (equals != std::string_view::npos &&
        keywords::get().is_secret(percent_decoded(parameter.substr(0, equals)))) {
      out.push_back({offset + key + equals + 1, offset + end});
    }
    key = end + 1;
  }
}

// The secrets inside a value that is not itself secret: a URI's, or credential shapes.
void find_value_passwords(std::string_view value, std::size_t offset, std::vector<span>& out) {
  if (is_uri(value)) {
    find_uri_passwords(value, offset, out);
  } else {
    find_credential_shapes(value, offset, out);
  }
}

void find_unparsed_words(std::string_view text, std::size_t i, std::vector<span>& out) {
  while (i < text.size()) {
    while (i < text.size() && is_space(text[i])) ++i;
    const std::size_t begin = i;
    while (i < text.size() && !is_space(text[i])) ++i;
    if (i > begin && !keywords::get().is_known(text.substr(begin, i - begin))) {
      out.push_back({begin, i});
    }
  }
}

// Where the passwords of a key=value string are, parsed as libpq parses it: values may be
// single-quoted, with backslash escapes in and out of quotes. Secret and unknown keywords
// count, so do URIs given as values. At a syntax error, libpq stops and so does the parse:
// every word after it that is not a keyword is starred out (`password secret`, a password
// written without its `password=`).
void find_keyword_passwords(std::string_view text, std::vector<span>& out) {
  std::size_t i = 0;
  const auto skip_spaces = [&] {
    while (i < text.size() && is_space(text[i])) ++i;
  };
  while (true) {
    skip_spaces();
    if (i >= text.size()) return;
    const std::size_t key_begin = i;
    while (i < text.size() && text[i] != '=' && !is_space(text[i])) ++i;
    const std::string_view key = text.substr(key_begin, i - key_begin);
    skip_spaces();
    if (i >= text.size() || text[i] != '=') {
      find_unparsed_words(text, key_begin, out);
      return;
    }
    // An unknown keyword may itself hold credentials: libpq reads `mysql://u:pw@h/db?x=1` as the
    // keyword `mysql://u:pw@h/db?x` (with an '=' in the password, `mysql://u:p`) and names it
    // in "invalid connection option".
    if (!keywords::get().is_known(key)) {
      const std::size_t found = out.size();
      find_credential_shapes(key, key_begin, out);
      const std::size_t scheme = key.find("://");
      const std::size_t colon =
          scheme == std::string_view::npos ? scheme : key.find(':', scheme + 3);
      if (out.size() == found && colon != std::string_view::npos) {
        out.push_back({key_begin + colon + 1, key_begin + key.size(), true});
      }
    }
    ++i;
    skip_spaces();
    const std::size_t value_begin = i;
    const bool quoted = i < text.size() && text[i] == '\'';
    if (quoted) ++i;
    while (i < text.size() && (quoted ? text[i] != '\'' : !is_space(text[i]))) {
      if (text[i] == '\\' && i + 1 < text.size()) ++i;
      ++i;
    }
    const std::size_t inner_end = i;
    if (quoted && i < text.size()) ++i;
    // An unknown keyword's value is starred whole and searched too: `DATABASE_URL=<URI>`.
    if (keywords::get().is_secret(key)) out.push_back({value_begin, i});
    const std::size_t inner = value_begin + (quoted ? 1 : 0);
    const std::string_view value = text.substr(inner, inner_end - inner);
    find_value_passwords(value, inner, out);
    // No host name has an '@': one that does holds the tail of a password with a raw '@'
    // (postgres://u:p@ss@h reads as password "p", host "ss@h").
    if (key == "host" && value.rfind('@') != std::string_view::npos) {
      out.push_back({inner, inner + value.rfind('@')});
    }
  }
}

// Every span found, possibly nested (a URI's password inside an unknown keyword's value).
[[nodiscard]] std::vector<span> find_passwords(std::string_view conninfo) {
  std::vector<span> spans;
  if (is_uri(conninfo)) {
    find_uri_passwords(conninfo, 0, spans);
  } else if (conninfo.find('=') != std::string_view::npos) {
    find_keyword_passwords(conninfo, spans);
  } else {
    find_credential_shapes(conninfo, 0, spans);  // a database name, as libpq reads it
  }
  std::erase_if(spans, [](const span& s) { return s.end <= s.begin; });
  return spans;
}

// The spans in order, overlaps merged: what redact_conninfo stars out.
[[nodiscard]] std::vector<span> merged_passwords(std::string_view conninfo) {
  std::vector<span> spans = find_passwords(conninfo);
  std::ranges::sort(spans, {}, &span::begin);
  std::vector<span> merged;
  for (const span& s : spans) {
    if (!merged.empty() && s.begin <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, s.end);
      merged.back().shape = merged.back().shape || s.shape;
    } else {
      merged.push_back(s);
    }
  }
  return merged;
}

// A single-quoted keyword value as libpq reads it: quotes removed (also an opening quote
// never closed), backslash escapes undone.
[[nodiscard]] std::string unquoted(std::string_view value) {
  if (!value.empty() && value.front() == '\'') {
    value.remove_prefix(1);
    if (!value.empty() && value.back() == '\'') value.remove_suffix(1);
  }
  std::string out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '\\' && i + 1 < value.size()) ++i;
    out += value[i];
  }
  return out;
}

class secret_set {
 public:
  // A password as written and in every spelling a message could show it in.
  void add_written(std::string_view raw, bool shape) {
    add(raw);
    const std::string plain = unquoted(raw);
    add(plain);
    add(percent_decoded(plain));
    // A raw '@' in a URI password: libpq takes what follows it for the host name, so that
    // tail is starred out where an '@' follows it (not alone: "ss" of "p@ss" is in "address").
    for (std::size_t at = raw.find('@'); at != std::string_view::npos; at = raw.find('@', at + 1)) {
      host_prefixes_.emplace(std::string(raw.substr(at + 1)) + '@');
    }
    // A shape "user:password" starred whole: its password may also show alone.
    if (shape) {
      for (std::size_t colon = raw.find(':'); colon != std::string_view::npos;
           colon = raw.find(':', colon + 1)) {
        add(raw.substr(colon + 1));
      }
    }
  }
  // A password libpq found (parsed, or from a service or password file). Part of a password
  // already known is left alone: libpq's own "p" of "p@ss" would star out every "p".
  void add_found(std::string_view value) {
    if (value.empty()) return;
    if (std::ranges::any_of(
            secrets_, [&](const std::string& s) { return s.find(value) != std::string::npos; })) {
      return;
    }
    add(value);
  }
  void scrub(std::string& text) const {
    std::vector<std::string> longest_first(secrets_.begin(), secrets_.end());
    std::ranges::sort(longest_first, std::ranges::greater{}, &std::string::size);
    for (const std::string& secret : longest_first) replace_all(text, secret, hidden);
    for (const std::string& prefix : host_prefixes_) {
      replace_all(text, prefix, std::string(hidden) + '@');
    }
  }

  static void replace_all(std::string& text, std::string_view what, std::string_view with) {
    if (what.empty()) return;
    for (std::size_t at = text.find(what); at != std::string::npos;
         at = text.find(what, at + with.size())) {
      text.replace(at, what.size(), with);
    }
  }

 private:
  void add(std::string_view value) {
    if (value.empty() || value == hidden) return;
    secrets_.emplace(value);
    secrets_.emplace(percent_encoded(value, "0123456789ABCDEF"));
    secrets_.emplace(percent_encoded(value, "0123456789abcdef"));
  }
  std::set<std::string> secrets_;
  std::set<std::string> host_prefixes_;
};

// The secret values of parsed options (`password`, `sslpassword`).
void add_secret_options(secret_set& secrets, const PQconninfoOption* options) {
  if (options == nullptr) return;
  for (const PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    if (o->val != nullptr && o->dispchar != nullptr && *o->dispchar == '*') {
      secrets.add_found(o->val);
    }
  }
}

}  // namespace

std::string redact_conninfo(std::string_view conninfo) {
  std::string out;
  out.reserve(conninfo.size());
  std::size_t copied = 0;
  for (const span& password : merged_passwords(conninfo)) {
    out.append(conninfo.substr(copied, password.begin - copied));
    out.append(hidden);
    copied = password.end;
  }
  out.append(conninfo.substr(copied));
  return out;
}

std::string scrub_message(std::string message, std::string_view conninfo, const PGconn* conn) {
  // First the connection string as a whole (libpq quotes a malformed URI entirely), then every
  // password left: safety before looks, even when that stars out a word.
  if (!conninfo.empty()) secret_set::replace_all(message, conninfo, redact_conninfo(conninfo));
  secret_set secrets;
  for (const span& password : find_passwords(conninfo)) {
    secrets.add_written(conninfo.substr(password.begin, password.end - password.begin),
                        password.shape);
  }
  const std::string text(conninfo);
  const std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> parsed(
      PQconninfoParse(text.c_str(), nullptr), &PQconninfoFree);
  add_secret_options(secrets, parsed.get());
  if (conn != nullptr) {
    const std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> used(
        PQconninfo(const_cast<PGconn*>(conn)), &PQconninfoFree);
    add_secret_options(secrets, used.get());
    if (const char* password = PQpass(conn)) secrets.add_found(password);
  }
  secrets.scrub(message);
  return message;
}

std::string connection_failure(const PGconn* conn, std::string_view conninfo) {
  return scrub_message(trimmed(PQerrorMessage(conn)), conninfo, conn);
}

}  // namespace sqlx::pg::detail
