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

}  // namespace
