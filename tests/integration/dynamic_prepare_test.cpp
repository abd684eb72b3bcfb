// `sqlcheck prepare` and `generate` on dynamic queries (docs/dynamic-queries.md), end to end:
// the real program against a real server, in a temp project.
#include <gtest/gtest.h>

#include "metadata/metadata.hpp"
#include "support/sqlcheck_cli.hpp"
#include "support/test_cluster.hpp"

namespace {
namespace fs = std::filesystem;
using sqlx::test::file_for;
using sqlx::test::read_file;
using sqlx::test::snapshot;
using sqlx::test::sqlcheck;
using sqlx::test::write_file;

class dynamic_prepare_test : public ::testing::Test {
 protected:
  void SetUp() override {
    url_ =
        sqlx::test::fresh_database(::testing::UnitTest::GetInstance()->current_test_info()->name());
    sqlx::pg::connection::connect(url_).execute(
        "CREATE TABLE users (id bigserial PRIMARY KEY, name text NOT NULL, email text, "
        "age int4, created_at timestamptz NOT NULL DEFAULT now())");
  }
  fs::path src(std::string_view name) const { return project_.path() / "src" / name; }
  fs::path out() const { return project_.path() / ".sqlx-cpp"; }

  sqlx::test::temp_dir project_;
  std::string url_;
};

// A query with `parts` optional filters, each with its own parameter.
std::string with_optional_parts(int parts) {
  std::string sql = "SELECT id, name FROM users WHERE true";
  for (int i = 1; i <= parts; ++i) {
    sql += i % 2 == 0 ? " [[ AND age > $" : " [[ AND name <> $";
    sql += std::to_string(i) + " ]]";
  }
  return sql;
}

TEST_F(dynamic_prepare_test, every_combination_gets_its_file_and_the_literal_an_index) {
  const std::string sql =
      "SELECT id FROM users WHERE age > $1 [[ AND name = $2 ]] ORDER BY {{ id | name DESC }}";
  write_file(src("a.cpp"), "SQLX_QUERY(\"" + sql + "\")");
  auto r = sqlcheck(project_.path(), {"prepare"}, url_);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto files = snapshot(out());
  // 4 combinations (absent/present x 2 alternatives) and the index.
  EXPECT_EQ(files.size(), 5U);
  const std::string both =
      "SELECT id FROM users WHERE age > $1  AND name = $2  ORDER BY  name DESC ";
  ASSERT_TRUE(files.contains(file_for(both)));
  const auto description = sqlx::core::from_file_content(files.at(file_for(both)));
  ASSERT_EQ(description.parameters.size(), 2U);
  EXPECT_EQ(description.parameters[0].type_name, "int4");
  EXPECT_EQ(description.parameters[1].type_name, "text");
  // Renumbered densely: without the optional part, the query has one parameter.
  const auto none = sqlx::core::from_file_content(
      files.at(file_for("SELECT id FROM users WHERE age > $1  ORDER BY  id ")));
  EXPECT_EQ(none.parameters.size(), 1U);
  const std::string index = "dynamic-" + sqlx::core::sha256_hex(sql) + ".json";
  ASSERT_TRUE(files.contains(index));
  EXPECT_NE(files.at(index).find(file_for(both)), std::string::npos);

  // --check passes, and a rerun changes nothing.
  r = sqlcheck(project_.path(), {"prepare", "--check"}, url_);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  ASSERT_EQ(sqlcheck(project_.path(), {"prepare"}, url_).exit_code, 0);
  EXPECT_EQ(snapshot(out()), files);

  // The generated header has the index and each combination's metadata.
  r = sqlcheck(project_.path(), {"generate", "--metadata", ".sqlx-cpp", "--out", "q.hpp"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::string header = read_file(project_.path() / "q.hpp");
  EXPECT_NE(header.find("std::array<dynamic_combination_info, 4> combinations"), std::string::npos);
  EXPECT_NE(header.find("#include \"sqlx/detail/dynamic_metadata.hpp\""), std::string::npos);

  // The query goes away: its index and its combinations' files with it.
  write_file(src("a.cpp"), "SQLX_QUERY(\"SELECT 1 AS one\")");
  r = sqlcheck(project_.path(), {"prepare", "--check"}, url_);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("unused: " + (fs::path(".sqlx-cpp") / index).string()), std::string::npos)
      << r.output;
  ASSERT_EQ(sqlcheck(project_.path(), {"prepare"}, url_).exit_code, 0);
  EXPECT_EQ(snapshot(out()).size(), 1U);
}

TEST_F(dynamic_prepare_test, six_optional_parts_are_64_combinations_and_seven_are_refused) {
  write_file(src("six.cpp"), "SQLX_QUERY(\"" + with_optional_parts(6) + "\")");
  auto r = sqlcheck(project_.path(), {"prepare"}, url_);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(snapshot(out()).size(), 65U);

  const auto before = snapshot(out());
  write_file(src("seven.cpp"), "\n  SQLX_QUERY(\"" + with_optional_parts(7) + "\")");
  r = sqlcheck(project_.path(), {"prepare"}, url_);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("src/seven.cpp:2:14: error: this dynamic query has 128 combinations of "
                          "its 7 parts; at most 64"),
            std::string::npos)
      << r.output;
  EXPECT_EQ(snapshot(out()), before);
}

TEST_F(dynamic_prepare_test, a_combination_that_changes_the_columns_is_refused_at_the_query) {
  write_file(src("a.cpp"),
             "void f() {\n  SQLX_QUERY(\"SELECT {{ id | name }} AS x FROM users\");\n}\n");
  const auto r = sqlcheck(project_.path(), {"prepare"}, url_);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("src/a.cpp:2:14: error: the combinations of this dynamic query return "
                          "different columns"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("combination 1 ({{ id | name }} alternative 1) returns: x text"),
            std::string::npos)
      << r.output;
  EXPECT_FALSE(fs::exists(out()));
}

TEST_F(dynamic_prepare_test, errors_point_into_the_literal) {
  // A server error in an optional part: reported at its character in the source.
  write_file(
      src("a.cpp"),
      "void f() {\n  SQLX_QUERY(\"SELECT id FROM users WHERE true [[ AND nam = $1 ]]\");\n}\n");
  auto r = sqlcheck(project_.path(), {"prepare"}, url_);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("src/a.cpp:2:54: error: column \"nam\" does not exist"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("note: in combination 1 of this dynamic query ([[ AND nam = $1 ]] "
                          "present)"),
            std::string::npos)
      << r.output;
  // A malformed part: at its marker.
  write_file(src("a.cpp"),
             "void f() {\n  SQLX_QUERY(\"SELECT id FROM users WHERE true [[ AND true ]]\");\n}\n");
  r = sqlcheck(project_.path(), {"prepare"}, url_);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("src/a.cpp:2:47: error: an optional part `[[ ... ]]` needs a parameter"),
            std::string::npos)
      << r.output;
}

}  // namespace
