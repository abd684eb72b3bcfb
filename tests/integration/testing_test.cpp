// sqlx::testing: each test gets its own migrated database, copied from a template that is made
// once per server and set of migrations - also when several test processes start at once.
#include <fmt/format.h>
#include <libpq-fe.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <cstdlib>
#include <memory>
#include <sqlx/testing.hpp>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "support/test_cluster.hpp"

namespace {

// The server of the test cluster and the project's migrations, unless this is a child process
// of the concurrency test below, whose parent chose them.
class environment : public ::testing::Environment {
 public:
  void SetUp() override {
    if (std::getenv("SQLX_CPP_TEST_CHILD") != nullptr) return;  // the parent set both
    setenv("DATABASE_URL", sqlx::test::cluster().url().c_str(), 1);
    setenv("SQLX_CPP_MIGRATIONS", SQLX_CPP_SOURCE_DIR "/migrations", 1);
  }
};
const auto* const registered = ::testing::AddGlobalTestEnvironment(new environment);

// The first value of a query's result, as text.
std::string text(sqlx::pg::connection& db, const std::string& sql) {
  const std::unique_ptr<PGresult, decltype(&PQclear)> r(PQexec(db.native_handle(), sql.c_str()),
                                                        &PQclear);
  if (PQresultStatus(r.get()) != PGRES_TUPLES_OK || PQntuples(r.get()) != 1) {
    throw std::runtime_error(sql + ": " + PQerrorMessage(db.native_handle()));
  }
  return PQgetvalue(r.get(), 0, 0);
}

std::int64_t count(sqlx::pg::connection& db, const std::string& sql) {
  return std::stoll(text(db, sql));
}

std::int64_t templates() {
  auto admin = sqlx::pg::connection::connect(sqlx::test::cluster().url());
  return count(
      admin, "SELECT count(*) FROM pg_database WHERE datname LIKE '\\_sqlx\\_cpp\\_template\\_%'");
}

class fixture : public sqlx::testing::database_test {};

// Two tests write the same row: each sees only its own database.
TEST_F(fixture, gets_a_migrated_database_of_its_own) {
  EXPECT_EQ(count(connection(), "SELECT count(*) FROM _sqlx_migrations"), 2);
  connection().execute("INSERT INTO users (discord_user_id, display_name) VALUES ('1', 'a')");
  EXPECT_EQ(count(connection(), "SELECT count(*) FROM users"), 1);
}

TEST_F(fixture, does_not_see_the_other_tests_rows) {
  EXPECT_EQ(count(connection(), "SELECT count(*) FROM users"), 0);
  connection().execute("INSERT INTO users (discord_user_id, display_name) VALUES ('1', 'a')");
  EXPECT_EQ(count(connection(), "SELECT count(*) FROM users"), 1);
}

bool database_exists(const std::string& name) {
  auto admin = sqlx::pg::connection::connect(sqlx::test::cluster().url());
  return count(admin, fmt::format("SELECT count(*) FROM pg_database WHERE datname = '{}'", name)) ==
         1;
}

TEST(test_database, is_dropped_when_it_goes_even_with_a_session_open) {
  std::string name;
  {
    auto db = sqlx::testing::test_database::create(sqlx::testing::default_migrations());
    name = db.name();
    EXPECT_TRUE(database_exists(name));
    auto open_session = sqlx::pg::connection::connect(db.url());
    static_cast<void>(open_session);
  }
  EXPECT_FALSE(database_exists(name));
}

TEST(test_database, copies_the_template_instead_of_migrating_again) {
  const auto migrations = sqlx::testing::default_migrations();
  auto first = sqlx::testing::test_database::create(migrations);
  auto second = sqlx::testing::test_database::create(migrations);
  auto a = sqlx::pg::connection::connect(first.url());
  auto b = sqlx::pg::connection::connect(second.url());
  const std::string installed =
      "SELECT string_agg(installed_on::text, ',' ORDER BY version) FROM _sqlx_migrations";
  EXPECT_EQ(text(a, installed), text(b, installed));
}

TEST(test_database, a_failing_migration_leaves_no_template) {
  const sqlx::migrator broken({
      sqlx::migration(1, "fine", sqlx::migration_type::simple, "CREATE TABLE fine (id int);"),
      sqlx::migration(2, "broken", sqlx::migration_type::simple,
                      "CREATE TABLE oops (id nosuchtype);"),
  });
  const auto before = templates();
  EXPECT_THROW((void)sqlx::testing::test_database::create(broken), sqlx::migration_failed_error);
  EXPECT_EQ(templates(), before);
  auto admin = sqlx::pg::connection::connect(sqlx::test::cluster().url());
  EXPECT_EQ(text(admin, "SELECT count(*) FROM pg_database WHERE datname LIKE '%building%'"), "0");
  // The same migrations fixed work at once.
  const sqlx::migrator fixed({
      sqlx::migration(1, "fine", sqlx::migration_type::simple, "CREATE TABLE fine (id int);"),
      sqlx::migration(2, "broken", sqlx::migration_type::simple, "CREATE TABLE oops (id int);"),
  });
  EXPECT_NO_THROW((void)sqlx::testing::test_database::create(fixed));
}

TEST(test_database, without_a_server_says_to_set_database_url) {
  const std::string saved = std::getenv("DATABASE_URL");
  unsetenv("DATABASE_URL");
  try {
    (void)sqlx::testing::test_database::create(sqlx::testing::default_migrations());
    ADD_FAILURE() << "no exception";
  } catch (const sqlx::error& e) {
    EXPECT_NE(std::string(e.what()).find("set DATABASE_URL"), std::string::npos) << e.what();
  }
  setenv("DATABASE_URL", saved.c_str(), 1);
}

// Run by the next test in child processes.
TEST(DISABLED_child, creates_a_database_from_the_shared_template) {
  auto db = sqlx::testing::test_database::create(sqlx::testing::default_migrations());
  auto conn = sqlx::pg::connection::connect(db.url());
  EXPECT_EQ(count(conn, "SELECT count(*) FROM _sqlx_migrations"), 1);
}

TEST(test_database, eight_processes_starting_at_once_share_one_template) {
  // Migrations no other test uses, so the template does not exist yet.
  const sqlx::test::temp_dir dir;
  sqlx::test::write_file(dir.path() / "1_slow.sql",
                         "SELECT pg_sleep(0.3); CREATE TABLE shared (id int);");
  const std::string command = fmt::format(
      "SQLX_CPP_TEST_CHILD=1 SQLX_CPP_MIGRATIONS='{}' '{}' --gtest_also_run_disabled_tests "
      "--gtest_filter=DISABLED_child.* > /dev/null",
      dir.path().string(), SQLX_CPP_TESTING_TEST);
  const auto before = templates();
  std::vector<std::thread> children;
  std::vector<int> status(8, -1);
  for (int& s : status) children.emplace_back([&] { s = std::system(command.c_str()); });
  for (auto& t : children) t.join();
  for (const int s : status) EXPECT_TRUE(WIFEXITED(s) && WEXITSTATUS(s) == 0) << s;
  EXPECT_EQ(templates(), before + 1);  // made once, by whichever child got the lock first
  auto admin = sqlx::pg::connection::connect(sqlx::test::cluster().url());
  EXPECT_EQ(text(admin,
                 "SELECT count(*) FROM pg_database WHERE datname LIKE "
                 "'\\_sqlx\\_cpp\\_test\\_%'"),
            "0");  // every child dropped its database
}

}  // namespace
