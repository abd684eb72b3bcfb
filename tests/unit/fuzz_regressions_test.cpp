// Inputs the fuzzers (fuzz/, docs/fuzzing.md) found to crash or leak, kept as tests once fixed.
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <string>

#include "metadata/metadata.hpp"
#include "runtime/internal/redact.hpp"

namespace {

// fuzz_database_url found these against the tools' former regex redactor (core::redact_url,
// since replaced by the runtime's, the one redactor): a URL password holding '?' or '#' was
// left in place (libpq reads the userinfo up to the '@'); a mistyped scheme made the password
// stay in the message libpq quotes the whole string back in ("missing "=" after ..."); a long
// quoted password overflowed the stack (std::regex recursed once per character).
TEST(fuzz_regressions, url_password_with_question_mark) {
  const std::string url = "postgres://nlw:JY;]?xA_:@sze/ueo";
  EXPECT_EQ(sqlx::pg::detail::redact_conninfo(url), "postgres://nlw:***@sze/ueo");
  EXPECT_EQ(sqlx::pg::detail::redact_conninfo("postgres://u?x:p#w@h/d"), "postgres://u?x:***@h/d");
}

TEST(fuzz_regressions, url_with_another_scheme) {
  const std::string url = "mysql://nlwss:CA_:9#B_X~a?]1A,11]C|@evueovjz/a";
  EXPECT_EQ(sqlx::pg::detail::redact_conninfo(url).find("CA_:9#B_X"), std::string::npos);
  const std::string message = sqlx::pg::detail::scrub_message(
      "missing \"=\" after \"" + url + "\" in connection info string", url);
  EXPECT_EQ(message.find("CA_:9#B_X"), std::string::npos) << message;
  EXPECT_EQ(sqlx::pg::detail::redact_conninfo("postgre://u:pw@h").find("pw"), std::string::npos);
}

// fuzz_database_url, against the one redactor: a URL with a mistyped scheme and a query
// parameter reads, for libpq, as a key=value string whose unknown keyword is the URL up to the
// '=', password included ("invalid connection option "pg+ssl://u:pw@h/db?x"").
TEST(fuzz_regressions, url_with_another_scheme_and_a_parameter) {
  const std::string url = "pg+ssl://ohipln:J;X-*#Yc!-C1-_BXX-9@olcmp/pwwzsnb?xnp=g";
  const std::string redacted = sqlx::pg::detail::redact_conninfo(url);
  EXPECT_EQ(redacted.find("J;X-*#Yc"), std::string::npos) << redacted;
  const std::string message = sqlx::pg::detail::scrub_message(
      "invalid connection option \"pg+ssl://ohipln:J;X-*#Yc!-C1-_BXX-9@olcmp/pwwzsnb?xnp\"", url);
  EXPECT_EQ(message.find("J;X-*#Yc"), std::string::npos) << message;
}

// The same with an '=' in the password: libpq's keyword is the URL up to it, `pg+ssl://u:J;X-`,
// which holds the password's head and no '@'.
TEST(fuzz_regressions, url_with_another_scheme_and_an_equals_sign_in_the_password) {
  const std::string url = "pg+ssl://ohipln:J;X-*#Yc!-8.a#bx===@olcmp/pwwzsnb?rgrngjgw=hpl";
  char* error = nullptr;
  PQconninfoFree(PQconninfoParse(url.c_str(), &error));
  ASSERT_NE(error, nullptr);
  const std::string libpq_message = error;
  PQfreemem(error);
  ASSERT_NE(libpq_message.find("J;X-*#Yc"), std::string::npos);  // what libpq says
  const std::string message = sqlx::pg::detail::scrub_message(libpq_message, url);
  EXPECT_EQ(message.find("J;X"), std::string::npos) << message;
  EXPECT_EQ(sqlx::pg::detail::redact_conninfo(url).find("J;X"), std::string::npos);
}

TEST(fuzz_regressions, long_quoted_password) {
  const std::string conninfo = "password='" + std::string(100000, 'a') + "' host=h";
  EXPECT_EQ(sqlx::pg::detail::redact_conninfo(conninfo), "password=*** host=h");
}

// fuzz_metadata: a number too large for a double is not a parse_error but an out_of_range
// exception, which escaped the reader without the file's name.
TEST(fuzz_regressions, metadata_number_too_large) {
  try {
    (void)sqlx::core::from_file_content(R"({"db_name": "PostgreSQL", "query": 94e3145})", "q.json");
    FAIL();
  } catch (const sqlx::core::metadata_error& e) {
    EXPECT_EQ(std::string(e.what()),
              "q.json: not valid JSON (truncated or edited by hand?): number overflow parsing "
              "'94e3145'; run `sqlcheck prepare` to write it again");
  }
}

}  // namespace
