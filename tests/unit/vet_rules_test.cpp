// sqlcheck vet's pieces that need no server: the parse-tree rules (with a hand-made
// catalog), the plan walk, silencing directives, the configuration and the SARIF writer.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/test_cluster.hpp"
#include "vet/config.hpp"
#include "vet/foreign_keys.hpp"
#include "vet/generic_plan.hpp"
#include "vet/report.hpp"
#include "vet/rule.hpp"
#include "vet/silencing.hpp"

namespace {
using namespace sqlx::core;
using namespace sqlx::core::vet;

catalog_relation table(std::uint32_t oid, std::vector<catalog_column> columns) {
  catalog_relation r;  // by member: catalog_relation gains fields over time
  r.oid = oid;
  r.columns = std::move(columns);
  return r;
}

relation_catalog shop_catalog() {
  relation_catalog catalog;
  catalog.add({"", "users"}, table(10, {{"id", true, 1}, {"email", false, 2}}));
  catalog.add({"", "orders"},
              table(20, {{"id", true, 1}, {"user_id", true, 2}, {"note", false, 3}}));
  return catalog;
}

foreign_key orders_user_fk(bool indexed) {
  foreign_key key;
  key.name = "orders_user_id_fkey";
  key.referencing = 20;
  key.referenced = 10;
  key.referencing_name = "orders";
  key.referenced_name = "users";
  key.columns = {2};
  key.referenced_columns = {1};
  key.column_names = {"user_id"};
  key.referenced_column_names = {"id"};
  key.indexed = indexed;
  return key;
}

// Runs one rule on `sql` without a server (no plan, no connection).
std::vector<finding> run(std::string_view rule_name, const std::string& sql,
                         bool indexed_key = false) {
  const nullability_detail::pg_tree tree(sql);
  EXPECT_TRUE(tree.ok()) << sql;
  const relation_catalog catalog = shop_catalog();
  const std::vector<foreign_key> keys{orders_user_fk(indexed_key)};
  const nlohmann::json plan;
  const vet_config config;
  const query_context q{sql, tree.statement(), catalog, keys, plan, nullptr, config};
  std::vector<finding> out;
  const rule* r = find_rule(rule_name);
  EXPECT_NE(r, nullptr) << rule_name;
  if (r != nullptr) r->check(q, out);
  return out;
}

TEST(vet_rules, update_delete_without_where) {
  const auto found = run("update-delete-without-where", "UPDATE users SET email = NULL");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].offset, 7u);  // at `users`
  EXPECT_NE(found[0].message.find("every row of `users`"), std::string::npos);
  EXPECT_EQ(run("update-delete-without-where",
                "WITH d AS (DELETE FROM orders RETURNING id) SELECT count(*) FROM d")
                .size(),
            1u);
  EXPECT_TRUE(run("update-delete-without-where", "DELETE FROM orders WHERE id = $1").empty());
  EXPECT_TRUE(
      run("update-delete-without-where", "UPDATE users SET email = $2 WHERE id = $1").empty());
}

TEST(vet_rules, equals_null) {
  const auto found = run("equals-null", "SELECT id FROM users WHERE email = NULL");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].offset, 33u);  // the operator
  EXPECT_EQ(run("equals-null", "SELECT id FROM users WHERE NULL::text <> email").size(), 1u);
  EXPECT_EQ(run("equals-null", "SELECT id FROM users WHERE email != NULL").size(), 1u);
  EXPECT_TRUE(run("equals-null", "SELECT id FROM users WHERE email IS NULL").empty());
  EXPECT_TRUE(run("equals-null", "UPDATE users SET email = NULL WHERE id = $1").empty());
  EXPECT_TRUE(run("equals-null", "SELECT id FROM users WHERE email IS DISTINCT FROM NULL").empty());
}

TEST(vet_rules, select_star) {
  auto found = run("select-star", "SELECT * FROM users");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].offset, 7u);
  found = run("select-star", "SELECT u.* FROM users u");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_NE(found[0].message.find("`u.*`"), std::string::npos);
  EXPECT_EQ(run("select-star", "DELETE FROM users WHERE id = $1 RETURNING *").size(), 1u);
  EXPECT_TRUE(run("select-star", "SELECT count(*) FROM users").empty());
  EXPECT_TRUE(
      run("select-star",
          "SELECT id FROM users u WHERE EXISTS (SELECT * FROM orders o WHERE o.user_id = u.id)")
          .empty());
}

TEST(vet_rules, not_in_nullable) {
  auto found = run("not-in-nullable",
                   "SELECT id FROM orders WHERE id NOT IN (SELECT email::int8 FROM users)");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_NE(found[0].message.find("can be NULL"), std::string::npos);
  EXPECT_TRUE(
      run("not-in-nullable", "SELECT id FROM orders WHERE user_id NOT IN (SELECT id FROM users)")
          .empty());
  EXPECT_TRUE(run("not-in-nullable",
                  "SELECT id FROM orders WHERE id NOT IN (SELECT note::int8 FROM orders WHERE note "
                  "IS NOT NULL)")
                  .empty());
  // A correlated subquery's own column is judged all the same.
  EXPECT_TRUE(run("not-in-nullable",
                  "SELECT id FROM users u WHERE id NOT IN (SELECT o.user_id FROM orders o WHERE "
                  "o.note = u.email)")
                  .empty());
  // The statement's CTEs are seen from the subquery.
  EXPECT_TRUE(run("not-in-nullable",
                  "WITH x AS (SELECT id FROM users) SELECT id FROM orders WHERE user_id NOT IN "
                  "(SELECT id FROM x)")
                  .empty());
  found = run("not-in-nullable",
              "WITH x AS (SELECT email FROM users) SELECT id FROM users WHERE email NOT IN (SELECT "
              "email FROM x)");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_NE(found[0].message.find("can be NULL"), std::string::npos);
  // Not NOT IN: IN over a nullable column is fine.
  EXPECT_TRUE(
      run("not-in-nullable", "SELECT id FROM orders WHERE id IN (SELECT email::int8 FROM users)")
          .empty());
  // <> ALL is NOT IN.
  EXPECT_EQ(run("not-in-nullable",
                "SELECT id FROM orders WHERE id <> ALL (SELECT email::int8 FROM users)")
                .size(),
            1u);
  // An unknown table: not provably NOT NULL, reported.
  found = run("not-in-nullable", "SELECT id FROM orders WHERE id NOT IN (SELECT x FROM elsewhere)");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_NE(found[0].message.find("not known to be NOT NULL"), std::string::npos);
  EXPECT_EQ(run("not-in-nullable", "SELECT id FROM users WHERE id NOT IN (1, NULL)").size(), 1u);
  EXPECT_TRUE(run("not-in-nullable", "SELECT id FROM users WHERE id NOT IN (1, 2)").empty());
}

TEST(vet_rules, unindexed_foreign_key_join) {
  const std::string join =
      "SELECT u.id FROM users u JOIN orders o ON o.user_id = u.id WHERE u.id = $1";
  auto found = run("unindexed-foreign-key-join", join);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].offset, join.find("o.user_id"));
  EXPECT_NE(found[0].message.find("CREATE INDEX ON orders (user_id)"), std::string::npos);
  EXPECT_TRUE(run("unindexed-foreign-key-join", join, /*indexed_key=*/true).empty());
  // A join written in WHERE, unqualified columns where they are unique.
  EXPECT_EQ(run("unindexed-foreign-key-join",
                "SELECT email FROM users, orders o WHERE user_id = users.id AND o.id = $1")
                .size(),
            1u);
  // A correlated subquery joins to the enclosing level's table.
  EXPECT_EQ(
      run("unindexed-foreign-key-join",
          "SELECT id FROM users u WHERE EXISTS (SELECT 1 FROM orders o WHERE o.user_id = u.id)")
          .size(),
      1u);
  EXPECT_EQ(
      run("unindexed-foreign-key-join",
          "SELECT id FROM users WHERE id IN (SELECT user_id FROM orders WHERE user_id = users.id)")
          .size(),
      1u);
  // Not the key's columns.
  EXPECT_TRUE(
      run("unindexed-foreign-key-join", "SELECT u.id FROM users u JOIN orders o ON o.id = u.id")
          .empty());
  EXPECT_TRUE(
      run("unindexed-foreign-key-join", "SELECT id FROM orders WHERE user_id = $1").empty());
}

TEST(vet_plan, walks_every_node_of_the_plan_tree) {
  const auto explain = nlohmann::json::parse(R"([{"Plan": {"Node Type": "Result",
    "Plans": [
      {"Node Type": "Aggregate", "Parent Relationship": "InitPlan",
       "Plans": [{"Node Type": "Seq Scan", "Relation Name": "a", "Parent Relationship": "Outer"}]},
      {"Node Type": "Hash Join", "Parent Relationship": "Outer",
       "Plans": [{"Node Type": "Index Scan", "Relation Name": "b"},
                 {"Node Type": "Hash", "Plans": [{"Node Type": "Seq Scan", "Relation Name": "c",
                   "Plans": [{"Node Type": "Seq Scan", "Relation Name": "d",
                              "Parent Relationship": "SubPlan"}]}]}]}]}}])");
  std::vector<std::string> seen;
  for_each_plan_node(explain, [&](const nlohmann::json& node, std::string_view within) {
    if (node.value("Node Type", "") == "Seq Scan") {
      seen.push_back(node.value("Relation Name", "") + "/" + std::string(within));
    }
  });
  EXPECT_EQ(seen, (std::vector<std::string>{"a/InitPlan", "c/", "d/SubPlan"}));
}

TEST(vet_silencing, directives) {
  EXPECT_EQ(directive_rules("-- sqlx-vet: ignore=seq-scan,select-star"),
            (rule_set{"seq-scan", "select-star"}));
  EXPECT_EQ(directive_rules("/* sqlx-vet:ignore=all */"), (rule_set{"all"}));
  EXPECT_TRUE(directive_rules("-- sqlx-vet: check=seq-scan").empty());
  EXPECT_EQ(ignored_in_sql("SELECT 1 -- sqlx-vet: ignore=select-star\n"),
            (rule_set{"select-star"}));
  EXPECT_EQ(ignored_in_sql("SELECT /* sqlx-vet: ignore=seq-scan */ 1"), (rule_set{"seq-scan"}));
  // In a string literal it is data, not a directive.
  EXPECT_TRUE(ignored_in_sql("SELECT '-- sqlx-vet: ignore=all'").empty());
  EXPECT_EQ(ignored_in_source_line("  // sqlx-vet: ignore=equals-null"), (rule_set{"equals-null"}));
  EXPECT_EQ(ignored_in_source_line("auto q = f(); /* sqlx-vet: ignore=all */"), (rule_set{"all"}));
  EXPECT_TRUE(ignored_in_source_line("auto q = SQLX_QUERY(\"SELECT 1\");").empty());
  EXPECT_TRUE(silences({"all"}, "seq-scan"));
  EXPECT_FALSE(silences({"select-star"}, "seq-scan"));
}

TEST(vet_config, levels_from_file_and_flags) {
  vet_config config;
  EXPECT_EQ(config.level_of("select-star"), level::warning);
  EXPECT_EQ(config.level_of("equals-null"), level::error);
  sqlx::test::temp_dir dir;
  const auto file = dir.path() / "vet.json";
  sqlx::test::write_file(file, R"({
    // comments are allowed
    "rules": {"select-star": "off", "seq-scan": "error"},
    "seq-scan": {"min-rows": 500, "min-pages": 7}
  })");
  config.load_file(file);
  EXPECT_EQ(config.level_of("select-star"), level::off);
  EXPECT_EQ(config.level_of("seq-scan"), level::error);
  EXPECT_EQ(config.seq_scan.min_rows, 500);
  EXPECT_EQ(config.seq_scan.min_pages, 7);
  config.apply_flag("select-star=error");
  EXPECT_EQ(config.level_of("select-star"), level::error);
  EXPECT_THROW(config.apply_flag("no-such-rule=off"), config_error);
  EXPECT_THROW(config.apply_flag("select-star=loud"), config_error);
  EXPECT_THROW(config.apply_flag("select-star"), config_error);
  for (const std::string bad : {R"({"rules": {"nope": "off"}})", R"({"rules": {"seq-scan": 1}})",
                                R"({"seq-scan": {"min-rows": -1}})", R"({"other": 1})", "{"}) {
    sqlx::test::write_file(file, bad);
    try {
      config.load_file(file);
      ADD_FAILURE() << "accepted " << bad;
    } catch (const config_error& e) {
      EXPECT_NE(std::string(e.what()).find(file.string()), std::string::npos) << e.what();
    }
  }
}

TEST(vet_report, gcc_line_and_sarif) {
  reported_finding f{"src/a b.cpp", {3, 14}, 12, {"select-star", "msg", level::warning, 0}};
  EXPECT_EQ(gcc_line(f), "src/a b.cpp:3:14: warning: msg [sqlx-vet-select-star]");
  vet_config config;
  config.set_level("seq-scan", level::off);
  const auto log = nlohmann::json::parse(sarif_log(std::vector{f}, config));
  EXPECT_EQ(log["version"], "2.1.0");
  const auto& run = log["runs"][0];
  const auto& rules = run["tool"]["driver"]["rules"];
  ASSERT_TRUE(rules.is_array());
  bool found_rule = false;
  for (const auto& r : rules) {
    if (r["id"] == "sqlx-vet-seq-scan") {
      EXPECT_EQ(r["defaultConfiguration"]["enabled"], false);
    }
    found_rule = found_rule || r["id"] == "sqlx-vet-select-star";
  }
  EXPECT_TRUE(found_rule);
  const auto& result = run["results"][0];
  EXPECT_EQ(result["ruleId"], "sqlx-vet-select-star");
  EXPECT_EQ(rules[result["ruleIndex"].get<std::size_t>()]["id"], "sqlx-vet-select-star");
  EXPECT_EQ(result["level"], "warning");
  EXPECT_EQ(result["message"]["text"], "msg");
  const auto& where = result["locations"][0]["physicalLocation"];
  EXPECT_EQ(where["artifactLocation"]["uri"], "src/a%20b.cpp");
  EXPECT_EQ(where["region"]["startLine"], 3);
  EXPECT_EQ(where["region"]["startColumn"], 12);
}

TEST(vet_report, uris_and_utf16_columns) {
  EXPECT_EQ(artifact_uri("/tmp/x#1.cpp"), "file:///tmp/x%231.cpp");
  EXPECT_EQ(utf16_column("ab", 2), 2u);
  EXPECT_EQ(utf16_column("\xc3\xa9 x", 4), 3u);         // é is 2 bytes, 1 unit
  EXPECT_EQ(utf16_column("\xf0\x9f\x98\x80x", 5), 3u);  // an emoji: 4 bytes, 2 units
}

}  // namespace

namespace {

TEST(vet_silencing, comments_above_the_macro_within_its_statement) {
  const std::vector<std::string_view> file{
      "int a = f();  // sqlx-vet: ignore=equals-null",  // 1: ends a statement
      "// sqlx-vet: ignore=select-star",                // 2
      "auto q =",                                       // 3
      "    SQLX_QUERY(\"SELECT * FROM t\");",           // 4: the macro
      "// sqlx-vet: ignore=seq-scan",                   // 5
      "x();",                                           // 6
      "auto r = SQLX_QUERY(\"SELECT 1\");",             // 7
  };
  auto line = [&](std::uint32_t n) { return n >= 1 && n <= file.size() ? file[n - 1] : ""; };
  EXPECT_EQ(sqlx::core::vet::ignored_above(line, 4), (sqlx::core::vet::rule_set{"select-star"}));
  EXPECT_TRUE(sqlx::core::vet::ignored_above(line, 7).empty());
  EXPECT_EQ(sqlx::core::vet::ignored_above(line, 6), (sqlx::core::vet::rule_set{"seq-scan"}));
  // The first line: its own comment, nothing above.
  EXPECT_EQ(sqlx::core::vet::ignored_above(line, 1), (sqlx::core::vet::rule_set{"equals-null"}));
}

}  // namespace
