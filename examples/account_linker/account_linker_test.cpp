// The service's own tests, as a user of sqlx-cpp writes them: sqlx::testing gives every test a
// fresh database with the embedded migrations applied.
#include "account_linker.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <sqlx/testing.hpp>

#include "server/cluster.hpp"

namespace {

// A throwaway server for the run (a real project points DATABASE_URL at its test server).
class throwaway_server : public ::testing::Environment {
 public:
  void SetUp() override {
    cluster_ = std::make_unique<sqlx::core::temp_cluster>(sqlx::core::temp_cluster::start());
    setenv("DATABASE_URL", cluster_->url().c_str(), 1);
  }
  void TearDown() override { cluster_.reset(); }

 private:
  std::unique_ptr<sqlx::core::temp_cluster> cluster_;
};
const auto* const server = ::testing::AddGlobalTestEnvironment(new throwaway_server);

class account_linker_test : public sqlx::testing::database_test {
 protected:
  [[nodiscard]] sqlx::migrator migrations() const override { return sqlx::embedded_migrations(); }

  void link(const std::string& discord_id, std::int64_t anilist_id) {
    (void)account_linker::register_user(connection(), discord_id, "user " + discord_id);
    connection().execute("INSERT INTO oauth_credentials VALUES ('" + discord_id + "', " +
                         std::to_string(anilist_id) + ", NULL, 'token', now())");
  }
};

TEST_F(account_linker_test, finds_a_linked_credential) {
  link("1001", 5001);
  const auto found = account_linker::find_credential(connection(), "1001");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->anilist_id, 5001);
  EXPECT_FALSE(found->anilist_username.has_value());
  EXPECT_FALSE(account_linker::find_credential(connection(), "404").has_value());
}

TEST_F(account_linker_test, unlink_reports_the_rows_it_deleted) {
  link("1001", 5001);
  link("1002", 5002);
  EXPECT_EQ(account_linker::unlink(connection(), "1002"), 1U);
  EXPECT_EQ(account_linker::unlink(connection(), "1002"), 0U);
  EXPECT_EQ(account_linker::count_linked(connection()), 1);
}

// A database of its own: the rows of the tests above are not here.
TEST_F(account_linker_test, starts_empty) {
  EXPECT_EQ(account_linker::count_linked(connection()), 0);
  EXPECT_TRUE(account_linker::find_credentials(connection(), {"1001", "1002"}).empty());
}

}  // namespace
