// sqlx's migration file names and the `-- no-transaction` header, read without a database.
#include "runtime/internal/migration_name.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace {
using sqlx::migration_type;
using sqlx::detail::parse_migration_file_name;

TEST(migration_name, the_three_kinds) {
  const auto simple = parse_migration_file_name("20240101_add_users.sql", "m/x");
  ASSERT_TRUE(simple);
  EXPECT_EQ(simple->version, 20240101);
  EXPECT_EQ(simple->description, "add users");
  EXPECT_EQ(simple->type, migration_type::simple);
  const auto up = parse_migration_file_name("2_a_b.up.sql", "m/x");
  ASSERT_TRUE(up);
  EXPECT_EQ(up->description, "a b");
  EXPECT_EQ(up->type, migration_type::reversible_up);
  const auto down = parse_migration_file_name("2_a_b.down.sql", "m/x");
  ASSERT_TRUE(down);
  EXPECT_EQ(down->type, migration_type::reversible_down);
  // As sqlx: the kind is the suffix; what is left, possibly nothing, is the description.
  EXPECT_EQ(parse_migration_file_name("3_.up.sql", "m/x")->description, "");
  EXPECT_EQ(parse_migration_file_name("3_up.sql", "m/x")->type, migration_type::simple);
}

TEST(migration_name, files_that_are_not_migrations) {
  for (const char* name : {"README.md", "1.sql", "1_x.sql.bak", "_", "", "1_x.SQL"}) {
    EXPECT_FALSE(parse_migration_file_name(name, "m/x")) << name;
  }
}

TEST(migration_name, a_version_that_is_not_a_64_bit_integer_names_the_file) {
  for (const char* name :
       {"x_a.sql", "_a.sql", "1a_b.sql", "99999999999999999999_a.sql", " 1_a.sql", "+1_a.sql"}) {
    try {
      (void)parse_migration_file_name(name, "migrations/file");
      ADD_FAILURE() << name;
    } catch (const sqlx::migration_source_error& e) {
      EXPECT_TRUE(std::string_view(e.what()).starts_with("migrations/file: not a migration name"))
          << e.what();
    }
  }
  EXPECT_EQ(parse_migration_file_name("9223372036854775807_a.sql", "m")->version,
            std::numeric_limits<std::int64_t>::max());
}

TEST(migration_name, no_transaction_is_the_first_line) {
  const auto make = [](std::string sql) {
    return sqlx::migration(1, "x", migration_type::simple, std::move(sql));
  };
  EXPECT_TRUE(make("-- no-transaction\nCREATE INDEX CONCURRENTLY i ON t(c);").no_transaction);
  EXPECT_TRUE(make("-- no-transaction").no_transaction);
  EXPECT_FALSE(make("\n-- no-transaction\n").no_transaction);
  EXPECT_FALSE(make("SELECT 1; -- no-transaction").no_transaction);
  EXPECT_FALSE(make("").no_transaction);
}

}  // namespace
