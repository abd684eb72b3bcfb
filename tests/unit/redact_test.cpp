// The one redactor (src/runtime/redact.cpp) on its own: every string of the password matrix,
// what libpq says about it, and the strings a redactor must leave alone.
#include "runtime/internal/redact.hpp"

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <memory>
#include <string>

#include "environment/database_url.hpp"
#include "support/password_cases.hpp"
#include "support/test_cluster.hpp"

namespace {

using sqlx::pg::detail::redact_conninfo;
using sqlx::pg::detail::scrub_message;

void expect_clean(const std::string& text, const sqlx::test::password_case& c) {
  for (const std::string& secret : sqlx::test::forbidden_strings(c)) {
    EXPECT_EQ(text.find(secret), std::string::npos)
        << c.name << ": `" << secret << "` in: " << text;
  }
}

// libpq's own complaint about `conninfo` (parsing it as connection::connect does), or "".
std::string libpq_parse_error(const std::string& conninfo) {
  char* message = nullptr;
  std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(
      PQconninfoParse(conninfo.c_str(), &message), &PQconninfoFree);
  std::string text = message != nullptr ? message : "";
  PQfreemem(message);
  return text;
}

TEST(redact, every_matrix_string_is_redacted) {
  int checked = 0;
  for (const auto& c : sqlx::test::password_cases()) {
    // Passwords from a service file, a password file or PGPASSWORD are not in the string:
    // the matrix checks that they are never printed.
    if (c.conninfo.find(c.password.substr(0, 9)) == std::string::npos) continue;
    const std::string conninfo = sqlx::test::expand(c.conninfo, 5432, "/tmp/x");
    const std::string redacted = redact_conninfo(conninfo);
    expect_clean(redacted, c);
    EXPECT_NE(redacted.find("***"), std::string::npos) << c.name << ": " << redacted;
    // A message quoting the string, its password in every spelling, and libpq's complaint.
    std::string message = "bad \"" + conninfo + "\"; password " + c.password + " again " +
                          c.password + "; " + libpq_parse_error(conninfo);
    expect_clean(scrub_message(message, conninfo), c);
    ++checked;
  }
  EXPECT_GE(checked, 28);
}

TEST(redact, what_libpq_says_on_connect_is_scrubbed) {
  // Connecting to nowhere: libpq's message after a failed connect, scrubbed with the
  // connection (which also knows passwords from PGPASSWORD and the like).
  for (const auto& c : sqlx::test::password_cases()) {
    if (c.conninfo.empty() || !c.env.empty()) continue;
    const std::string conninfo = sqlx::test::expand(c.conninfo, 1, "/tmp/x");
    const char* keywords[] = {"dbname", "connect_timeout", nullptr};
    const char* values[] = {conninfo.c_str(), "2", nullptr};
    std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdbParams(keywords, values, 1),
                                                      &PQfinish);
    ASSERT_NE(conn, nullptr);
    ASSERT_NE(PQstatus(conn.get()), CONNECTION_OK) << c.name;
    const std::string message = sqlx::pg::detail::connection_failure(conn.get(), conninfo);
    EXPECT_FALSE(message.empty()) << c.name;
    expect_clean(message, c);
  }
}

TEST(redact, exact_results) {
  EXPECT_EQ(redact_conninfo("postgres://bob:s3cr3tpw@[::1"), "postgres://bob:***@[::1");
  EXPECT_EQ(redact_conninfo("postgres://u:p@ss@h/db"), "postgres://u:***@h/db");
  EXPECT_EQ(redact_conninfo("postgres://u@h/db?password=x&sslmode=require"),
            "postgres://u@h/db?password=***&sslmode=require");
  EXPECT_EQ(redact_conninfo("postgres://u@h/db?pass%77ord=x"), "postgres://u@h/db?pass%77ord=***");
  EXPECT_EQ(redact_conninfo("postgres://u@h/db?sslpassword=x"),
            "postgres://u@h/db?sslpassword=***");
  EXPECT_EQ(redact_conninfo("host=h password = 'a b\\' c' user=u"), "host=h password = *** user=u");
  EXPECT_EQ(redact_conninfo("host=h passwrod=x"), "host=h passwrod=***");
  EXPECT_EQ(redact_conninfo("host=h password x"), "host=h password ***");
  EXPECT_EQ(redact_conninfo("host=h password='x"), "host=h password=***");
  EXPECT_EQ(redact_conninfo("DATABASE_URL=postgres://u:x@h/db"), "DATABASE_URL=***");
  EXPECT_EQ(redact_conninfo("host=h dbname=postgres://u:x@h/db"),
            "host=h dbname=postgres://u:***@h/db");
  EXPECT_EQ(redact_conninfo("postgres:/u:x@h/db"), "postgres:***@h/db");
  EXPECT_EQ(redact_conninfo("\"postgres://u:x@h/db\""), "\"postgres://u:***@h/db\"");
  EXPECT_EQ(redact_conninfo("postgresql:u:x@h"), "postgresql:***@h");
}

TEST(redact, leaves_strings_without_passwords_alone) {
  for (const char* text :
       {"postgres://u@h/db", "postgres://h:5432,h2:5433/db?sslmode=disable&application_name=a",
        "postgresql:///db?host=/tmp", "host=h port=5432 user=bob@corp dbname=x",
        "host=h options='-c search_path=a'", "mydb", "service=svc", ""}) {
    EXPECT_EQ(redact_conninfo(text), text);
    EXPECT_EQ(scrub_message(std::string("about ") + text, text), std::string("about ") + text);
  }
}

TEST(redact, message_keeps_its_meaning) {
  const std::string url = "postgres://bob:s3cr3tpw@[::1";
  EXPECT_EQ(scrub_message(libpq_parse_error(url), url),
            "end of string reached when looking for matching \"]\" in IPv6 host address in URI: "
            "\"postgres://bob:***@[::1\"\n");
  const std::string raw_at = "postgres://u:p@ss@localhost/db";
  EXPECT_EQ(scrub_message("could not translate host name \"ss@localhost\" to address", raw_at),
            "could not translate host name \"***@localhost\" to address");
}

TEST(dotenv, unterminated_quote_is_an_error_without_the_value) {
  for (const auto& c : sqlx::test::password_cases()) {
    if (c.dotenv.empty()) continue;
    sqlx::test::temp_dir dir;
    sqlx::test::write_file(dir.path() / ".env", sqlx::test::expand(c.dotenv, 5432, "/tmp"));
    try {
      (void)sqlx::core::resolve_database_url(std::nullopt, dir.path());
      ADD_FAILURE() << c.name << ": no error";
    } catch (const std::runtime_error& e) {
      const std::string what = e.what();
      EXPECT_NE(what.find(".env:"), std::string::npos) << what;
      EXPECT_NE(what.find("quote"), std::string::npos) << what;
      expect_clean(what, c);
    }
  }
}

}  // namespace
