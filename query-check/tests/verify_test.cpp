// Expected-diagnostic tests of query-check, through both front ends (the clang plugin and the
// query-check program), offline against a .sqlx-cpp/ prepared here and online against a
// throwaway server. Each case file states what must be reported, in the style of clang's
// -verify, in a comment (C++ or SQL) anywhere in the file:
//   expected-error@+1:20 {{text}}   an error on the next line, column 20, whose message
//                                    contains `text`; also expected-warning, expected-note,
//                                    and @-N for a line above.
// Every diagnostic must be expected and every expectation met, at its exact line and column.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "metadata/metadata.hpp"
#include "sqlx/migrate.hpp"
#include "sqlx/pg/connection.hpp"
#include "sqlx/sqlite/connection.hpp"
#include "support/test_cluster.hpp"

namespace {
namespace fs = std::filesystem;

const fs::path cases_dir = fs::path(SQLX_QC_TESTS_DIR) / "cases";

struct expectation {
  std::string level;
  int line = 0;
  int column = 0;
  std::string text;
};

struct reported {
  std::string file;
  std::string level;
  int line = 0;
  int column = 0;
  std::string message;
};

std::vector<expectation> read_expectations(const fs::path& file) {
  static const std::regex pattern(R"(expected-(error|warning|note)@([+-]\d+):(\d+) \{\{(.*)\}\})");
  std::vector<expectation> out;
  std::ifstream in(file);
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    std::smatch m;
    if (std::regex_search(line, m, pattern)) {
      out.push_back({m[1], number + std::stoi(m[2]), std::stoi(m[3]), m[4]});
    }
  }
  return out;
}

std::vector<reported> parse_output(const std::string& output) {
  static const std::regex pattern(R"(^(.+?):(\d+):(\d+): (error|warning|note): (.*)$)");
  std::vector<reported> out;
  std::istringstream in(output);
  std::string line;
  while (std::getline(in, line)) {
    std::smatch m;
    if (std::regex_match(line, m, pattern)) {
      out.push_back({m[1], m[4], std::stoi(m[2]), std::stoi(m[3]), m[5]});
    }
  }
  return out;
}

struct run_result {
  int status = -1;
  std::string output;
};

run_result run(const std::string& command) {
  run_result result;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 4096> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe) != nullptr) result.output += buffer.data();
  const int status = pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

// Compares what a front end printed for `file` with the file's expectations.
void verify(const fs::path& file, const run_result& result) {
  SCOPED_TRACE(file.filename().string() + " output:\n" + result.output);
  std::vector<expectation> expected = read_expectations(file);
  std::vector<bool> met(expected.size(), false);
  bool expects_error = false;
  for (const auto& e : expected) expects_error = expects_error || e.level == "error";
  for (const reported& r : parse_output(result.output)) {
    bool found = false;
    if (fs::path(r.file).filename() == file.filename()) {
      for (std::size_t i = 0; i < expected.size() && !found; ++i) {
        const expectation& e = expected[i];
        if (!met[i] && e.level == r.level && e.line == r.line && e.column == r.column &&
            r.message.find(e.text) != std::string::npos) {
          met[i] = found = true;
        }
      }
    }
    EXPECT_TRUE(found) << "unexpected " << r.level << " at " << r.file << ":" << r.line << ":"
                       << r.column << ": " << r.message;
  }
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_TRUE(met[i]) << "missing " << expected[i].level << " at line " << expected[i].line
                        << ", column " << expected[i].column << ": " << expected[i].text;
  }
  EXPECT_EQ(result.status != 0, expects_error) << "exit status " << result.status;
}

std::vector<fs::path> cases(const std::string& group) {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(cases_dir / group)) out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

std::string quote(const std::string& s) {
  return "'" + s + "'";
}

const std::string compile_flags =
    std::string("-std=c++20 -I") + SQLX_QC_INCLUDE_DIR + " -isystem " + SQLX_QC_PG_INCLUDE_DIR;

class query_check : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    url_ = new std::string(sqlx::test::fresh_database("query_check"));
    auto db = sqlx::pg::connection::connect(*url_);
    (void)sqlx::migrator::from_directory(fs::path(SQLX_CPP_SOURCE_DIR) / "migrations").run(db);
    scratch_ = new sqlx::test::temp_dir();
    // A real SQLite database file with the SQLite cases' schema.
    sqlite_url_ = new std::string("sqlite://" + (scratch_->path() / "app.db").string());
    {
      sqlx::sqlite::connect_options options;
      options.filename((scratch_->path() / "app.db").string()).create_if_missing(true);
      auto sqlite_db = options.connect();
      (void)sqlx::migrator::from_directory(fs::path(SQLX_QC_TESTS_DIR) / "sqlite_migrations")
          .run(sqlite_db);
    }
    // The offline metadata, one directory for both databases: the offline cases' queries, one
    // query nothing checked uses, and the SQLite cases' queries prepared on the SQLite file.
    const run_result prepared =
        run(std::string(SQLX_CPP_SQLCHECK) + " prepare -D " + quote(*url_) + " --source " +
            quote((cases_dir / "offline").string()) + " --source " +
            quote((cases_dir / "unused").string()) + " -D " + quote(*sqlite_url_) + " --source " +
            quote((cases_dir / "sqlite").string()) + " --out " + quote(metadata().string()));
    ASSERT_EQ(prepared.status, 0) << prepared.output;
    // The build's header made from it, and a copy of one file edited to disagree with it.
    const run_result generated =
        run(std::string(SQLX_CPP_SQLCHECK) + " generate --metadata " + quote(metadata().string()) +
            " --out " + quote(header().string()));
    ASSERT_EQ(generated.status, 0) << generated.output;
    const std::string stale_file =
        sqlx::core::metadata_file_name("SELECT display_name FROM users WHERE id = $1");
    std::string content = sqlx::test::read_file(metadata() / stale_file);
    for (const auto& [from, to] : {std::pair{"int8", "int4"}, std::pair{"Int8", "Int4"}}) {
      for (auto at = content.find(from); at != std::string::npos; at = content.find(from, at)) {
        content.replace(at, 4, to);
      }
    }
    fs::create_directories(edited_metadata());
    sqlx::test::write_file(edited_metadata() / stale_file, content);
    // The compile database the tool reads.
    nlohmann::json commands = nlohmann::json::array();
    for (const char* group :
         {"offline", "unprepared", "live", "header", "sqlite", "sqlite_live", "mixed"}) {
      for (const auto& file : cases(group)) {
        nlohmann::json arguments = {SQLX_QC_CLANGXX, "-std=c++20", "-I" SQLX_QC_INCLUDE_DIR,
                                    "-isystem", SQLX_QC_PG_INCLUDE_DIR};
        arguments.push_back(header_define());
        for (const char* a : {"-c", "-o", "/dev/null"}) arguments.push_back(a);
        arguments.push_back(file.string());
        commands.push_back(
            {{"directory", cases_dir.string()}, {"file", file.string()}, {"arguments", arguments}});
      }
    }
    sqlx::test::write_file(scratch_->path() / "compile_commands.json", commands.dump(2));
  }
  static void TearDownTestSuite() {
    delete scratch_;
    delete sqlite_url_;
    delete url_;
  }

  static fs::path metadata() { return scratch_->path() / ".sqlx-cpp"; }
  static fs::path edited_metadata() { return scratch_->path() / "edited" / ".sqlx-cpp"; }
  static fs::path header() { return scratch_->path() / "sqlx_cpp_queries.hpp"; }
  static std::string header_define() {
    return "-DSQLX_CPP_QUERIES_HEADER=\"" + header().string() + "\"";
  }

  // The plugin in a real compile (code generation included).
  static run_result plugin(const fs::path& file, bool online, const fs::path& dir = metadata(),
                           const std::string& flags = "", const std::string* url = url_) {
    return run(environment(online, *url) + SQLX_QC_CLANGXX + " " + compile_flags + " " +
               quote(header_define()) + flags +
               " -fno-color-diagnostics -fplugin=" + SQLX_QC_PLUGIN +
               " -fplugin-arg-sqlx_query_check-metadata=" + quote(dir.string()) + " -c " +
               quote(file.string()) + " -o " + quote((scratch_->path() / "out.o").string()));
  }

  static run_result tool(const std::string& arguments, bool online,
                         const fs::path& dir = metadata(), const std::string* url = url_) {
    return run(environment(online, *url) + SQLX_QC_TOOL + " -p " +
               quote(scratch_->path().string()) + " --metadata " + quote(dir.string()) + " " +
               arguments);
  }

  static std::string environment(bool online, const std::string& url) {
    return online ? "env DATABASE_URL=" + quote(url) + " SQLX_OFFLINE=false "
                  : "env -u DATABASE_URL SQLX_OFFLINE=true ";
  }

  static std::string* url_;
  static std::string* sqlite_url_;  // the SQLite file the SQLite cases are prepared on
  static sqlx::test::temp_dir* scratch_;
};

std::string* query_check::url_ = nullptr;
std::string* query_check::sqlite_url_ = nullptr;
sqlx::test::temp_dir* query_check::scratch_ = nullptr;

TEST_F(query_check, plugin_offline) {
  for (const char* group : {"offline", "unprepared", "sqlite", "mixed"}) {
    for (const auto& file : cases(group)) verify(file, plugin(file, false));
  }
}

TEST_F(query_check, tool_offline) {
  for (const char* group : {"offline", "unprepared", "sqlite", "mixed"}) {
    for (const auto& file : cases(group)) verify(file, tool(quote(file.string()), false));
  }
}

TEST_F(query_check, plugin_online) {
  for (const auto& file : cases("live")) verify(file, plugin(file, true));
}

TEST_F(query_check, tool_online) {
  for (const auto& file : cases("live")) verify(file, tool(quote(file.string()), true));
}

// DATABASE_URL names the SQLite file: SQLite's errors at their character, the program's
// PostgreSQL queries from .sqlx-cpp/.
TEST_F(query_check, plugin_online_sqlite) {
  for (const auto& file : cases("sqlite_live")) {
    verify(file, plugin(file, true, metadata(), "", sqlite_url_));
  }
}

TEST_F(query_check, tool_online_sqlite) {
  for (const auto& file : cases("sqlite_live")) {
    verify(file, tool(quote(file.string()), true, metadata(), sqlite_url_));
  }
}

// Where query-check's metadata and the build's header disagree, the header's rejection stands.
TEST_F(query_check, plugin_header_verdict) {
  for (const auto& file : cases("header")) {
    verify(file, plugin(file, false, edited_metadata()));
  }
}

TEST_F(query_check, tool_header_verdict) {
  for (const auto& file : cases("header")) {
    verify(file, tool(quote(file.string()), false, edited_metadata()));
  }
}

// The plugin leaves the object file to the compiler: a clean source compiles to one.
TEST_F(query_check, plugin_keeps_code_generation) {
  const fs::path object = scratch_->path() / "out.o";
  fs::remove(object);
  const run_result result = plugin(cases_dir / "offline" / "clean.cpp", false);
  EXPECT_EQ(result.status, 0) << result.output;
  EXPECT_TRUE(fs::exists(object));
}

// Over the whole compile database (offline), the file of the query no source uses is reported,
// and only that one.
TEST_F(query_check, tool_reports_unused_metadata) {
  const run_result result = tool("", false);
  EXPECT_EQ(result.status, 1);  // the other cases' errors
  const std::string unused =
      (metadata() / sqlx::core::metadata_file_name("SELECT 1 AS one")).string();
  int unused_warnings = 0;
  for (const reported& r : parse_output(result.output)) {
    if (r.message.find("[sqlx-unused-metadata]") == std::string::npos) continue;
    ++unused_warnings;
    EXPECT_EQ(r.file, unused);
    EXPECT_EQ(r.level, "warning");
  }
  EXPECT_EQ(unused_warnings, 1) << result.output;
}

// SARIF 2.1.0: one result per finding, at the same place as the gcc-style line.
TEST_F(query_check, tool_sarif) {
  const fs::path file = cases_dir / "offline" / "bind_arguments.cpp";
  const run_result result = tool("--format sarif " + quote(file.string()), false);
  EXPECT_EQ(result.status, 1);
  const auto log = nlohmann::json::parse(result.output);
  EXPECT_EQ(log.at("version"), "2.1.0");
  const auto& results = log.at("runs").at(0).at("results");
  std::vector<expectation> errors;
  for (const auto& e : read_expectations(file)) {
    if (e.level == "error") errors.push_back(e);
  }
  ASSERT_EQ(results.size(), errors.size()) << result.output;
  for (std::size_t i = 0; i < errors.size(); ++i) {
    const auto& region = results[i].at("locations").at(0).at("physicalLocation").at("region");
    EXPECT_EQ(region.at("startLine"), errors[i].line);
    EXPECT_EQ(region.at("startColumn"), errors[i].column);
    EXPECT_EQ(results[i].at("level"), "error");
    EXPECT_TRUE(results[i].at("ruleId").get<std::string>().starts_with("sqlx-"));
  }
}

}  // namespace
