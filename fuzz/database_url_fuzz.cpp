// The database URL reader (resolve_database_url and its `.env` reader) and the redactor
// (redact_conninfo, scrub_message). Arbitrary bytes must not crash them; and a password placed
// in a URL, in a `password=` keyword (quoted or not) or in a query parameter, or read from a
// `.env` file, must never survive redaction, nor appear in the error about a `.env` value
// whose quote is not closed. A generated password starts with an upper-case
// letter and every other part is lower-case, so the password can appear in a redacted text
// only if it leaked.
#include <fuzzer/FuzzedDataProvider.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "environment/database_url.hpp"
#include "runtime/internal/redact.hpp"

namespace {
namespace fs = std::filesystem;

enum class place { uri, query_parameter, keyword, quoted_keyword, dotenv, kMaxValue = dotenv };

// What a password may hold in each place without changing how libpq splits the string.
constexpr std::string_view uri_chars = "ABCXYZabcxyz0189!$%*+,;~-.^|?#:&=[]_";
constexpr std::string_view query_chars = "ABCXYZabcxyz0189!$%*+,;~-.^|?#:=[]_";
constexpr std::string_view keyword_chars = "ABCXYZabcxyz0189!$%*+,;~-.^|?#:&=[]_@/\"";
constexpr std::string_view quoted_chars = "ABCXYZabcxyz0189!$%*+,;~-.^|?#:&=[]_@/\" '\\\t";

std::string pick(FuzzedDataProvider& in, std::string_view chars, std::size_t min_length,
                 std::size_t max_length) {
  std::string out;
  const std::size_t length = in.ConsumeIntegralInRange<std::size_t>(min_length, max_length);
  for (std::size_t i = 0; i < length; ++i) {
    out += chars[in.ConsumeIntegralInRange<std::size_t>(0, chars.size() - 1)];
  }
  return out;
}

std::string lower(FuzzedDataProvider& in, std::size_t max_length) {
  // Never empty: `host= password=x` would make "password" the host, as libpq reads it.
  return pick(in, "abcdefghijklmnopqrstuvwxyz", 1, max_length);
}

// Starts with an upper-case letter, a digit or sign (no message word such as "DATABASE_URL"
// or "URI" holds that pair) and a character libpq never splits at, so that a message quoting
// any piece of it quotes those three.
std::string password(FuzzedDataProvider& in, std::string_view chars) {
  return std::string(1, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[in.ConsumeIntegralInRange(0, 25)]) +
         pick(in, "0189!$*+,;~^|", 1, 1) + pick(in, "ABCXYZabcxyz0189!$*+,;~-.^|_", 1, 1) +
         pick(in, chars, 0, 24);
}

// Single-quoted as libpq reads a keyword value: backslash escapes a quote or a backslash.
std::string single_quoted(std::string_view value) {
  std::string out = "'";
  for (const char c : value) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

// Reports which redactor let `secret` through (a generated, made-up password) and stops.
void expect_hidden(std::string_view redactor, std::string_view input, std::string_view text,
                   std::string_view secret) {
  if (secret.empty() || text.find(secret) == std::string_view::npos) return;
  std::fprintf(
      stderr,
      "%.*s leaks the password\n  password: [%.*s]\n  input:    [%.*s]\n  output:   [%.*s]\n",
      static_cast<int>(redactor.size()), redactor.data(), static_cast<int>(secret.size()),
      secret.data(), static_cast<int>(input.size()), input.data(), static_cast<int>(text.size()),
      text.data());
  __builtin_trap();
}

// The redactor on `conninfo`, whose password is `secret` (as libpq reads it) and `written` (as
// it stands in `conninfo`): in the redacted string, in a message quoting the string and the
// value, and in libpq's own message about the string (PQconninfoParse: no connection), none of
// the password may remain, not even its first three characters.
void check_redacted(const std::string& conninfo, std::string_view secret,
                    std::string_view written) {
  std::string libpq_message;
  char* error = nullptr;
  PQconninfoFree(PQconninfoParse(conninfo.c_str(), &error));
  if (error != nullptr) {
    libpq_message = error;
    PQfreemem(error);
  }
  // A message quoting the value alone, as libpq does for values it parsed (`invalid sslmode
  // value: "..."`); for a mistyped scheme libpq parses no value, and names only the keyword.
  const bool parsed = !conninfo.starts_with("postgre://") && !conninfo.starts_with("mysql://") &&
                      !conninfo.starts_with("pg+ssl://");
  const std::string quoting = "invalid option in \"" + conninfo + "\"" +
                              (parsed ? ": \"" + std::string(written) + "\"" : std::string());
  const std::pair<std::string_view, std::string> outputs[] = {
      {"redact_conninfo", sqlx::pg::detail::redact_conninfo(conninfo)},
      {"scrub_message", sqlx::pg::detail::scrub_message(quoting, conninfo)},
      {"scrub_message(libpq's message)", sqlx::pg::detail::scrub_message(libpq_message, conninfo)},
  };
  for (const auto& [redactor, text] : outputs) {
    expect_hidden(redactor, conninfo, text, secret.substr(0, 3));
    expect_hidden(redactor, conninfo, text, written);
  }
}

const fs::path& scratch_dir() {
  static const fs::path dir = [] {
    std::string path = (fs::temp_directory_path() / "sqlx-fuzz-XXXXXX").string();
    if (mkdtemp(path.data()) == nullptr) std::abort();
    return fs::path(path);
  }();
  return dir;
}

// DATABASE_URL as resolve_database_url reads it from a `.env` holding `content`; nullopt when
// there is none, or when the reader rejects the file (its message is then in `error`).
std::optional<std::string> from_dotenv(std::string_view content, std::string* error = nullptr) {
  std::ofstream(scratch_dir() / ".env", std::ios::binary | std::ios::trunc) << content;
  try {
    return sqlx::core::resolve_database_url(std::nullopt, scratch_dir());
  } catch (const std::runtime_error& e) {
    if (error != nullptr) *error = e.what();
    return std::nullopt;
  }
}

void generated(FuzzedDataProvider& in) {
  const auto where = in.ConsumeEnum<place>();
  const std::string user = lower(in, 8);
  const std::string host = lower(in, 8);
  const std::string db = lower(in, 8);
  // libpq's two schemes, and mistakes: libpq then reads the whole URL as a keyword name and
  // quotes it back in its message.
  const std::string scheme =
      in.PickValueInArray({"postgres://", "postgresql://", "postgre://", "mysql://", "pg+ssl://"});
  switch (where) {
    case place::uri: {
      const std::string secret = password(in, uri_chars);
      check_redacted(scheme + user + ":" + secret + "@" + host + "/" + db + "?" + lower(in, 8) +
                         "=" + lower(in, 8),
                     secret, secret);
      break;
    }
    case place::query_parameter: {
      const std::string secret = password(in, query_chars);
      const std::string before = in.ConsumeBool() ? "sslmode=disable&" : "";
      const std::string after = in.ConsumeBool() ? "&application_name=" + lower(in, 8) : "";
      check_redacted(scheme + host + "/" + db + "?" + before + "password=" + secret + after, secret,
                     secret);
      break;
    }
    case place::keyword: {
      const std::string secret = password(in, keyword_chars);
      const std::string space = in.ConsumeBool() ? " " : "";
      check_redacted("host=" + host + " password" + space + "=" + space + secret + " dbname=" + db,
                     secret, secret);
      break;
    }
    case place::quoted_keyword: {
      const std::string secret = password(in, quoted_chars);
      const std::string written = single_quoted(secret);
      check_redacted("user=" + user + " password=" + written + " host=" + host, secret, written);
      break;
    }
    case place::dotenv: {
      const std::string secret = password(in, uri_chars);
      const std::string url = scheme + user + ":" + secret + "@" + host + "/" + db;
      const std::string quote = in.PickValueInArray({"", "'", "\""});
      const std::string prefix = in.ConsumeBool() ? "export " : "";
      // A quote opened and not closed is an error, which must not show the value.
      const bool closed = quote.empty() || in.ConsumeBool();
      std::string error;
      const auto found =
          from_dotenv("# " + lower(in, 8) + "\n" + prefix + "DATABASE_URL = " + quote + url +
                          (closed ? quote : "") + "\n",
                      &error);
      if (closed) {
        if (!found || *found != url) __builtin_trap();
        check_redacted(*found, secret, secret);
      } else {
        if (found || error.empty()) __builtin_trap();
        expect_hidden(".env error", url, error, secret.substr(0, 3));
      }
      break;
    }
  }
}

void arbitrary(std::string_view bytes) {
  const std::string text(bytes);
  (void)sqlx::pg::detail::redact_conninfo(text);
  (void)sqlx::pg::detail::scrub_message(text, text);
  const std::size_t half = text.size() / 2;
  (void)sqlx::pg::detail::scrub_message(text.substr(0, half), text.substr(half));
  // A file write per input is slow: the .env reader gets the inputs that can matter to it.
  if (text.find("DATABASE_URL") != std::string::npos) {
    if (const auto url = from_dotenv(text)) (void)sqlx::pg::detail::redact_conninfo(*url);
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  unsetenv("DATABASE_URL");  // resolve_database_url must read the .env
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  // The first byte chooses: arbitrary text, or a password placed by the rest.
  if (data[0] % 2 == 0) {
    arbitrary(std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1));
  } else {
    FuzzedDataProvider in(data + 1, size - 1);
    generated(in);
  }
  return 0;
}
