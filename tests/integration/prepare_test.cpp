// `sqlcheck prepare` end to end: the real program against a real server, in a temp project.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <map>

#include "metadata/digest.hpp"
#include "metadata/metadata.hpp"
#include "scan/query_selection.hpp"
#include "server/process.hpp"
#include "support/sqlcheck_cli.hpp"
#include "support/test_cluster.hpp"

namespace {
namespace fs = std::filesystem;
using sqlx::test::file_for;
using sqlx::test::read_file;
using sqlx::test::run_result;
using sqlx::test::snapshot;
using sqlx::test::sqlcheck;
using sqlx::test::write_file;

constexpr std::string_view schema = R"sql(
  CREATE TABLE users (id bigserial PRIMARY KEY, name text NOT NULL, email text);
  CREATE TABLE orders (id bigserial PRIMARY KEY, user_id bigint NOT NULL REFERENCES users,
                       total numeric(12, 2) NOT NULL);
)sql";

class prepare_test : public ::testing::Test {
 protected:
  void SetUp() override {
    url_ =
        sqlx::test::fresh_database(::testing::UnitTest::GetInstance()->current_test_info()->name());
    sqlx::pg::connection::connect(url_).execute(std::string(schema));
  }
  fs::path src(std::string_view name) const { return project_.path() / "src" / name; }
  fs::path out() const { return project_.path() / ".sqlx-cpp"; }

  sqlx::test::temp_dir project_;
  std::string url_;
};

TEST_F(prepare_test, writes_one_file_per_distinct_query_in_sqlx_format) {
  write_file(src("a.cpp"), R"cpp(
    auto u = SQLX_QUERY("SELECT id, name, email FROM users WHERE id = $1", id).fetch_one(db);
    auto again = SQLX_QUERY("SELECT id, name, email FROM users WHERE id = $1", id);
  )cpp");
  write_file(src("b.hpp"), R"cpp(
    auto n = SQLX_QUERY_SCALAR("SELECT count(*) AS \"n!\" FROM users");
  )cpp");
  auto r = sqlcheck(project_.path(), {"prepare"}, url_);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("prepared 2 queries"), std::string::npos) << r.output;

  const auto files = snapshot(out());
  ASSERT_EQ(files.size(), 2u);
  const std::string query = "SELECT id, name, email FROM users WHERE id = $1";
  const std::string expected = fmt::format(R"({{
  "db_name": "PostgreSQL",
  "query": "SELECT id, name, email FROM users WHERE id = $1",
  "describe": {{
    "columns": [
      {{
        "ordinal": 0,
        "name": "id",
        "type_info": "Int8"
      }},
      {{
        "ordinal": 1,
        "name": "name",
        "type_info": "Text"
      }},
      {{
        "ordinal": 2,
        "name": "email",
        "type_info": "Text"
      }}
    ],
    "parameters": {{
      "Left": [
        "Int8"
      ]
    }},
    "nullable": [
      false,
      false,
      true
    ]
  }},
  "hash": "{}",
  "sqlx_cpp": {{
    "columns": [
      {{
        "pg_type": "int8",
        "origin": "public.users.id"
      }},
      {{
        "pg_type": "text",
        "origin": "public.users.name"
      }},
      {{
        "pg_type": "text",
        "origin": "public.users.email"
      }}
    ],
    "parameters": [
      {{
        "pg_type": "int8"
      }}
    ]
  }}
}}
)",
                                           sqlx::core::sha256_hex(query));
  EXPECT_EQ(files.at(file_for(query)), expected);
  EXPECT_NE(files.at(file_for("SELECT count(*) AS \"n!\" FROM users")).find("\"name\": \"n!\""),
            std::string::npos);
}

TEST_F(prepare_test, reruns_are_byte_identical_and_leave_files_untouched) {
  write_file(src("a.cpp"), R"(SQLX_QUERY("SELECT name FROM users"))");
  ASSERT_EQ(sqlcheck(project_.path(), {"prepare"}, url_).exit_code, 0);
  const auto before = snapshot(out());
  struct stat first {};
  ASSERT_EQ(stat((out() / file_for("SELECT name FROM users")).c_str(), &first), 0);

  auto r = sqlcheck(project_.path(), {"prepare"}, url_);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("(0 new, 0 changed, 0 removed)"), std::string::npos) << r.output;
  EXPECT_EQ(snapshot(out()), before);
  struct stat second {};
  ASSERT_EQ(stat((out() / file_for("SELECT name FROM users")).c_str(), &second), 0);
  EXPECT_EQ(first.st_ino, second.st_ino);
}

TEST_F(prepare_test, removes_stale_files_and_keeps_foreign_ones) {
  write_file(src("a.cpp"), R"(SQLX_QUERY("SELECT name FROM users"); SQLX_QUERY("SELECT 1 AS x");)");
  ASSERT_EQ(sqlcheck(project_.path(), {"prepare"}, url_).exit_code, 0);
  write_file(out() / "README.md", "committed metadata\n");
  write_file(src("a.cpp"), R"(SQLX_QUERY("SELECT name FROM users");)");
  auto r = sqlcheck(project_.path(), {"prepare"}, url_);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("(0 new, 0 changed, 1 removed)"), std::string::npos) << r.output;
  const auto files = snapshot(out());
  EXPECT_EQ(files.size(), 2u);
  EXPECT_TRUE(files.contains(file_for("SELECT name FROM users")));
  EXPECT_EQ(files.at("README.md"), "committed metadata\n");
}

TEST_F(prepare_test, check_passes_when_up_to_date) {
  write_file(src("a.cpp"), R"(SQLX_QUERY("SELECT name FROM users"))");
  ASSERT_EQ(sqlcheck(project_.path(), {"prepare"}, url_).exit_code, 0);
  auto r = sqlcheck(project_.path(), {"prepare", "--check"}, url_);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("up to date"), std::string::npos) << r.output;
}

TEST_F(prepare_test, check_lists_missing_changed_and_unused_and_writes_nothing) {
  write_file(src("a.cpp"),
             R"(SQLX_QUERY("SELECT name FROM users"); SQLX_QUERY("SELECT 2 AS two");)");
  ASSERT_EQ(sqlcheck(project_.path(), {"prepare"}, url_).exit_code, 0);
  // changed: the schema moved under a prepared query; unused: a query that is gone;
  // missing: a new query.
  sqlx::pg::connection::connect(url_).execute("ALTER TABLE users ALTER COLUMN name DROP NOT NULL");
  write_file(src("a.cpp"),
             "SQLX_QUERY(\"SELECT name FROM users\");\n  SQLX_QUERY(\"SELECT email FROM users\");");
  const auto before = snapshot(out());
  auto r = sqlcheck(project_.path(), {"prepare", "--check"}, url_);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(
      r.output.find(fmt::format("missing: .sqlx-cpp/{} (src/a.cpp:2:14: SELECT email FROM users)",
                                file_for("SELECT email FROM users"))),
      std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find(fmt::format("changed: .sqlx-cpp/{}", file_for("SELECT name FROM users"))),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find(fmt::format("unused: .sqlx-cpp/{}", file_for("SELECT 2 AS two"))),
            std::string::npos)
      << r.output;
  EXPECT_EQ(snapshot(out()), before);
}

TEST_F(prepare_test, server_errors_point_at_the_exact_source_character_and_change_nothing) {
  write_file(src("ok.cpp"), R"(SQLX_QUERY("SELECT name FROM users"))");
  ASSERT_EQ(sqlcheck(project_.path(), {"prepare"}, url_).exit_code, 0);
  const auto before = snapshot(out());

  // Line 2: the unknown column is in the second of two concatenated literals, after an escape.
  // Line 4: a raw string whose error is on its second line.
  // Line 7: a syntax error.
  write_file(src("bad.cpp"),
             "void f() {\n"
             "  SQLX_QUERY(\"SELECT \\\"name\\\", \" \"nam FROM users\");\n"
             "  SQLX_QUERY(R\"(SELECT id\n"
             "    FROM userz)\");\n"
             "  SQLX_QUERY(\"SELECT name FROM users\");\n"
             "  SQLX_QUERY(\n"
             "    \"SELEC 1\");\n"
             "}\n");
  auto r = sqlcheck(project_.path(), {"prepare"}, url_);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("src/bad.cpp:2:35: error: column \"nam\" does not exist"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("src/bad.cpp:2:35: note: hint: Perhaps you meant to reference the "
                          "column \"users.name\"."),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("src/bad.cpp:4:10: error: relation \"userz\" does not exist"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("src/bad.cpp:7:6: error: syntax error at or near \"SELEC\""),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("3 of 4 queries rejected"), std::string::npos) << r.output;
  EXPECT_EQ(snapshot(out()), before);
}

TEST_F(prepare_test, every_occurrence_of_a_rejected_query_is_reported) {
  write_file(src("a.cpp"),
             "SQLX_QUERY(\"SELECT x FROM users\");\nSQLX_QUERY(\"SELECT x FROM users\");\n");
  auto r = sqlcheck(project_.path(), {"prepare"}, url_);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("src/a.cpp:1:20: error"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("src/a.cpp:2:20: error"), std::string::npos) << r.output;
}

TEST_F(prepare_test, scan_errors_name_file_line_and_column) {
  write_file(src("a.cpp"), "int x;\n  SQLX_QUERY(some_variable);\n");
  auto r = sqlcheck(project_.path(), {"prepare"}, url_);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("src/a.cpp:2:14: error:"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(out()));
}

TEST_F(prepare_test, unreachable_server_is_an_error_without_the_password) {
  write_file(src("a.cpp"), R"(SQLX_QUERY("SELECT 1 AS one"))");
  auto r =
      sqlcheck(project_.path(),
               {"prepare", "-D", "postgres://app:s3cret-pw@127.0.0.1:1/app?connect_timeout=2"});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("cannot connect to postgres://app:***@127.0.0.1:1/app"),
            std::string::npos)
      << r.output;
  EXPECT_EQ(r.output.find("s3cret-pw"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(out()));
}

TEST_F(prepare_test, the_url_comes_from_dot_env_when_nothing_else_gives_one) {
  write_file(src("a.cpp"), R"(SQLX_QUERY("SELECT name FROM users"))");
  write_file(project_.path() / ".env",
             fmt::format("# local settings\nexport DATABASE_URL=\"{}\"\n", url_));
  auto r = sqlcheck(project_.path(), {"prepare"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(fs::exists(out() / file_for("SELECT name FROM users")));
}

TEST_F(prepare_test, no_database_is_a_usage_error) {
  write_file(src("a.cpp"), R"(SQLX_QUERY("SELECT 1 AS one"))");
  auto r = sqlcheck(project_.path(), {"prepare"});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("DATABASE_URL"), std::string::npos) << r.output;
}

TEST_F(prepare_test, usage_errors_exit_2_and_help_exits_0) {
  EXPECT_EQ(sqlcheck(project_.path(), {"prepare", "--bogus"}).exit_code, 2);
  EXPECT_EQ(sqlcheck(project_.path(), {"prepare", "--out"}).exit_code, 2);
  EXPECT_EQ(sqlcheck(project_.path(), {"frobnicate"}).exit_code, 2);
  EXPECT_EQ(sqlcheck(project_.path(), {}).exit_code, 2);
  auto help = sqlcheck(project_.path(), {"prepare", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.output.find("Examples:"), std::string::npos);
}

TEST_F(prepare_test, source_and_out_options) {
  write_file(project_.path() / "lib" / "q.hpp", R"(SQLX_QUERY("SELECT email FROM users"))");
  write_file(project_.path() / "app" / "main.cc", R"(SQLX_QUERY_AS(user, "SELECT id FROM users"))");
  write_file(project_.path() / "ignored" / "x.cpp", R"(SQLX_QUERY("SELECT nope"))");
  write_file(project_.path() / "build" / "gen.cpp", R"(SQLX_QUERY("SELECT nope"))");
  auto r = sqlcheck(project_.path(),
                    {"prepare", "--source", "lib", "--source", "app", "--out", "meta"}, url_);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto files = snapshot(project_.path() / "meta");
  EXPECT_EQ(files.size(), 2u);
  EXPECT_TRUE(files.contains(file_for("SELECT id FROM users")));
}

TEST_F(prepare_test, temp_db_applies_the_migrations_in_version_order) {
  write_file(project_.path() / "migrations" / "2_add_settings.up.sql",
             "ALTER TABLE accounts ADD COLUMN settings jsonb;");
  write_file(project_.path() / "migrations" / "2_add_settings.down.sql",
             "ALTER TABLE accounts DROP COLUMN settings;");
  write_file(
      project_.path() / "migrations" / "1_create_accounts.sql",
      "-- simple migration\nCREATE TABLE accounts (id int8 PRIMARY KEY, login text NOT NULL);");
  write_file(project_.path() / "migrations" / "10_index.sql",
             "-- no-transaction\nCREATE INDEX CONCURRENTLY accounts_login ON accounts (login);");
  write_file(src("a.cpp"), R"(SQLX_QUERY("SELECT id, login, settings FROM accounts"))");
  auto r = sqlcheck(project_.path(), {"prepare", "--temp-db"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto content = read_file(out() / file_for("SELECT id, login, settings FROM accounts"));
  EXPECT_NE(content.find("\"type_info\": \"Jsonb\""), std::string::npos) << content;
}

TEST_F(prepare_test, temp_db_reports_a_failing_migration) {
  write_file(project_.path() / "db" / "1_broken.sql", "CREATE TABLE t (id int8 PRIMARY KEY,);");
  write_file(src("a.cpp"), R"(SQLX_QUERY("SELECT 1 AS one"))");
  auto r = sqlcheck(project_.path(), {"prepare", "--temp-db", "--migrations", "db"});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("1_broken.sql"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("syntax error"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(out()));
}

}  // namespace

namespace {

// `sqlcheck generate` in online mode prepares the given sources first, keeping other files;
// with SQLX_OFFLINE=true it only reads the metadata.
TEST_F(prepare_test, generate_prepares_new_queries_in_online_mode_only) {
  write_file(src("other.cpp"), R"(SQLX_QUERY("SELECT id FROM users"))");
  ASSERT_EQ(sqlcheck(project_.path(), {"prepare"}, url_).exit_code, 0);
  write_file(src("new.cpp"), R"(SQLX_QUERY("SELECT email FROM users"))");
  const std::vector<std::string> generate{"generate", "--out", "gen/q.hpp", "--online-source",
                                          "src/new.cpp"};

  auto offline = sqlx::core::run_process(
      {"env", "-C", project_.path().string(), "SQLX_OFFLINE=true", "DATABASE_URL=" + url_,
       SQLX_CPP_SQLCHECK, generate[0], generate[1], generate[2], generate[3], generate[4]});
  ASSERT_EQ(offline.exit_code, 0) << offline.output;
  EXPECT_FALSE(fs::exists(out() / file_for("SELECT email FROM users")));

  auto online = sqlcheck(project_.path(), generate, url_);
  ASSERT_EQ(online.exit_code, 0) << online.output;
  EXPECT_TRUE(fs::exists(out() / file_for("SELECT email FROM users")));
  EXPECT_TRUE(fs::exists(out() / file_for("SELECT id FROM users")));  // kept
  const auto header = read_file(project_.path() / "gen" / "q.hpp");
  EXPECT_NE(header.find("SELECT email FROM users"), std::string::npos);
  EXPECT_NE(header.find("SELECT id FROM users"), std::string::npos);

  write_file(src("new.cpp"), R"(SQLX_QUERY("SELECT nope FROM users"))");
  auto rejected = sqlcheck(project_.path(), generate, url_);
  EXPECT_EQ(rejected.exit_code, 1);
  EXPECT_NE(rejected.output.find("src/new.cpp:1:20: error: column \"nope\" does not exist"),
            std::string::npos)
      << rejected.output;
}

// The per-source mode (sqlx_cpp_check) online: the queries of the sources and of the headers
// they include are prepared first; each source's header holds its own and its headers' only.
TEST_F(prepare_test, generate_out_dir_prepares_sources_and_their_headers_online) {
  write_file(src("other.cpp"), R"(SQLX_QUERY("SELECT id FROM users"))");
  ASSERT_EQ(sqlcheck(project_.path(), {"prepare"}, url_).exit_code, 0);
  write_file(src("q.hpp"), R"(SQLX_QUERY("SELECT id, email FROM users"))");
  write_file(src("new.cpp"),
             "#include \"q.hpp\"\n"
             R"(SQLX_QUERY("SELECT email FROM users"))");
  const std::vector<std::string> generate{"generate", "--out-dir",   "gen",
                                          "--source", "src/new.cpp", "--online"};

  auto offline =
      sqlx::core::run_process({"env", "-C", project_.path().string(), "SQLX_OFFLINE=true",
                               "DATABASE_URL=" + url_, SQLX_CPP_SQLCHECK, generate[0], generate[1],
                               generate[2], generate[3], generate[4], generate[5]});
  ASSERT_EQ(offline.exit_code, 0) << offline.output;
  EXPECT_FALSE(fs::exists(out() / file_for("SELECT email FROM users")));

  auto online = sqlcheck(project_.path(), generate, url_);
  ASSERT_EQ(online.exit_code, 0) << online.output;
  EXPECT_TRUE(fs::exists(out() / file_for("SELECT email FROM users")));
  EXPECT_TRUE(fs::exists(out() / file_for("SELECT id, email FROM users")));
  EXPECT_TRUE(fs::exists(out() / file_for("SELECT id FROM users")));  // kept
  const auto header =
      read_file(project_.path() / "gen" /
                sqlx::core::generated_header_name(fs::canonical(project_.path()) / "src/new.cpp"));
  EXPECT_NE(header.find("SELECT email FROM users"), std::string::npos);
  EXPECT_NE(header.find("SELECT id, email FROM users"), std::string::npos);
  EXPECT_EQ(header.find("SELECT id FROM users"), std::string::npos);
}

// The one online rule (core::online_database_url): a DATABASE_URL only in the project's .env
// turns online mode on for generate as for prepare and query-check (it used to be ignored by
// generate); SQLX_OFFLINE=true still turns it off.
TEST_F(prepare_test, generate_goes_online_with_the_url_only_in_dot_env) {
  write_file(src("other.cpp"), R"(SQLX_QUERY("SELECT id FROM users"))");
  ASSERT_EQ(sqlcheck(project_.path(), {"prepare"}, url_).exit_code, 0);
  write_file(src("new.cpp"), R"(SQLX_QUERY("SELECT email FROM users"))");
  write_file(project_.path() / ".env", fmt::format("DATABASE_URL='{}'\n", url_));
  fs::create_directories(project_.path() / "build");
  const std::vector<std::string> per_source{"generate", "--metadata", "../.sqlx-cpp",   "--out-dir",
                                            "gen",      "--source",   "../src/new.cpp", "--online"};

  auto offline = sqlx::core::run_process(
      {"env", "-C", (project_.path() / "build").string(), "-u", "DATABASE_URL", "SQLX_OFFLINE=1",
       SQLX_CPP_SQLCHECK, per_source[0], per_source[1], per_source[2], per_source[3], per_source[4],
       per_source[5], per_source[6], per_source[7]});
  ASSERT_EQ(offline.exit_code, 0) << offline.output;
  EXPECT_FALSE(fs::exists(out() / file_for("SELECT email FROM users")));

  // From a directory below the .env (a build directory), as sqlx_cpp_check runs it.
  auto online = sqlcheck(project_.path() / "build", per_source);
  ASSERT_EQ(online.exit_code, 0) << online.output;
  EXPECT_TRUE(fs::exists(out() / file_for("SELECT email FROM users")));
  EXPECT_TRUE(fs::exists(out() / file_for("SELECT id FROM users")));  // kept

  write_file(src("single.cpp"), R"(SQLX_QUERY("SELECT name FROM users"))");
  auto single = sqlcheck(project_.path(),
                         {"generate", "--out", "gen/q.hpp", "--online-source", "src/single.cpp"});
  ASSERT_EQ(single.exit_code, 0) << single.output;
  EXPECT_TRUE(fs::exists(out() / file_for("SELECT name FROM users")));
  EXPECT_NE(read_file(project_.path() / "gen" / "q.hpp").find("SELECT name FROM users"),
            std::string::npos);

  // A broken .env is an error naming the file and line, not a silent offline build.
  write_file(project_.path() / ".env", "DATABASE_URL=\"postgres://app:s3cret-pw@h/db\n");
  auto broken = sqlcheck(project_.path(),
                         {"generate", "--out", "gen/q.hpp", "--online-source", "src/single.cpp"});
  EXPECT_EQ(broken.exit_code, 1) << broken.output;
  EXPECT_NE(broken.output.find(".env:1:"), std::string::npos) << broken.output;
  EXPECT_EQ(broken.output.find("s3cret-pw"), std::string::npos) << broken.output;
}

}  // namespace
