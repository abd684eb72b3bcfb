// The one rule choosing a URL's database by its scheme (the URL itself:
// sqlite_connect_options_test).
#include "environment/sqlite_url.hpp"

#include <gtest/gtest.h>

#include "environment/database_url.hpp"

namespace {

TEST(database_of_url, by_scheme) {
  using sqlx::core::database;
  using sqlx::core::database_of_url;
  EXPECT_EQ(database_of_url("sqlite://a.db"), database::sqlite);
  EXPECT_EQ(database_of_url("sqlite::memory:"), database::sqlite);
  EXPECT_EQ(database_of_url("postgres://u@h/d"), database::postgres);
  EXPECT_EQ(database_of_url("postgresql://u@h/d"), database::postgres);
  EXPECT_EQ(database_of_url("host=/tmp dbname=x"), database::postgres);
  EXPECT_TRUE(sqlx::core::is_sqlite_url("sqlite:a.db"));
  EXPECT_FALSE(sqlx::core::is_sqlite_url("postgres://sqlite:x@h/d"));
}

}  // namespace
