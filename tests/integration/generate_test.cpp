// `sqlcheck generate` on a bad `.sqlx-cpp/`: the real program exits 1 with the file and the
// key, and leaves the header it wrote before as it was (no database needed).
#include <gtest/gtest.h>

#include "metadata/metadata.hpp"
#include "server/process.hpp"
#include "support/test_cluster.hpp"

namespace {
namespace fs = std::filesystem;
using sqlx::test::read_file;
using sqlx::test::write_file;

sqlx::core::process_result sqlcheck(const fs::path& cwd, const std::vector<std::string>& args) {
  std::vector<std::string> argv{"env", "-C", cwd.string(), "-u", "DATABASE_URL", SQLX_CPP_SQLCHECK};
  argv.insert(argv.end(), args.begin(), args.end());
  return sqlx::core::run_process(argv);
}

class generate_test : public ::testing::Test {
 protected:
  void SetUp() override {
    sqlx::core::query_description good;
    good.query = "SELECT 1";
    write_file(metadata() / sqlx::core::metadata_file_name(good.query),
               sqlx::core::to_file_content(good));
    write_file(project_.path() / "main.cpp", "auto q = SQLX_QUERY(\"SELECT 1\");\n");
    const auto first = sqlcheck(project_.path(), {"generate", "--out", "gen/q.hpp"});
    ASSERT_EQ(first.exit_code, 0) << first.output;
    header_ = read_file(project_.path() / "gen/q.hpp");
  }

  // Breaks the metadata with a file for `query` holding `content`; returns its path as
  // sqlcheck names it (relative to the project, the current directory).
  std::string add_bad_file(std::string_view query, std::string_view content) {
    const std::string name = sqlx::core::metadata_file_name(query);
    write_file(metadata() / name, content);
    return ".sqlx-cpp/" + name;
  }

  // Both forms of generate exit 1 with `expected` and write no header.
  void expect_error(const std::string& expected) {
    const auto single = sqlcheck(project_.path(), {"generate", "--out", "gen/q.hpp"});
    EXPECT_EQ(single.exit_code, 1);
    EXPECT_EQ(single.output, "sqlcheck: error: " + expected + "\n");
    EXPECT_EQ(read_file(project_.path() / "gen/q.hpp"), header_);

    const auto per_source = sqlcheck(project_.path(), {"generate", "--out-dir", "gen2", "--source",
                                                       (project_.path() / "main.cpp").string()});
    EXPECT_EQ(per_source.exit_code, 1);
    EXPECT_EQ(per_source.output, "sqlcheck: error: " + expected + "\n");
    EXPECT_FALSE(fs::exists(project_.path() / "gen2"));
  }

  [[nodiscard]] fs::path metadata() const { return project_.path() / ".sqlx-cpp"; }

  sqlx::test::temp_dir project_;
  std::string header_;
};

TEST_F(generate_test, truncated_file) {
  sqlx::core::query_description d;
  d.query = "SELECT 2";
  const std::string content = sqlx::core::to_file_content(d);
  const std::string file = add_bad_file(d.query, content.substr(0, 40));
  expect_error(file +
               ": not valid JSON (truncated or edited by hand?): parse error at line 3, column "
               "12: syntax error while parsing value - unexpected end of input; expected '[', "
               "'{', or a literal; run `sqlcheck prepare` to write it again");
}

TEST_F(generate_test, missing_key) {
  const std::string file =
      add_bad_file("SELECT 2", R"({"db_name": "PostgreSQL", "query": "SELECT 2"})");
  expect_error(file + ": hash: missing");
}

TEST_F(generate_test, hash_of_another_query) {
  sqlx::core::query_description d;
  d.query = "SELECT 2";
  std::string content = sqlx::core::to_file_content(d);
  content.replace(content.find("SELECT 2"), 8, "SELECT 3");
  const std::string file = add_bad_file("SELECT 2", content);
  expect_error(file + ": hash: is not the SHA-256 of `query` (" +
               sqlx::core::metadata_file_name("SELECT 3").substr(6, 64) +
               "): the file was edited by hand or is damaged; run `sqlcheck prepare` to write "
               "it again");
}

TEST_F(generate_test, another_database) {
  sqlx::core::query_description d;
  d.query = "SELECT 2";
  std::string content = sqlx::core::to_file_content(d);
  content.replace(content.find("PostgreSQL"), 10, "MySQL");
  const std::string file = add_bad_file("SELECT 2", content);
  expect_error(file + ": db_name: \"MySQL\" is not supported by this build (only " +
               "\"PostgreSQL\" and \"SQLite\")");
}

}  // namespace
