// Malformed and unusual connection strings, each carrying a distinctive password, for the
// redactor's unit test and the password matrix (every command that connects). Every password
// contains `pw_CaseNN` and `s3cr3t`: neither may appear in any output.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace sqlx::test {

struct password_case {
  std::string name;
  // The connection string; "{port}" stands for the test server's port, "{dir}" for the
  // case's scratch directory (service and password files).
  std::string conninfo;
  // The password as libpq reads it (percent-decoded, unquoted).
  std::string password;
  // Environment for the case ("{port}" and "{dir}" replaced as above).
  std::vector<std::pair<std::string, std::string>> env;
  // When set: the case's connection string comes from a `.env` file with this content and
  // nothing else; only the CLI commands (which read `.env`) take it.
  std::string dotenv;
  // When set: `{dir}/pg_service.conf` with this content (PGSERVICEFILE points at it).
  std::string service_file;
  // When set: `{dir}/pgpass` with this content, mode 0600.
  std::string passfile;
  // Whether the matrix's server must check passwords for `pw_user` (wrong-password cases).
  bool needs_password_auth = false;
};

// The role with a password the wrong-password cases log in as, and its right password.
inline constexpr const char* password_role = "pw_user";
inline constexpr const char* password_role_password = "right_Pass_1";

// The strings that must not appear in an output for `c`: the password and its percent-encoded
// spellings, the markers, and the connection string as written.
[[nodiscard]] std::vector<std::string> forbidden_strings(const password_case& c);

// The cases (see the .cpp for the list).
[[nodiscard]] const std::vector<password_case>& password_cases();

// `text` with {port} and {dir} replaced.
[[nodiscard]] std::string expand(std::string text, int port, const std::string& dir);

}  // namespace sqlx::test
