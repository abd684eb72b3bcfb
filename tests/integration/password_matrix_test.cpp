// The password matrix: every malformed or unusual connection string of
// support/password_cases.cpp against every command that connects - sqlcheck's (run as
// programs, stdout and stderr captured), query-check's live mode when it is built, and the
// runtime's connection, pool and sqlx::testing (exceptions caught). Each run must fail with a
// message, and no spelling of the case's password may appear in it.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "server/process.hpp"
#include "sqlx/migrate.hpp"
#include "sqlx/pg/pool.hpp"
#include "sqlx/testing.hpp"
#include "support/password_cases.hpp"
#include "support/test_cluster.hpp"

namespace {
namespace fs = std::filesystem;
using sqlx::test::password_case;

// The variables a case may set, cleared for every run so that the test's own environment
// cannot make a case pass or fail.
constexpr const char* cleared_variables[] = {
    "DATABASE_URL", "PGHOST",        "PGHOSTADDR", "PGPORT",     "PGUSER",       "PGPASSWORD",
    "PGDATABASE",   "PGSERVICEFILE", "PGSERVICE",  "PGPASSFILE", "SQLX_OFFLINE", "PGSSLMODE"};

// What one run printed or threw, and how it ended.
struct outcome {
  int exit_code;  // the program's status; 1 for an exception of the runtime
  std::string output;
};

struct command {
  std::string name;
  bool reads_dotenv;  // takes the URL from .env when no other is given
  // Runs the command for a case; nullopt when it does not apply.
  std::function<std::optional<outcome>(const password_case&, const std::string& url,
                                       const fs::path& dir)>
      run;
};

class password_matrix : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto& cluster = sqlx::test::cluster();
    port_ = cluster.port();
    // The wrong-password cases need a server that checks passwords: one role does, over TCP.
    const fs::path hba = cluster.directory() / "data" / "pg_hba.conf";
    const std::string rules = sqlx::test::read_file(hba);
    sqlx::test::write_file(hba, fmt::format("host all {} 127.0.0.1/32 scram-sha-256\n{}",
                                            sqlx::test::password_role, rules));
    auto admin = sqlx::pg::connection::connect(cluster.url());
    admin.execute("SET password_encryption = 'scram-sha-256'");
    admin.execute(fmt::format("CREATE ROLE {} LOGIN PASSWORD '{}'", sqlx::test::password_role,
                              sqlx::test::password_role_password));
    admin.execute("SELECT pg_reload_conf()");
    scratch_ = new sqlx::test::temp_dir();
  }
  static void TearDownTestSuite() {
    delete scratch_;
    scratch_ = nullptr;
  }

  // The case's directory: a source with a tagged query, a migration, and the case's .env,
  // service file and password file.
  static fs::path prepare_directory(const password_case& c, std::size_t index) {
    const fs::path dir = scratch_->path() / fmt::format("case{:02}", index + 1);
    const std::string d = dir.string();
    sqlx::test::write_file(dir / "src" / "q.cpp",
                           "#include <sqlx/sqlx.hpp>\n"
                           "long f(sqlx::pg::connection& c) {\n"
                           "  return SQLX_QUERY_SCALAR(\"SELECT 1::int8 AS \\\"n!\\\"\")"
                           ".fetch_one(c);\n}\n");
    sqlx::test::write_file(dir / "migrations" / "0001_t.up.sql", "CREATE TABLE t (id int8);\n");
    sqlx::test::write_file(dir / "migrations" / "0001_t.down.sql", "DROP TABLE t;\n");
    if (!c.dotenv.empty()) {
      sqlx::test::write_file(dir / ".env", sqlx::test::expand(c.dotenv, port_, d));
    }
    if (!c.service_file.empty()) {
      sqlx::test::write_file(dir / "pg_service.conf", sqlx::test::expand(c.service_file, port_, d));
    }
    if (!c.passfile.empty()) {
      sqlx::test::write_file(dir / "pgpass", sqlx::test::expand(c.passfile, port_, d));
      chmod((dir / "pgpass").c_str(), 0600);
    }
    return dir;
  }

  static int port_;
  static sqlx::test::temp_dir* scratch_;
};

int password_matrix::port_ = 0;
sqlx::test::temp_dir* password_matrix::scratch_ = nullptr;

// Runs a program in `dir` with only the case's environment (plus `extra`).
outcome run_program(const password_case& c, const fs::path& dir, std::vector<std::string> args,
                    const std::vector<std::pair<std::string, std::string>>& extra = {}) {
  std::vector<std::string> argv = {"/usr/bin/env", "-C", dir.string()};
  for (const char* name : cleared_variables) {
    argv.emplace_back("-u");
    argv.emplace_back(name);
  }
  for (const auto& [key, value] : c.env) argv.push_back(key + "=" + value);
  for (const auto& [key, value] : extra) argv.push_back(key + "=" + value);
  argv.insert(argv.end(), args.begin(), args.end());
  const auto result = sqlx::core::run_process(argv);
  return {result.exit_code, result.output};
}

// Sets the case's environment in this process for the life of the object.
class scoped_environment {
 public:
  explicit scoped_environment(const std::vector<std::pair<std::string, std::string>>& env) {
    for (const char* name : cleared_variables) {
      if (const char* value = std::getenv(name)) saved_.emplace_back(name, value);
      unsetenv(name);
    }
    for (const auto& [key, value] : env) {
      setenv(key.c_str(), value.c_str(), 1);
      set_.push_back(key);
    }
  }
  ~scoped_environment() {
    for (const auto& key : set_) unsetenv(key.c_str());
    for (const auto& [key, value] : saved_) setenv(key.c_str(), value.c_str(), 1);
  }
  scoped_environment(const scoped_environment&) = delete;
  scoped_environment& operator=(const scoped_environment&) = delete;

 private:
  std::vector<std::pair<std::string, std::string>> saved_;
  std::vector<std::string> set_;
};

// Runs `f` in this process; its exception is the outcome (no exception: exit code 0).
template <typename F>
outcome catch_runtime(F&& f) {
  try {
    f();
    return {0, ""};
  } catch (const sqlx::error& e) {
    return {1, e.what()};
  } catch (const std::exception& e) {
    return {3, std::string("not a sqlx::error: ") + e.what()};
  }
}

// The sqlcheck command lines that connect; the URL goes in with -D unless the case has none
// (it comes from .env then).
command sqlcheck(std::string name, std::vector<std::string> args, bool dash_d = true) {
  return {name, true,
          [args, dash_d](const password_case& c, const std::string& url,
                         const fs::path& dir) -> std::optional<outcome> {
            std::vector<std::string> argv = {SQLX_CPP_SQLCHECK};
            argv.insert(argv.end(), args.begin(), args.end());
            if (dash_d && !url.empty()) {
              argv.emplace_back("-D");
              argv.push_back(url);
            }
            return run_program(c, dir, argv);
          }};
}

std::vector<command> commands() {
  std::vector<command> all = {
      sqlcheck("sqlcheck prepare", {"prepare", "--source", "src"}),
      sqlcheck("sqlcheck prepare --check", {"prepare", "--check", "--source", "src"}),
      sqlcheck("sqlcheck vet", {"vet", "--source", "src"}),
      {"sqlcheck generate --online", false,
       [](const password_case& c, const std::string& url,
          const fs::path& dir) -> std::optional<outcome> {
         // The cases with a URL; the .env route of online mode is prepare_test's.
         if (url.empty()) return std::nullopt;
         return run_program(c, dir,
                            {SQLX_CPP_SQLCHECK, "generate", "--out-dir", "gen", "--source",
                             "src/q.cpp", "--online"},
                            {{"DATABASE_URL", url}});
       }},
      sqlcheck("sqlcheck migrate run", {"migrate", "run"}),
      sqlcheck("sqlcheck migrate info", {"migrate", "info"}),
      sqlcheck("sqlcheck migrate revert", {"migrate", "revert"}),
      sqlcheck("sqlcheck database create", {"database", "create"}),
      sqlcheck("sqlcheck database drop -y", {"database", "drop", "-y"}),
      sqlcheck("sqlcheck database drop (asks)", {"database", "drop"}),
      sqlcheck("sqlcheck database reset -y", {"database", "reset", "-y"}),
      sqlcheck("sqlcheck database setup", {"database", "setup"}),
      {"connection::connect", false,
       [](const password_case& c, const std::string& url, const fs::path&) {
         if (url.empty()) return std::optional<outcome>();
         const scoped_environment env(c.env);
         return std::optional(catch_runtime([&] { (void)sqlx::pg::connection::connect(url); }));
       }},
      {"pool::connect", false,
       [](const password_case& c, const std::string& url, const fs::path&) {
         if (url.empty()) return std::optional<outcome>();
         const scoped_environment env(c.env);
         return std::optional(catch_runtime([&] { (void)sqlx::pg::pool::connect(url); }));
       }},
      {"pool connect_lazy + acquire", false,
       [](const password_case& c, const std::string& url, const fs::path&) {
         if (url.empty()) return std::optional<outcome>();
         const scoped_environment env(c.env);
         return std::optional(catch_runtime([&] {
           auto pool =
               sqlx::pg::pool_options{}.acquire_timeout(std::chrono::seconds(5)).connect_lazy(url);
           (void)pool.acquire();
         }));
       }},
      {"sqlx::testing test_database::create", false,
       [](const password_case& c, const std::string& url, const fs::path&) {
         if (url.empty()) return std::optional<outcome>();
         const scoped_environment env(c.env);
         return std::optional(catch_runtime(
             [&] { (void)sqlx::testing::test_database::create(sqlx::migrator{}, url); }));
       }},
  };
#ifdef SQLX_CPP_QUERY_CHECK_TOOL
  // Live mode: DATABASE_URL (or .env) names the server; on failure the tool warns and checks
  // offline, where the query has no metadata: an error.
  all.push_back({"query-check (live)", true,
                 [](const password_case& c, const std::string& url,
                    const fs::path& dir) -> std::optional<outcome> {
                   const std::string commands = fmt::format(
                       R"([{{"directory": "{0}", "file": "{0}/src/q.cpp", "arguments": )"
                       R"(["clang++", "-std=c++20", "-I{1}", "-isystem", "{2}", "-c", )"
                       R"("{0}/src/q.cpp"]}}])",
                       dir.string(), SQLX_CPP_SOURCE_DIR "/include", SQLX_CPP_PG_INCLUDE_DIR);
                   sqlx::test::write_file(dir / "compile_commands.json", commands);
                   std::vector<std::pair<std::string, std::string>> extra;
                   if (!url.empty()) extra.emplace_back("DATABASE_URL", url);
                   return run_program(
                       c, dir, {SQLX_CPP_QUERY_CHECK_TOOL, "-p", dir.string(), "src/q.cpp"}, extra);
                 }});
#endif
  return all;
}

TEST_F(password_matrix, no_command_prints_a_password) {
  const auto& cases = sqlx::test::password_cases();
  const auto all = commands();
  int runs = 0;
  int not_applicable = 0;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const password_case& c = cases[i];
    const fs::path dir = prepare_directory(c, i);
    password_case expanded = c;
    for (auto& [key, value] : expanded.env) value = sqlx::test::expand(value, port_, dir.string());
    const std::string url = sqlx::test::expand(c.conninfo, port_, dir.string());
    for (const command& cmd : all) {
      const auto result = cmd.run(expanded, url, dir);
      if (!result) {
        ++not_applicable;
        continue;
      }
      ++runs;
      const std::string where = fmt::format("case {:02} ({}) x {}", i + 1, c.name, cmd.name);
      EXPECT_TRUE(result->exit_code == 1 || result->exit_code == 2)
          << where << ": exit code " << result->exit_code << "\n"
          << result->output;
      EXPECT_NE(result->output.find_first_not_of(" \n"), std::string::npos)
          << where << ": no message";
      for (const std::string& secret : sqlx::test::forbidden_strings(c)) {
        EXPECT_EQ(result->output.find(secret), std::string::npos)
            << where << ": `" << secret << "` printed:\n"
            << result->output;
      }
    }
  }
  // The count the issue asks for, in the test log.
  fmt::print("password matrix: {} cases x {} commands: {} runs, {} not applicable\n", cases.size(),
             all.size(), runs, not_applicable);
  EXPECT_GE(cases.size(), 20U);
}

}  // namespace
