// SQLite URLs as sqlx reads them, and the one rule choosing a URL's database by its scheme.
#include "environment/sqlite_url.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "environment/database_url.hpp"
#include "sqlx/error.hpp"

namespace {

using sqlx::core::parse_sqlite_url;

TEST(sqlite_url, forms_sqlx_accepts) {
  EXPECT_EQ(parse_sqlite_url("sqlite://data/bot.db").filename, "data/bot.db");
  EXPECT_EQ(parse_sqlite_url("sqlite:data/bot.db").filename, "data/bot.db");
  EXPECT_EQ(parse_sqlite_url("sqlite:///var/lib/bot.db").filename, "/var/lib/bot.db");
  EXPECT_EQ(parse_sqlite_url("sqlite://my%3Fdb%23.db").filename, "my?db#.db");
  for (const char* memory : {"sqlite::memory:", "sqlite://:memory:", "sqlite://?mode=memory"}) {
    const auto url = parse_sqlite_url(memory);
    EXPECT_TRUE(url.in_memory) << memory;
    EXPECT_TRUE(url.shared_cache) << memory;
  }
  EXPECT_FALSE(parse_sqlite_url("sqlite://?mode=memory&cache=private").shared_cache);
}

TEST(sqlite_url, modes_and_open_flags) {
  const auto rw = parse_sqlite_url("sqlite://a.db");
  EXPECT_EQ(sqlx::core::sqlite_open_flags(rw), SQLITE_OPEN_READWRITE);  // sqlx: rw, no create
  const auto ro = parse_sqlite_url("sqlite://a.db?mode=ro");
  EXPECT_TRUE(ro.read_only);
  EXPECT_EQ(sqlx::core::sqlite_open_flags(ro), SQLITE_OPEN_READONLY);
  const auto rwc = parse_sqlite_url("sqlite://a.db?mode=rwc&immutable=1&vfs=unix-none");
  EXPECT_TRUE(rwc.create_if_missing);
  EXPECT_TRUE(rwc.immutable);
  EXPECT_EQ(rwc.vfs, "unix-none");
  EXPECT_EQ(sqlx::core::sqlite_open_flags(rwc), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
}

TEST(sqlite_url, unknown_parameters_and_values_are_errors) {
  EXPECT_THROW((void)parse_sqlite_url("sqlite://a.db?mode=wat"), sqlx::error);
  EXPECT_THROW((void)parse_sqlite_url("sqlite://a.db?cache=wat"), sqlx::error);
  EXPECT_THROW((void)parse_sqlite_url("sqlite://a.db?journal=wal"), sqlx::error);
  EXPECT_THROW((void)parse_sqlite_url("postgres://x/y"), sqlx::error);
}

TEST(database_of_url, by_scheme) {
  using sqlx::core::database;
  using sqlx::core::database_of_url;
  EXPECT_EQ(database_of_url("sqlite://a.db"), database::sqlite);
  EXPECT_EQ(database_of_url("sqlite::memory:"), database::sqlite);
  EXPECT_EQ(database_of_url("postgres://u@h/d"), database::postgres);
  EXPECT_EQ(database_of_url("postgresql://u@h/d"), database::postgres);
  EXPECT_EQ(database_of_url("host=/tmp dbname=x"), database::postgres);
}

}  // namespace
