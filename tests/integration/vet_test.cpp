// `sqlcheck vet` end to end: the real program against a real server whose tables are large
// enough (and analyzed) for the planner to choose sequential scans where no index helps.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "metadata/metadata.hpp"
#include "server/process.hpp"
#include "support/test_cluster.hpp"
#include "vet/generic_plan.hpp"

namespace {
namespace fs = std::filesystem;
using sqlx::test::write_file;

constexpr std::string_view schema = R"sql(
  CREATE TABLE users (id bigserial PRIMARY KEY, name text NOT NULL, email text,
                      team int NOT NULL);
  CREATE TABLE orders (id bigserial PRIMARY KEY, user_id bigint NOT NULL REFERENCES users,
                       total numeric NOT NULL, note text);
  CREATE TABLE teams (id int PRIMARY KEY, name text NOT NULL);
  CREATE TABLE payments (id bigserial PRIMARY KEY, order_id bigint NOT NULL REFERENCES orders,
                         amount numeric NOT NULL);
  CREATE INDEX payments_order_id ON payments (order_id);
  CREATE DOMAIN team_no AS int NOT NULL;
  CREATE TABLE shelves (site int, code int, PRIMARY KEY (site, code));
  CREATE TABLE books (id serial PRIMARY KEY, site int NOT NULL, code int NOT NULL,
                      FOREIGN KEY (site, code) REFERENCES shelves);
  CREATE INDEX books_code_site ON books (code, site);  -- the key's columns, in another order
  CREATE TABLE pens (id serial PRIMARY KEY, site int NOT NULL, code int NOT NULL,
                     FOREIGN KEY (site, code) REFERENCES shelves);
  CREATE INDEX pens_site ON pens (site);  -- a prefix of the key only
  CREATE INDEX pens_site_code_partial ON pens (site, code) WHERE code > 0;  -- partial
  INSERT INTO users (name, email, team)
    SELECT 'user ' || g, CASE WHEN g % 3 = 0 THEN NULL ELSE 'u' || g || '@example.com' END, g % 50
      FROM generate_series(1, 20000) g;
  INSERT INTO orders (user_id, total, note)
    SELECT 1 + g % 20000, g, CASE WHEN g % 7 = 0 THEN 'gift' END FROM generate_series(1, 30000) g;
  INSERT INTO teams SELECT g, 'team ' || g FROM generate_series(0, 49) g;
  INSERT INTO payments (order_id, amount) SELECT 1 + g % 30000, g FROM generate_series(1, 30000) g;
  ANALYZE;
)sql";

struct run_result {
  int exit_code;
  std::string output;
};

class vet_test : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    url_ = new std::string(sqlx::test::fresh_database("vet"));
    sqlx::pg::connection::connect(*url_).execute(std::string(schema));
  }
  static void TearDownTestSuite() {
    delete url_;
    url_ = nullptr;
  }

  // Writes src/q.cpp holding `body` and returns it.
  std::string source(std::string_view body) {
    const std::string content = fmt::format("void f() {{\n{}\n}}\n", body);
    write_file(project_.path() / "src" / "q.cpp", content);
    return content;
  }

  // Runs `sqlcheck vet --source src -D <url> args...` in the project; stdout and stderr.
  run_result vet(std::vector<std::string> args = {}, bool stdout_only = false,
                 bool with_url = true) const {
    std::vector<std::string> argv{"env", "-C", project_.path().string(), "-u", "DATABASE_URL"};
    if (stdout_only) argv.insert(argv.end(), {"sh", "-c", "exec \"$0\" \"$@\" 2>/dev/null"});
    argv.insert(argv.end(), {SQLX_CPP_SQLCHECK, "vet", "--source", "src"});
    if (with_url) argv.insert(argv.end(), {"-D", *url_});
    argv.insert(argv.end(), args.begin(), args.end());
    auto r = sqlx::core::run_process(argv);
    return {r.exit_code, r.output};
  }

  // "src/q.cpp:LINE:COL" of the `occurrence`-th `needle` in `content` (columns in bytes).
  static std::string at(const std::string& content, std::string_view needle, int occurrence = 1) {
    std::size_t offset = std::string::npos;
    for (int i = 0; i < occurrence; ++i) {
      offset = content.find(needle, offset == std::string::npos ? 0 : offset + 1);
    }
    EXPECT_NE(offset, std::string::npos) << needle;
    const std::size_t line_start = content.rfind('\n', offset) + 1;  // npos + 1 == 0
    const auto line =
        std::count(content.begin(), content.begin() + static_cast<long>(offset), '\n');
    return fmt::format("src/q.cpp:{}:{}", line + 1, offset - line_start + 1);
  }

  static bool has(const run_result& r, std::string_view text) {
    return r.output.find(text) != std::string::npos;
  }

  static std::string* url_;
  sqlx::test::temp_dir project_;
};
std::string* vet_test::url_ = nullptr;

TEST_F(vet_test, seq_scan_of_a_large_table_anywhere_in_the_generic_plan) {
  const auto content = source(R"src(
    auto by_name = SQLX_QUERY("SELECT id FROM users WHERE name = $1", n);
    auto by_id = SQLX_QUERY("SELECT name FROM users WHERE id = $1", id);
    auto small = SQLX_QUERY("SELECT id FROM teams WHERE name = $1", n);
    auto nested = SQLX_QUERY(
        "SELECT name, (SELECT count(*) FROM orders WHERE note = $2) AS n FROM users WHERE id = $1",
        id, note);)src");
  const auto r = vet();
  EXPECT_EQ(r.exit_code, 0) << r.output;  // warnings only
  // A custom plan for NULL arguments would be `One-Time Filter: false` and scan nothing: the
  // first finding shows that the plan is the generic one.
  EXPECT_TRUE(has(r, at(content, "users WHERE name") +
                         ": warning: the generic plan scans table `public.users` sequentially "
                         "(about 20000 rows"))
      << r.output;
  EXPECT_TRUE(has(r, at(content, "orders WHERE note") +
                         ": warning: the generic plan scans table `public.orders` sequentially "
                         "in an InitPlan"))
      << r.output;
  EXPECT_FALSE(has(r, "public.teams")) << r.output;  // 50 rows: below the threshold
  EXPECT_FALSE(has(r, at(content, "users WHERE id"))) << r.output;
  // Exactly the two: the index lookup by id and the small table are not reported.
  EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 3) << r.output;
}

TEST_F(vet_test, seq_scan_thresholds_from_the_configuration) {
  const auto content = source(R"src(
    auto by_name = SQLX_QUERY("SELECT id FROM users WHERE name = $1", n);
    auto small = SQLX_QUERY("SELECT id FROM teams WHERE name = $1", n);)src");
  write_file(project_.path() / ".sqlx-cpp" / "vet.json",
             R"({"seq-scan": {"min-rows": 100000}, "rules": {"select-star": "off"}})");
  auto r = vet();
  EXPECT_FALSE(has(r, "[sqlx-vet-seq-scan]")) << r.output;
  write_file(project_.path() / "pages.json", R"({"seq-scan": {"min-rows": 0, "min-pages": 1}})");
  r = vet({"--config", "pages.json"});
  EXPECT_TRUE(
      has(r, at(content, "teams") + ": warning: the generic plan scans table `public.teams`"))
      << r.output;
  EXPECT_TRUE(has(r, "threshold 1 pages")) << r.output;
}

TEST_F(vet_test, update_delete_without_where) {
  const auto content = source(R"src(
    auto all = SQLX_QUERY("DELETE FROM payments");
    auto one = SQLX_QUERY("DELETE FROM payments WHERE id = $1", id);
    auto every = SQLX_QUERY("UPDATE teams SET name = upper(name)");)src");
  const auto r = vet();
  EXPECT_TRUE(has(r, at(content, "payments\"") +
                         ": warning: DELETE without WHERE deletes every row of `payments` "
                         "[sqlx-vet-update-delete-without-where]"))
      << r.output;
  EXPECT_TRUE(has(r, at(content, "teams SET") + ": warning: UPDATE without WHERE")) << r.output;
  EXPECT_FALSE(has(r, at(content, "payments WHERE"))) << r.output;
}

TEST_F(vet_test, not_in_over_a_nullable_subquery_column) {
  const auto content = source(R"src(
    auto nullable = SQLX_QUERY(
        "SELECT id FROM teams WHERE id NOT IN (SELECT length(email) FROM users WHERE team = $1)",
        t);
    auto not_null = SQLX_QUERY(
        "SELECT id FROM users WHERE id = $1 AND id NOT IN (SELECT user_id FROM orders WHERE total "
        "> 29990)",
        id);
    auto filtered = SQLX_QUERY(
        "SELECT id FROM teams WHERE id NOT IN (SELECT length(email) FROM users WHERE team = $1 AND "
        "email IS NOT NULL)",
        t);)src");
  const auto r = vet({"--rule", "seq-scan=off"});
  EXPECT_TRUE(has(r, at(content, "NOT IN") +
                         ": warning: NOT IN over a subquery whose column `length` can be NULL"))
      << r.output;
  EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 2) << r.output;
}

TEST_F(vet_test, equals_null_is_an_error) {
  const auto content = source(R"src(
    auto wrong = SQLX_QUERY(R"(SELECT id FROM teams
      WHERE name <> NULL)");
    auto right = SQLX_QUERY("SELECT id FROM teams WHERE name IS NOT NULL");)src");
  const auto r = vet();
  EXPECT_EQ(r.exit_code, 1) << r.output;
  // The position inside a multi-line raw string: the operator on the literal's second line.
  EXPECT_TRUE(has(r, at(content, "<> NULL") + ": error: comparison `<> NULL` is never true"))
      << r.output;
  EXPECT_TRUE(has(r, "[sqlx-vet-equals-null]")) << r.output;
  EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 2) << r.output;
}

TEST_F(vet_test, select_star) {
  const auto content = source(R"src(
    auto star = SQLX_QUERY("SELECT t.* FROM teams t WHERE id = $1", id);
    auto exists = SQLX_QUERY(
        "SELECT id FROM teams t WHERE EXISTS (SELECT * FROM users u WHERE u.team = t.id AND u.id = "
        "$1)",
        id);)src");
  const auto r = vet();
  EXPECT_TRUE(has(r, at(content, "t.*") + ": warning: `t.*` selects whatever columns")) << r.output;
  EXPECT_FALSE(has(r, at(content, "*", 2))) << r.output;
}

// A dynamic query (docs/dynamic-queries.md) is linted as each combination: a finding in an
// optional part at its character, one shared by every combination once.
TEST_F(vet_test, dynamic_queries_are_linted_per_combination) {
  const auto content = source(R"src(
    auto q = SQLX_QUERY(
        "SELECT t.* FROM teams t WHERE true [[ AND name = $1 ]] [[ AND name <> NULL AND id = $2 ]]",
        name, id);)src");
  const auto r = vet({"--rule", "seq-scan=off"});
  EXPECT_TRUE(has(r, at(content, "<> NULL") + ": error: comparison `<> NULL` is never true"))
      << r.output;
  EXPECT_TRUE(has(r, at(content, "t.*") + ": warning: `t.*` selects whatever columns")) << r.output;
  EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 3) << r.output;
}

TEST_F(vet_test, join_on_a_foreign_key_without_an_index) {
  const auto content = source(R"src(
        auto unindexed = SQLX_QUERY(
            "SELECT o.total FROM users u JOIN orders o ON o.user_id = u.id WHERE u.id = $1", id);
        auto indexed = SQLX_QUERY(
            "SELECT p.amount FROM orders o JOIN payments p ON p.order_id = o.id WHERE o.id = $1",
            id);)src");
  const auto r = vet({"--rule", "seq-scan=off"});
  EXPECT_TRUE(has(r, at(content, "o.user_id") +
                         ": warning: join on foreign key `orders_user_id_fkey` (orders(user_id) -> "
                         "users(id)), but no index on `orders` starts with (user_id)"))
      << r.output;
  EXPECT_FALSE(has(r, "payments_order_id_fkey")) << r.output;
  EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 2) << r.output;
}

TEST_F(vet_test, composite_foreign_keys_and_which_indexes_count) {
  const auto content = source(R"src(
  auto indexed = SQLX_QUERY("SELECT b.id FROM shelves s JOIN books b ON b.code = s.code AND b.site = s.site WHERE s.site = $1", site);
  auto prefix_only = SQLX_QUERY("SELECT p.id FROM shelves s, pens p WHERE p.site = s.site AND s.code = p.code AND s.site = $1", site);
  auto half_the_key = SQLX_QUERY("SELECT p.id FROM shelves s JOIN pens p ON p.site = s.site WHERE s.site = $1", site);)src");
  const auto r = vet({"--rule", "seq-scan=off"});
  EXPECT_TRUE(
      has(r, at(content, "p.site") +
                 ": warning: join on foreign key `pens_site_code_fkey` (pens(site, code) -> "
                 "shelves(site, code)), but no index on `pens` starts with (site, code)"))
      << r.output;
  EXPECT_FALSE(has(r, "books_site_code_fkey")) << r.output;
  EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 2) << r.output;
}

// One query that each rule reports.
const std::vector<std::pair<std::string, std::string>> positives = {
    {"seq-scan", "SELECT id FROM users WHERE name = $1"},
    {"update-delete-without-where", "DELETE FROM teams"},
    {"not-in-nullable",
     "SELECT id FROM teams WHERE id NOT IN (SELECT length(email) FROM users WHERE id = $1)"},
    {"equals-null", "SELECT id FROM teams WHERE name = NULL"},
    {"select-star", "SELECT * FROM teams WHERE id = $1"},
    {"unindexed-foreign-key-join",
     "SELECT p.id FROM shelves s JOIN pens p ON p.site = s.site AND p.code = s.code WHERE s.site = "
     "$1"},
};

TEST_F(vet_test, every_rule_off_error_and_silenced) {
  std::string body;
  for (const auto& [rule, sql] : positives)
    body += fmt::format("  auto q = SQLX_QUERY(\"{}\");\n", sql);
  source(body);
  const auto all = vet();
  for (const auto& [rule, sql] : positives) {
    const std::string tag = fmt::format("[sqlx-vet-{}]", rule);
    EXPECT_TRUE(has(all, tag)) << all.output;

    auto r = vet({"--rule", rule + "=off"});
    EXPECT_FALSE(has(r, tag)) << r.output;
    EXPECT_EQ(r.exit_code, rule == "equals-null" ? 0 : 1) << r.output;  // equals-null's error

    // (equals-null, an error by default, is lowered so that the exit status is this rule's.)
    r = vet({"--rule", "equals-null=warning", "--rule", rule + "=error"});
    EXPECT_EQ(r.exit_code, 1) << rule << r.output;
    // Every line of the rule is an error now.
    std::istringstream lines(r.output);
    int errors = 0;
    for (std::string line; std::getline(lines, line);) {
      if (line.find(tag) == std::string::npos) continue;
      EXPECT_NE(line.find(": error: "), std::string::npos) << line;
      ++errors;
    }
    EXPECT_GT(errors, 0) << r.output;

    // Silenced for every query by a C++ comment above each.
    std::string silenced;
    for (const auto& [other, text] : positives) {
      silenced +=
          fmt::format("  // sqlx-vet: ignore={}\n  auto q = SQLX_QUERY(\"{}\");\n", rule, text);
    }
    source(silenced);
    r = vet();
    EXPECT_FALSE(has(r, tag)) << r.output;
    EXPECT_TRUE(has(r, "[sqlx-vet-select-star]") || rule == "select-star") << r.output;
    source(body);
  }
}

TEST_F(vet_test, levels_off_warning_error) {
  source(R"src(
    auto star = SQLX_QUERY("SELECT * FROM teams WHERE id = $1", id);)src");
  auto r = vet();
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(has(r, "warning: `*`")) << r.output;
  r = vet({"--rule", "select-star=error"});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_TRUE(has(r, "error: `*`")) << r.output;
  write_file(project_.path() / ".sqlx-cpp" / "vet.json", R"({"rules": {"select-star": "off"}})");
  r = vet();
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_FALSE(has(r, "[sqlx-vet-select-star]")) << r.output;
  // A flag overrides the file.
  r = vet({"--rule", "select-star=error"});
  EXPECT_EQ(r.exit_code, 1) << r.output;
}

TEST_F(vet_test, silencing_per_query) {
  // (The delimiter is not `cpp`: clang-format would reformat the code, comments included.)
  const auto content = source(R"src(
  auto sql_comment = SQLX_QUERY("SELECT * FROM teams WHERE id = $1 -- sqlx-vet: ignore=select-star", id);
  // sqlx-vet: ignore=select-star
  auto line_before = SQLX_QUERY("SELECT * FROM teams WHERE id = $1 AND name <> 'b'", id);
  auto same_line = SQLX_QUERY("SELECT * FROM teams WHERE id = $1 AND name <> 'c'", id);  // sqlx-vet: ignore=all
  // sqlx-vet: ignore=select-star
  auto split_by_clang_format =
      SQLX_QUERY("SELECT * FROM teams WHERE id = $1 AND name <> 'd'", id);
  auto other_rule = SQLX_QUERY("SELECT * FROM teams WHERE id = $1 AND name <> 'e'", id);  // sqlx-vet: ignore=seq-scan
  f();  // sqlx-vet: ignore=select-star (a previous statement's comment does not count)
  auto after_statement = SQLX_QUERY("SELECT * FROM teams WHERE id = $1 AND name <> 'f'", id);
  auto in_a_string = SQLX_QUERY("SELECT *, '-- sqlx-vet: ignore=select-star' FROM teams WHERE id = $1", id);)src");
  const auto r = vet();
  EXPECT_TRUE(has(r, at(content, "* FROM teams WHERE id = $1 AND name <> 'e'"))) << r.output;
  EXPECT_TRUE(has(r, at(content, "* FROM teams WHERE id = $1 AND name <> 'f'"))) << r.output;
  EXPECT_TRUE(has(r, at(content, "*, '"))) << r.output;
  EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 4) << r.output;
}

TEST_F(vet_test, sarif_output) {
  const auto content = source(R"src(
    auto star = SQLX_QUERY("SELECT * FROM teams WHERE name = NULL");)src");
  const auto text = vet();
  const auto r = vet({"--format", "sarif"}, /*stdout_only=*/true);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  const auto log = nlohmann::json::parse(r.output);
  EXPECT_EQ(log["version"], "2.1.0");
  ASSERT_EQ(log["runs"].size(), 1u);
  const auto& run = log["runs"][0];
  const auto& rules = run["tool"]["driver"]["rules"];
  std::set<std::string> ids;
  for (const auto& rule : rules) ids.insert(rule["id"].get<std::string>());
  for (const char* id :
       {"sqlx-vet-seq-scan", "sqlx-vet-update-delete-without-where", "sqlx-vet-not-in-nullable",
        "sqlx-vet-equals-null", "sqlx-vet-select-star", "sqlx-vet-unindexed-foreign-key-join"}) {
    EXPECT_TRUE(ids.contains(id)) << id;
  }
  ASSERT_EQ(run["results"].size(), 2u) << r.output;
  std::set<std::string> levels;
  for (const auto& result : run["results"]) {
    EXPECT_TRUE(ids.contains(result["ruleId"].get<std::string>()));
    levels.insert(result["level"].get<std::string>());
    EXPECT_FALSE(result["message"]["text"].get<std::string>().empty());
    const auto& where = result["locations"][0]["physicalLocation"];
    EXPECT_EQ(where["artifactLocation"]["uri"], "src/q.cpp");
    // The same place as the text output.
    const std::string place =
        fmt::format("src/q.cpp:{}:{}", where["region"]["startLine"].get<int>(),
                    where["region"]["startColumn"].get<int>());
    EXPECT_TRUE(has(text, place + ": " + result["level"].get<std::string>())) << place;
  }
  EXPECT_EQ(levels, (std::set<std::string>{"warning", "error"}));
  EXPECT_TRUE(has(text, at(content, "= NULL"))) << text.output;
}

TEST_F(vet_test, exit_codes) {
  source(R"src(
    auto fine = SQLX_QUERY("SELECT name FROM teams WHERE id = $1", id);)src");
  auto r = vet();
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(has(r, "sqlcheck vet: 1 queries; findings: 0 error(s), 0 warning(s)")) << r.output;
  r = vet({"--list-rules", "--rule", "select-star=off"}, false, /*with_url=*/false);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(has(r, "select-star                  off")) << r.output;
  EXPECT_TRUE(has(r, "equals-null                  error")) << r.output;
  r = vet({"--help"}, false, /*with_url=*/false);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(has(r, "sqlcheck vet [--source DIR]")) << r.output;
  EXPECT_EQ(vet({"--format", "xml"}).exit_code, 2);
  EXPECT_EQ(vet({"--rule", "no-such-rule=off"}).exit_code, 2);
  EXPECT_EQ(vet({"--rule", "select-star=loud"}).exit_code, 2);
  EXPECT_EQ(vet({"--bogus"}).exit_code, 2);
  write_file(project_.path() / "broken.json", "{");
  r = vet({"--config", "broken.json"});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_TRUE(has(r, "broken.json")) << r.output;
  r = vet({}, false, /*with_url=*/false);
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_TRUE(has(r, "no database")) << r.output;
}

TEST_F(vet_test, a_query_the_server_rejects_is_an_error_at_its_position) {
  const auto content = source(R"src(
    auto typo = SQLX_QUERY("SELECT nmae FROM teams");)src");
  const auto r = vet();
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_TRUE(has(
      r, at(content, "nmae") + ": error: column \"nmae\" does not exist [sqlx-vet-query-error]"))
      << r.output;
}

TEST_F(vet_test, skips_the_queries_prepared_for_sqlite) {
  source(R"src(
    auto sqlite = SQLX_QUERY("SELECT name FROM feeds WHERE id = ?1", id);
    auto pg = SQLX_QUERY("DELETE FROM teams");)src");
  sqlx::core::query_description d;
  d.db = sqlx::core::database::sqlite;
  d.query = "SELECT name FROM feeds WHERE id = ?1";
  d.columns = {{"name", {"Text", "TEXT"}, false, "main.feeds.name"}};
  d.parameters = {{nullptr, "INTEGER"}};
  write_file(project_.path() / ".sqlx-cpp" / sqlx::core::metadata_file_name(d.query),
             sqlx::core::to_file_content(d));
  const auto r = vet();
  EXPECT_FALSE(has(r, "feeds")) << r.output;  // not sent to PostgreSQL
  EXPECT_TRUE(has(r, "[sqlx-vet-update-delete-without-where]")) << r.output;
  EXPECT_TRUE(has(r, "1 queries (1 SQLite queries skipped)")) << r.output;

  const auto on_sqlite = vet({"-D", "sqlite::memory:"}, false, false);
  EXPECT_EQ(on_sqlite.exit_code, 2) << on_sqlite.output;
  EXPECT_TRUE(has(on_sqlite, "vet lints PostgreSQL queries")) << on_sqlite.output;
}

TEST_F(vet_test, a_query_without_a_generic_plan_is_reported_and_the_others_still_run) {
  // EXPLAIN EXECUTE with NULL for a NOT NULL domain parameter fails.
  const auto content = source(R"src(
  auto domain = SQLX_QUERY("SELECT id FROM users WHERE team = $1::team_no", t);
  auto star = SQLX_QUERY("SELECT * FROM teams WHERE id = $1", id);)src");
  const auto r = vet();
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(has(r, at(content, "\"SELECT id") +
                         ": warning: no generic plan (domain team_no does not allow null values)"))
      << r.output;
  EXPECT_TRUE(has(r, at(content, "*") + ": warning: `*`")) << r.output;
}

TEST_F(vet_test, runs_in_a_read_only_session_and_changes_nothing) {
  // EXPLAIN without ANALYZE executes nothing: vet can run against a read-only replica.
  source(R"src(
  auto wipe = SQLX_QUERY("DELETE FROM payments");
  auto rename = SQLX_QUERY("UPDATE teams SET name = $1 WHERE id = $2", n, id);)src");
  const auto r = vet({"-D", *url_ + "?options=-c%20default_transaction_read_only%3Don"}, false,
                     /*with_url=*/false);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(has(r, "DELETE without WHERE deletes every row of `payments`")) << r.output;
  EXPECT_TRUE(has(r, "scans table `public.payments` sequentially")) << r.output;
  auto conn = sqlx::pg::connection::connect(*url_);
  const auto count = sqlx::pg::detail::exec_params(conn, "SELECT count(*) FROM payments");
  EXPECT_STREQ(PQgetvalue(count.get(), 0, 0), "30000");
}

TEST_F(vet_test, generic_plan_leaves_the_session_as_it_found_it) {
  auto conn = sqlx::pg::connection::connect(*url_);
  const auto ok = sqlx::core::vet::generic_plan(conn, "SELECT id FROM users WHERE name = $1");
  EXPECT_FALSE(ok.error);
  EXPECT_TRUE(ok.plan.is_array()) << ok.plan.dump();
  const auto rejected = sqlx::core::vet::generic_plan(conn, "SELECT nmae FROM users");
  ASSERT_TRUE(rejected.error);
  EXPECT_EQ(rejected.error->position, 8);  // in the query's text, not in the PREPARE around it
  const auto no_plan = sqlx::core::vet::generic_plan(conn, "SELECT 1 WHERE $1::team_no > 0");
  EXPECT_TRUE(no_plan.explain_error);
  // Not in a transaction, no statement left prepared, the plan cache mode back to its default.
  EXPECT_EQ(PQtransactionStatus(conn.native_handle()), PQTRANS_IDLE);
  const auto left = sqlx::pg::detail::exec_params(
      conn, "SELECT count(*), current_setting('plan_cache_mode') FROM pg_prepared_statements");
  EXPECT_STREQ(PQgetvalue(left.get(), 0, 0), "0");
  EXPECT_STREQ(PQgetvalue(left.get(), 0, 1), "auto");
}

TEST_F(vet_test, never_prints_the_password) {
  source(R"src(
    auto fine = SQLX_QUERY("SELECT 1");)src");
  const auto r = vet({"-D", "postgres://bob:s3cr3tpw@127.0.0.1:1/app?connect_timeout=2"}, false,
                     /*with_url=*/false);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_FALSE(has(r, "s3cr3tpw")) << r.output;
}

}  // namespace
