// Inputs the fuzzers (fuzz/, docs/fuzzing.md) found to crash or leak, kept as tests once fixed.
#include <gtest/gtest.h>

#include <string>

#include "core/database_url.hpp"
#include "core/metadata.hpp"
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
