#include "support/password_cases.hpp"

#include <fmt/format.h>

namespace sqlx::test {
namespace {

std::string percent_encoded(const std::string& text, const char* digits) {
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

// A server that answers: the case's string is a database name to libpq (no '=', not a URI),
// so the server is asked for a database of that name and quotes it back.
const std::vector<std::pair<std::string, std::string>> server_env = {
    {"PGHOST", "127.0.0.1"}, {"PGPORT", "{port}"}, {"PGUSER", "postgres"}};

password_case make(std::string name, std::string conninfo, std::string password,
                   std::vector<std::pair<std::string, std::string>> env = {}) {
  password_case c;
  c.name = std::move(name);
  c.conninfo = std::move(conninfo);
  c.password = std::move(password);
  c.env = std::move(env);
  return c;
}

std::vector<password_case> make_cases() {
  std::vector<password_case> cases = {
      make("broken IPv6 host", "postgres://bob:pw_Case01_s3cr3t@[::1", "pw_Case01_s3cr3t"),
      make("port out of range", "postgres://bob:pw_Case02_s3cr3t@127.0.0.1:99999/db",
           "pw_Case02_s3cr3t"),
      make("port not a number", "postgres://bob:pw_Case03_s3cr3t@127.0.0.1:54x2/db",
           "pw_Case03_s3cr3t"),
      make("bad sslmode", "postgres://bob:pw_Case04_s3cr3t@127.0.0.1:{port}/db?sslmode=bogus",
           "pw_Case04_s3cr3t"),
      make("unknown URI option", "postgres://bob:pw_Case05_s3cr3t@127.0.0.1:{port}/db?frobnicate=1",
           "pw_Case05_s3cr3t"),
      make("percent-encoded password, closed port",
           "postgres://bob:pw_Case06%20%40s3cr3t@127.0.0.1:1/db", "pw_Case06 @s3cr3t"),
      make("password in the query string, closed port",
           "postgres://bob@127.0.0.1:1/db?password=pw_Case07_s3cr3t", "pw_Case07_s3cr3t"),
      make("query-string password and an unknown option",
           "postgres://bob@127.0.0.1:{port}/db?password=pw_Case08_s3cr3t&frob=1",
           "pw_Case08_s3cr3t"),
      make("broken percent escape in the password",
           "postgres://bob:pw_Case09_s3cr3t%zz@127.0.0.1/db", "pw_Case09_s3cr3t%zz"),
      make("%00 in a query-string password",
           "postgres://bob@127.0.0.1/db?password=pw_Case10_s3cr3t%00", "pw_Case10_s3cr3t%00"),
      make("key/value, closed port",
           "host=127.0.0.1 port=1 user=bob password=pw_Case11_s3cr3t dbname=db",
           "pw_Case11_s3cr3t"),
      make("key/value quoted password with a space and an escaped quote",
           R"(host=127.0.0.1 port=1 user=bob password='pw_Case12 x\'s3cr3t' dbname=db)",
           "pw_Case12 x's3cr3t"),
      make("key/value spaces around =",
           "host=127.0.0.1 port=1 user=bob password = pw_Case13_s3cr3t dbname=db",
           "pw_Case13_s3cr3t"),
      make("key/value unterminated quote",
           "host=127.0.0.1 user=bob password='pw_Case14_s3cr3t dbname=db",
           "pw_Case14_s3cr3t dbname=db"),
      make("key/value password without =", "host=127.0.0.1 user=bob password pw_Case15_s3cr3t",
           "pw_Case15_s3cr3t"),
      make("misspelt password keyword",
           "host=127.0.0.1 user=bob passwrod=pw_Case16_s3cr3t dbname=db", "pw_Case16_s3cr3t"),
      make("several hosts, all closed",
           "postgres://bob:pw_Case17_s3cr3t@127.0.0.1:1,127.0.0.2:1/db", "pw_Case17_s3cr3t"),
      make("raw @ in the password", "postgres://bob:pw_Case18@s3cr3t@127.0.0.1:1/db",
           "pw_Case18@s3cr3t"),
      make("scheme typo (a database name to libpq)", "postgres:/bob:pw_Case19_s3cr3t@127.0.0.1/db",
           "pw_Case19_s3cr3t", server_env),
      make("URL in double quotes", "\"postgres://bob:pw_Case20_s3cr3t@127.0.0.1/db\"",
           "pw_Case20_s3cr3t", server_env),
      make("assignment pasted whole", "DATABASE_URL=postgres://bob:pw_Case21_s3cr3t@127.0.0.1/db",
           "pw_Case21_s3cr3t"),
      make("unknown service (the service file holds a password)", "service=nosuch",
           "pw_Case22_s3cr3t"),
      make("service with a closed port and a password", "service=case23", "pw_Case23_s3cr3t"),
      make("service with a wrong password", "service=case24", "pw_Case24_s3cr3t"),
      make(".env value with an unterminated double quote", "", "pw_Case25_s3cr3t"),
      make(".env value with an unterminated single quote", "", "pw_Case26_s3cr3t"),
      make("wrong password", "postgres://pw_user:pw_Case27_s3cr3t@127.0.0.1:{port}/postgres",
           "pw_Case27_s3cr3t"),
      make("wrong percent-encoded password",
           "postgres://pw_user:pw_Case28%2F%27s3cr3t@127.0.0.1:{port}/postgres",
           "pw_Case28/'s3cr3t"),
      make("wrong password from a password file",
           "postgres://pw_user@127.0.0.1:{port}/postgres?passfile={dir}/pgpass",
           "pw_Case29_s3cr3t"),
      make("wrong password from PGPASSWORD", "postgres://pw_user@127.0.0.1:{port}/postgres",
           "pw_Case30_s3cr3t"),
      make("URL as a key/value dbname, closed port",
           "host=127.0.0.1 port=1 dbname=postgres://bob:pw_Case31_s3cr3t@h/db", "pw_Case31_s3cr3t"),
      make("upper-case PASSWORD keyword", "host=127.0.0.1 port=1 PASSWORD=pw_Case32_s3cr3t",
           "pw_Case32_s3cr3t"),
      make("sslpassword in the query string, closed port",
           "postgres://bob@127.0.0.1:1/db?sslpassword=pw_Case33_s3cr3t", "pw_Case33_s3cr3t"),
      make("leading space (a database name to libpq)",
           " postgres://bob:pw_Case34_s3cr3t@127.0.0.1/db", "pw_Case34_s3cr3t", server_env),
      make("scheme without slashes (a database name to libpq)",
           "postgresql:bob:pw_Case35_s3cr3t@127.0.0.1/db", "pw_Case35_s3cr3t", server_env),
      make("wrong password, URL with more parameters",
           "postgres://pw_user:pw_Case36_s3cr3t@127.0.0.1:{port}/postgres?application_name='x",
           "pw_Case36_s3cr3t"),
  };
  auto find = [&](const char* marker) -> password_case& {
    for (auto& c : cases) {
      if (c.password.find(marker) != std::string::npos) return c;
    }
    throw std::logic_error(marker);
  };
  find("Case22").service_file =
      "[known]\nhost=127.0.0.1\nport=1\nuser=bob\npassword=pw_Case22_s3cr3t\n";
  find("Case23").service_file =
      "[case23]\nhostaddr=127.0.0.1\nport=1\nuser=bob\npassword=pw_Case23_s3cr3t\ndbname=db\n";
  find("Case24").service_file =
      "[case24]\nhost=127.0.0.1\nport={port}\nuser=pw_user\npassword=pw_Case24_s3cr3t\n"
      "dbname=postgres\n";
  find("Case24").needs_password_auth = true;
  for (const char* marker : {"Case22", "Case23", "Case24"}) {
    find(marker).env.emplace_back("PGSERVICEFILE", "{dir}/pg_service.conf");
  }
  find("Case25").dotenv =
      "# the closing quote is "
      "missing\nDATABASE_URL=\"postgres://bob:pw_Case25_s3cr3t@127.0.0.1/db\n";
  find("Case26").dotenv =
      "export DATABASE_URL='postgres://bob:pw_Case26_s3cr3t@127.0.0.1:{port}/db\nOTHER=1\n";
  find("Case27").needs_password_auth = true;
  find("Case28").needs_password_auth = true;
  find("Case29").needs_password_auth = true;
  find("Case29").passfile = "*:*:*:pw_user:pw_Case29_s3cr3t\n";
  find("Case30").needs_password_auth = true;
  find("Case30").env.emplace_back("PGPASSWORD", "pw_Case30_s3cr3t");
  find("Case36").needs_password_auth = true;
  return cases;
}

}  // namespace

std::vector<std::string> forbidden_strings(const password_case& c) {
  std::vector<std::string> out = {c.password, percent_encoded(c.password, "0123456789ABCDEF"),
                                  percent_encoded(c.password, "0123456789abcdef"), "s3cr3t"};
  const std::size_t marker = c.password.find("pw_Case");
  if (marker != std::string::npos) out.push_back(c.password.substr(marker, 9));
  return out;
}

const std::vector<password_case>& password_cases() {
  static const std::vector<password_case> cases = make_cases();
  return cases;
}

std::string expand(std::string text, int port, const std::string& dir) {
  for (auto [key, value] : {std::pair<std::string, std::string>{"{port}", std::to_string(port)},
                            std::pair<std::string, std::string>{"{dir}", dir}}) {
    for (auto at = text.find(key); at != std::string::npos; at = text.find(key, at)) {
      text.replace(at, key.size(), value);
      at += value.size();
    }
  }
  return text;
}

}  // namespace sqlx::test
