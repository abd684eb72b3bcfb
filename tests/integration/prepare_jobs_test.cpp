// `sqlcheck prepare --jobs N` and the nullability cache: whatever the number of connections
// and whatever the cache holds, the files are byte-identical to a one-connection run
// without a cache; a catalog change between runs is never answered from the cache.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <map>

#include "server/process.hpp"
#include "support/test_cluster.hpp"

namespace {
namespace fs = std::filesystem;
using sqlx::test::read_file;
using sqlx::test::write_file;

constexpr std::string_view schema = R"sql(
  CREATE TABLE users (id bigserial PRIMARY KEY, name text NOT NULL, email text);
  CREATE TABLE orders (id bigserial PRIMARY KEY, user_id bigint NOT NULL REFERENCES users,
                       total numeric(12, 2) NOT NULL, note text);
  CREATE VIEW user_totals AS SELECT u.id, u.email, sum(o.total) AS total
    FROM users u LEFT JOIN orders o ON o.user_id = u.id GROUP BY u.id;
)sql";

// Shapes whose nullability takes the catalog, joins, views and aggregates; `{0}` makes each
// text distinct.
constexpr std::string_view templates[] = {
    "SELECT id, name, email FROM users WHERE id = $1 + {0}",
    "SELECT u.name, o.total, o.note FROM users u LEFT JOIN orders o ON o.user_id = u.id LIMIT {0}",
    "SELECT id, email, total FROM user_totals OFFSET {0}",
    "INSERT INTO orders (user_id, total) VALUES ($1, $2 + {0}) RETURNING id, note",
    "SELECT count(*) AS n, max(email) AS m FROM users WHERE id > {0}",
};

class prepare_jobs_test : public ::testing::Test {
 protected:
  void SetUp() override {
    url_ =
        sqlx::test::fresh_database(::testing::UnitTest::GetInstance()->current_test_info()->name());
    sqlx::pg::connection::connect(url_).execute(std::string(schema));
  }

  // `count` distinct queries, 40 per source file.
  void write_sources(std::size_t count) const {
    std::string body;
    for (std::size_t i = 0; i < count; ++i) {
      body += fmt::format("auto q{} = SQLX_QUERY(\"{}\");\n", i,
                          fmt::format(fmt::runtime(templates[i % std::size(templates)]), i + 1));
      if ((i + 1) % 40 == 0 || i + 1 == count) {
        write_file(project_.path() / "src" / fmt::format("f{}.cpp", i / 40), body);
        body.clear();
      }
    }
  }

  // Runs `sqlcheck prepare -D url --out DIR args...` with its own cache directory.
  [[nodiscard]] sqlx::core::process_result prepare(const std::string& out,
                                                   std::vector<std::string> args = {}) const {
    std::vector<std::string> argv{"env",
                                  "-C",
                                  project_.path().string(),
                                  "XDG_CACHE_HOME=" + (project_.path() / "cache").string(),
                                  SQLX_CPP_SQLCHECK,
                                  "prepare",
                                  "-D",
                                  url_,
                                  "--out",
                                  out};
    argv.insert(argv.end(), args.begin(), args.end());
    return sqlx::core::run_process(argv);
  }

  [[nodiscard]] std::map<std::string, std::string> snapshot(const std::string& out) const {
    std::map<std::string, std::string> files;
    for (const auto& entry : fs::directory_iterator(project_.path() / out)) {
      files[entry.path().filename().string()] = read_file(entry.path());
    }
    return files;
  }

  sqlx::test::temp_dir project_;
  std::string url_;
};

TEST_F(prepare_jobs_test, jobs_give_the_same_files_as_one_connection) {
  write_sources(1200);  // enough for 4 connections (256 queries each at least)
  for (const auto& [out, args] : std::vector<std::pair<std::string, std::vector<std::string>>>{
           {"one", {"--no-cache"}},
           {"two", {"--jobs", "2", "--no-cache"}},
           {"four", {"--jobs", "4", "--no-cache"}},
           {"four-cached", {"--jobs", "4"}}}) {
    const auto r = prepare(out, args);
    ASSERT_EQ(r.exit_code, 0) << out << ": " << r.output;
  }
  const auto one = snapshot("one");
  ASSERT_EQ(one.size(), 1200u);
  EXPECT_TRUE(one == snapshot("two"));
  EXPECT_TRUE(one == snapshot("four"));
  EXPECT_TRUE(one == snapshot("four-cached"));
  // A second run into the same directory answers from the cache: still the same files.
  ASSERT_EQ(prepare("four-cached", {"--jobs", "4", "--check"}).exit_code, 0);
  ASSERT_EQ(prepare("four-cached", {"--jobs", "3"}).exit_code, 0);
  EXPECT_TRUE(one == snapshot("four-cached"));
}

TEST_F(prepare_jobs_test, rejected_queries_are_reported_with_several_connections) {
  write_sources(600);
  write_file(project_.path() / "src" / "bad.cpp",
             "auto b = SQLX_QUERY(\"SELECT nope FROM users\");\n");
  const auto r = prepare("out", {"--jobs", "2"});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("bad.cpp:1:"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("1 of 601 queries rejected"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(project_.path() / "out"));
}

TEST_F(prepare_jobs_test, a_catalog_change_is_never_answered_from_the_cache) {
  write_sources(10);
  ASSERT_EQ(prepare("out").exit_code, 0);  // fills the cache: email nullable
  const std::string query = "SELECT id, name, email FROM users WHERE id = $1 + 1";
  const auto before = snapshot("out");
  auto conn = sqlx::pg::connection::connect(url_);
  conn.execute("ALTER TABLE users ALTER COLUMN email SET NOT NULL");
  ASSERT_EQ(prepare("out").exit_code, 0);
  ASSERT_EQ(prepare("fresh", {"--no-cache"}).exit_code, 0);
  const auto after = snapshot("out");
  EXPECT_TRUE(after == snapshot("fresh"));
  EXPECT_FALSE(after == before);  // the answer changed: not served from the cache

  // A changed view definition too.
  conn.execute(
      "CREATE OR REPLACE VIEW user_totals AS SELECT u.id, u.email, coalesce(sum(o.total), 0) "
      "AS total FROM users u LEFT JOIN orders o ON o.user_id = u.id GROUP BY u.id");
  ASSERT_EQ(prepare("out").exit_code, 0);
  ASSERT_EQ(prepare("fresh2", {"--no-cache"}).exit_code, 0);
  EXPECT_TRUE(snapshot("out") == snapshot("fresh2"));
}

TEST_F(prepare_jobs_test, a_damaged_cache_is_ignored) {
  write_sources(10);
  ASSERT_EQ(prepare("out").exit_code, 0);
  const auto good = snapshot("out");
  const fs::path cache_dir = project_.path() / "cache" / "sqlx-cpp";
  ASSERT_TRUE(fs::exists(cache_dir));
  for (const auto& entry : fs::directory_iterator(cache_dir)) {
    const std::string content = read_file(entry.path());
    write_file(entry.path(), content.substr(0, content.size() / 2) + "9999 x");
  }
  fs::remove_all(project_.path() / "out");
  ASSERT_EQ(prepare("out").exit_code, 0);
  EXPECT_TRUE(snapshot("out") == good);
}

TEST_F(prepare_jobs_test, jobs_usage_errors_exit_2) {
  for (const auto& value : {"0", "x", "65", "-1", "2x", ""}) {
    const auto r = prepare("out", {"--jobs", value});
    EXPECT_EQ(r.exit_code, 2) << value << ": " << r.output;
    EXPECT_NE(r.output.find("--jobs needs a number"), std::string::npos) << r.output;
  }
  EXPECT_EQ(prepare("out", {"--jobs"}).exit_code, 2);
  EXPECT_FALSE(fs::exists(project_.path() / "out"));
}

}  // namespace
