// Inputs the fuzzers (fuzz/, docs/fuzzing.md) found to crash or leak, kept as tests once fixed.
#include <gtest/gtest.h>

#include <string>

#include "core/database_url.hpp"
#include "internal/redact.hpp"

namespace {

// fuzz_database_url: a URL password holding '?' (or '#') passed through redact_url, which
// ended the userinfo there while libpq reads it up to the '@'.
TEST(fuzz_regressions, url_password_with_question_mark) {
  const std::string url = "postgres://nlw:JY;]?xA_:@sze/ueo";
  EXPECT_EQ(sqlx::core::redact_url(url), "postgres://nlw:***@sze/ueo");
  EXPECT_EQ(sqlx::pg::internal::redact_conninfo(url), "postgres://nlw:***@sze/ueo");
  EXPECT_EQ(sqlx::core::redact_url("postgres://u?x:p#w@h/d"), "postgres://u?x:***@h/d");
}

// fuzz_database_url: a mistyped scheme made the runtime's redactor read the URL as keywords
// and leave the password, which libpq then quotes back ("missing "=" after ...").
TEST(fuzz_regressions, url_with_another_scheme) {
  const std::string url = "mysql://nlwss:CA_:9#B_X~a?]1A,11]C|@evueovjz/a";
  EXPECT_EQ(sqlx::pg::internal::redact_conninfo(url), "mysql://nlwss:***@evueovjz/a");
  EXPECT_EQ(sqlx::pg::internal::scrub_message(
                "missing \"=\" after \"" + url + "\" in connection info string", url),
            "missing \"=\" after \"mysql://nlwss:***@evueovjz/a\" in connection info string");
  EXPECT_EQ(sqlx::pg::internal::redact_conninfo("postgre://u:pw@h"), "postgre://u:***@h");
  EXPECT_EQ(sqlx::pg::internal::redact_conninfo("host=h password=x"), "host=h password=***");
}

// fuzz_database_url: redact_url's regexes recursed once per character and overflowed the stack
// on a long quoted password (as sqlcheck -D or a .env may hold); it is now the runtime's
// redactor, which does not recurse.
TEST(fuzz_regressions, long_quoted_password) {
  const std::string conninfo = "password='" + std::string(100000, 'a') + "' host=h";
  EXPECT_EQ(sqlx::core::redact_url(conninfo), "password=*** host=h");
}

}  // namespace
