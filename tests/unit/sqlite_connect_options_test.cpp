// sqlx::sqlite::connect_options: sqlx's SQLite URL forms and SqliteConnectOptions' defaults.
#include <gtest/gtest.h>

#include <sqlx/sqlite.hpp>

#include "support/expect_throw.hpp"

namespace {

using sqlx::sqlite::connect_options;

TEST(SqliteConnectOptions, DefaultsAreSqlxs) {
  const auto o = connect_options::parse("sqlite://data.db");
  EXPECT_EQ(o.filename(), "data.db");
  EXPECT_FALSE(o.in_memory());
  EXPECT_FALSE(o.read_only());
  EXPECT_FALSE(o.create_if_missing());
  EXPECT_TRUE(o.foreign_keys());
  EXPECT_FALSE(o.journal_mode().has_value());
  EXPECT_FALSE(o.synchronous().has_value());
  EXPECT_EQ(o.busy_timeout(), std::chrono::seconds(5));
  EXPECT_EQ(o.statement_cache_capacity(), 100U);
}

TEST(SqliteConnectOptions, Forms) {
  EXPECT_EQ(connect_options::parse("sqlite:data.db").filename(), "data.db");
  EXPECT_EQ(connect_options::parse("sqlite:///abs/app.db").filename(), "/abs/app.db");
  EXPECT_EQ(connect_options::parse("sqlite://dir/my%20file.db").filename(), "dir/my file.db");
  const auto memory = connect_options::parse("sqlite::memory:");
  EXPECT_TRUE(memory.in_memory());
  EXPECT_TRUE(memory.shared_cache());
  // Each parse is its own database.
  EXPECT_NE(memory.filename(), connect_options::parse("sqlite::memory:").filename());
}

TEST(SqliteConnectOptions, Modes) {
  EXPECT_TRUE(connect_options::parse("sqlite://a.db?mode=ro").read_only());
  EXPECT_TRUE(connect_options::parse("sqlite://a.db?mode=rwc").create_if_missing());
  const auto rw = connect_options::parse("sqlite://a.db?mode=rw");
  EXPECT_FALSE(rw.read_only());
  EXPECT_FALSE(rw.create_if_missing());
  EXPECT_TRUE(connect_options::parse("sqlite://a.db?mode=memory").in_memory());
  EXPECT_TRUE(connect_options::parse("sqlite://a.db?cache=shared&immutable=true").immutable());
  EXPECT_EQ(connect_options::parse("sqlite://a.db?vfs=unix-dotfile").vfs(), "unix-dotfile");
}

TEST(SqliteConnectOptions, Errors) {
  using sqlx::test::expect_throw;
  EXPECT_NE(expect_throw<sqlx::configuration_error>([] {
              (void)connect_options::parse("postgres://x/y");
            }).find("expected sqlite://path"),
            std::string::npos);
  EXPECT_NE(expect_throw<sqlx::configuration_error>([] {
              (void)connect_options::parse("sqlite://a.db?mode=wr");
            }).find("mode=wr (expected ro, rw, rwc or memory)"),
            std::string::npos);
  EXPECT_NE(expect_throw<sqlx::configuration_error>([] {
              (void)connect_options::parse("sqlite://a.db?journal=wal");
            }).find("unknown parameter \"journal\""),
            std::string::npos);
  EXPECT_THROW((void)connect_options::parse("sqlite:"), sqlx::configuration_error);
  EXPECT_THROW((void)connect_options::parse("sqlite://a%2.db"), sqlx::configuration_error);
}

TEST(SqliteUrl, MoreForms) {
  EXPECT_EQ(connect_options::parse("sqlite://my%3Fdb%23.db").filename(), "my?db#.db");
  for (const char* memory : {"sqlite::memory:", "sqlite://:memory:"}) {
    const auto o = connect_options::parse(memory);
    EXPECT_TRUE(o.in_memory()) << memory;
    EXPECT_TRUE(o.shared_cache()) << memory;
  }
  EXPECT_FALSE(connect_options::parse("sqlite://a.db?mode=memory&cache=private").shared_cache());
  EXPECT_THROW((void)connect_options::parse("sqlite://a.db?cache=wat"), sqlx::configuration_error);
}

}  // namespace
