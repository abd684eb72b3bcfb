// Per-source generated headers (`sqlcheck generate --out-dir`): a source's header must hold
// every prepared query its translation unit can use (its own, and those of the headers it
// reaches through #include), and no other, so that editing one query recompiles only the
// sources that use it.
#include "scan/query_selection.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "codegen/codegen.hpp"
#include "metadata/metadata.hpp"
#include "scan/scanner.hpp"
#include "support/test_cluster.hpp"

namespace {

namespace fs = std::filesystem;
using sqlx::core::find_includes;
using sqlx::core::generated_header_name;
using sqlx::core::include_directive;
using sqlx::core::include_walker;
using sqlx::core::query_description;
using sqlx::test::temp_dir;
using sqlx::test::write_file;

std::string tagged(std::string_view query) {
  return "auto q = SQLX_QUERY(\"" + std::string(query) + "\");\n";
}

TEST(find_includes, reads_quoted_and_angle_directives) {
  const auto found = find_includes(
      "#include \"a.hpp\"\n"
      "  #  include <dir/b.hpp>\n"
      "#include_next <c.h>\n"
      "#include MACRO_HEADER\n"
      "#define X 1\n"
      "int include = 2; // #include \"not-a-directive-here.hpp\"\n"
      "#if 0\n#include \"d.hpp\"\n#endif");
  const std::vector<include_directive> expected = {
      {"a.hpp", true}, {"dir/b.hpp", false}, {"c.h", false}, {"d.hpp", true}};
  EXPECT_EQ(found, expected);
}

TEST(find_includes, ignores_incomplete_directives) {
  EXPECT_TRUE(find_includes("#include \"unterminated\n#include <>\n#inclusion \"x\"\n").empty());
}

class include_walker_test : public ::testing::Test {
 protected:
  fs::path file(const std::string& name, const std::string& content) {
    const fs::path path = dir_.path() / name;
    fs::create_directories(path.parent_path());
    write_file(path, content);
    return path;
  }
  fs::path path(const std::string& name) const { return dir_.path() / name; }

 private:
  temp_dir dir_;
};

TEST_F(include_walker_test, source_sees_its_queries_and_its_headers_queries) {
  file("src/shared.hpp", "#pragma once\n#include <lib/deep.hpp>\n" + tagged("SELECT 1"));
  file("include/lib/deep.hpp", tagged("SELECT 2"));
  const fs::path a = file("src/a.cpp", "#include \"shared.hpp\"\n" + tagged("SELECT 3"));
  const fs::path b = file("src/b.cpp", "#include <vector>\n" + tagged("SELECT 4"));

  include_walker walker({path("include")});
  const auto seen_by_a = walker.walk(a);
  EXPECT_EQ(seen_by_a.texts, (std::set<std::string>{"SELECT 1", "SELECT 2", "SELECT 3"}));
  EXPECT_EQ(seen_by_a.files.front(), a);
  EXPECT_EQ(seen_by_a.files.size(), 3U);
  EXPECT_EQ(seen_by_a.query_files.size(), 3U);
  EXPECT_EQ(walker.walk(b).texts, (std::set<std::string>{"SELECT 4"}));
}

TEST_F(include_walker_test, quoted_names_try_the_including_directory_first) {
  file("src/q.hpp", tagged("SELECT 'local'"));
  file("include/q.hpp", tagged("SELECT 'include dir'"));
  const fs::path quoted = file("src/quoted.cpp", "#include \"q.hpp\"\n");
  const fs::path angle = file("src/angle.cpp", "#include <q.hpp>\n");
  include_walker walker({path("include")});
  EXPECT_EQ(walker.walk(quoted).texts, (std::set<std::string>{"SELECT 'local'"}));
  EXPECT_EQ(walker.walk(angle).texts, (std::set<std::string>{"SELECT 'include dir'"}));
}

TEST_F(include_walker_test, follows_every_directive_and_survives_cycles) {
  file("src/x.hpp", "#include \"y.hpp\"\n" + tagged("SELECT 'x'"));
  file("src/y.hpp", "#include \"x.hpp\"\n" + tagged("SELECT 'y'"));
  file("src/off.hpp", tagged("SELECT 'off'"));
  const fs::path source =
      file("src/s.cpp", "#include \"x.hpp\"\n#if 0\n#include \"off.hpp\"\n#endif\n");
  EXPECT_EQ(include_walker({}).walk(source).texts,
            (std::set<std::string>{"SELECT 'x'", "SELECT 'y'", "SELECT 'off'"}));
}

TEST_F(include_walker_test, headers_without_queries_are_not_scanned) {
  // Not C++ a scanner accepts; it cannot hold a query, so it must not fail the build.
  file("include/odd.h", "#define S \"unterminated\nR\"x(\n");
  const fs::path source = file("src/s.cpp", "#include <odd.h>\n" + tagged("SELECT 1"));
  const auto seen = include_walker({path("include")}).walk(source);
  EXPECT_EQ(seen.texts, (std::set<std::string>{"SELECT 1"}));
  EXPECT_EQ(seen.files.size(), 2U);
  EXPECT_EQ(seen.query_files, (std::vector<fs::path>{source}));
}

TEST_F(include_walker_test, a_bad_tagged_query_is_an_error) {
  const fs::path source = file("src/s.cpp", "auto q = SQLX_QUERY(42);\n");
  include_walker walker({});
  EXPECT_THROW((void)walker.walk(source), sqlx::core::scan_error);
}

TEST(select_queries, keeps_metadata_order_and_leaves_out_unprepared_texts) {
  std::vector<query_description> metadata(3);
  metadata[0].query = "SELECT 1";
  metadata[1].query = "SELECT 2";
  metadata[2].query = "SELECT 3";
  const auto selected =
      sqlx::core::select_queries(metadata, {"SELECT 3", "SELECT 1", "SELECT unprepared"});
  ASSERT_EQ(selected.size(), 2U);
  EXPECT_EQ(selected[0].query, "SELECT 1");
  EXPECT_EQ(selected[1].query, "SELECT 3");
}

// A dynamic query's literal (docs/dynamic-queries.md) selects its index and its combinations.
TEST(select_queries, a_dynamic_literal_selects_its_index_and_combinations) {
  std::vector<query_description> metadata(4);
  metadata[0].query = "SELECT 1 [[ AND x = $1 ]]";
  metadata[0].dynamic_index = true;
  metadata[1].query = "SELECT 1 ";
  metadata[2].query = "SELECT 1  AND x = $1 ";
  metadata[3].query = "SELECT 2";
  const auto selected = sqlx::core::select_queries(metadata, {"SELECT 1 [[ AND x = $1 ]]"});
  ASSERT_EQ(selected.size(), 3U);
  EXPECT_TRUE(selected[0].dynamic_index);
  EXPECT_EQ(selected[1].query, "SELECT 1 ");
  EXPECT_EQ(selected[2].query, "SELECT 1  AND x = $1 ");
}

TEST(generated_header_name, differs_per_path_and_keeps_the_file_name) {
  const std::string a = generated_header_name("/p/a/x.cpp");
  EXPECT_TRUE(std::regex_match(a, std::regex(R"(x\.cpp\.[0-9a-f]{16}\.hpp)"))) << a;
  EXPECT_NE(a, generated_header_name("/p/b/x.cpp"));
  EXPECT_EQ(a, generated_header_name("/p/b/../a/./x.cpp"));
  EXPECT_EQ(generated_header_name(fs::current_path() / "y.cpp"), generated_header_name("y.cpp"));
}

query_description int_query(std::string text) {
  query_description query;
  query.query = std::move(text);
  query.columns.push_back({"n", {"Int8", "int8"}, false, ""});
  return query;
}

TEST(generate_header, guards_each_row_and_query) {
  // Two queries with the same row share one struct: it and each query are guarded so that
  // two generated headers can be included in one translation unit.
  const std::string header =
      sqlx::core::generate_header({int_query("SELECT 1 AS n"), int_query("SELECT 2 AS n")});
  const std::regex row_guard(R"(#ifndef (SQLX_CPP_anonymous_row_[0-9a-f]{16})\n#define \1\n)");
  const std::regex query_guard(R"(#ifndef (SQLX_CPP_QUERY_[0-9a-f]{16})\n#define \1\n)");
  const auto count = [&](const std::regex& re) {
    return std::distance(std::sregex_iterator(header.begin(), header.end(), re),
                         std::sregex_iterator());
  };
  EXPECT_EQ(count(row_guard), 1);
  EXPECT_EQ(count(query_guard), 2);
}

// The command as sqlx_cpp_check runs it: one header per source, a depfile naming every file
// read, and a header that is not rewritten when its queries did not change.
TEST_F(include_walker_test, generate_out_dir_writes_one_header_per_source) {
  const fs::path metadata = path("meta");
  fs::create_directories(metadata);
  for (const char* text : {"SELECT 1 AS n", "SELECT 2 AS n", "SELECT 3 AS n"}) {
    write_file(metadata / sqlx::core::metadata_file_name(text),
               sqlx::core::to_file_content(int_query(text)));
  }
  file("src/shared.hpp", tagged("SELECT 1 AS n"));
  const fs::path a = file("src/a.cpp", "#include \"shared.hpp\"\n" + tagged("SELECT 2 AS n"));
  const fs::path b = file("src/b.cpp", tagged("SELECT 3 AS n") + tagged("SELECT 'unprepared'"));
  const fs::path out = path("out");
  const std::string command = std::string(SQLX_CPP_SQLCHECK) + " generate --metadata " +
                              metadata.string() + " --out-dir " + out.string() + " --source " +
                              a.string() + " --source " + b.string() + " --depfile " +
                              path("d.d").string();
  ASSERT_EQ(std::system(command.c_str()), 0) << command;

  const std::string header_a = sqlx::test::read_file(out / generated_header_name(a));
  const std::string header_b = sqlx::test::read_file(out / generated_header_name(b));
  EXPECT_NE(header_a.find("R\"sqlx(SELECT 1 AS n)sqlx\""), std::string::npos);
  EXPECT_NE(header_a.find("R\"sqlx(SELECT 2 AS n)sqlx\""), std::string::npos);
  EXPECT_EQ(header_a.find("SELECT 3"), std::string::npos);
  EXPECT_NE(header_b.find("R\"sqlx(SELECT 3 AS n)sqlx\""), std::string::npos);
  EXPECT_EQ(header_b.find("SELECT 1"), std::string::npos);
  EXPECT_EQ(header_b.find("unprepared"), std::string::npos);

  const std::string depfile = sqlx::test::read_file(path("d.d"));
  EXPECT_TRUE(depfile.starts_with((out / generated_header_name(a)).generic_string() + ":"));
  EXPECT_NE(depfile.find(path("src/shared.hpp").generic_string()), std::string::npos);

  const auto written = fs::last_write_time(out / generated_header_name(a));
  fs::last_write_time(out / generated_header_name(a), written - std::chrono::hours(1));
  file("src/b.cpp", tagged("SELECT 3 AS n"));  // b changes, a's queries do not
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  EXPECT_EQ(fs::last_write_time(out / generated_header_name(a)), written - std::chrono::hours(1));
}

}  // namespace
