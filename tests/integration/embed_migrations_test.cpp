// sqlx_cpp_embed_migrations(): the embedded migrations are the directory's, byte for byte, and
// run as the directory's do. tests/CMakeLists.txt embeds migrations/ with the default function
// and tests/integration/embedded/ (odd bytes: CRLF, quotes, backslashes, NUL, non-UTF-8,
// empty files, -- no-transaction) as embedded_test::odd_migrations().
#include <gtest/gtest.h>

#include <sqlx/migrate.hpp>

#include "support/test_cluster.hpp"

namespace embedded_test {
sqlx::migrator odd_migrations();
}

namespace {

void expect_same(const sqlx::migrator& embedded, const sqlx::migrator& on_disk) {
  ASSERT_EQ(embedded.migrations().size(), on_disk.migrations().size());
  for (std::size_t i = 0; i < on_disk.migrations().size(); ++i) {
    const auto& e = embedded.migrations()[i];
    const auto& d = on_disk.migrations()[i];
    SCOPED_TRACE(d.origin);
    EXPECT_EQ(e.version, d.version);
    EXPECT_EQ(e.description, d.description);
    EXPECT_EQ(e.type, d.type);
    EXPECT_EQ(e.sql, d.sql);
    EXPECT_EQ(e.checksum, d.checksum);
    EXPECT_EQ(e.no_transaction, d.no_transaction);
    EXPECT_EQ(e.origin, d.origin);
  }
}

TEST(embedded_migrations, are_the_directory_byte_for_byte) {
  expect_same(sqlx::embedded_migrations(),
              sqlx::migrator::from_directory(SQLX_CPP_SOURCE_DIR "/migrations"));
}

TEST(embedded_migrations, keep_every_byte_of_odd_files) {
  const auto odd = embedded_test::odd_migrations();
  expect_same(odd,
              sqlx::migrator::from_directory(SQLX_CPP_SOURCE_DIR "/tests/integration/embedded"));
  ASSERT_EQ(odd.migrations().size(), 4U);
  EXPECT_NE(odd.migrations()[0].sql.find('\0'), std::string::npos);
  EXPECT_TRUE(odd.migrations()[1].no_transaction);
  EXPECT_TRUE(odd.migrations()[2].sql.empty());
}

TEST(embedded_migrations, run_like_the_directory) {
  auto db = sqlx::pg::connection::connect(sqlx::test::fresh_database("embedded"));
  const auto steps = sqlx::embedded_migrations().run(db);
  EXPECT_EQ(steps.size(), 2U);  // the simple migration and the reversible one's up
  // The directory's files find everything applied with their checksums.
  const auto status = sqlx::migrator::from_directory(SQLX_CPP_SOURCE_DIR "/migrations").info(db);
  ASSERT_EQ(status.size(), 2U);
  for (const auto& s : status) EXPECT_EQ(s.what, sqlx::migration_status::state::applied);
}

}  // namespace
