// Nullability inference without a server: a hand-built catalog, the edges of the contract
// (parse failures, column-count mismatches, the origin cross-check) and robustness on broken
// and pathological input. The labelled corpus against real data is
// tests/integration/nullability_corpus_test.cpp.
#include "describe/pg/nullability.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "describe/pg/catalog.hpp"

namespace {
using sqlx::core::catalog_relation;
using sqlx::core::column_origin;
using sqlx::core::nullability;
using sqlx::core::parsed_query;
using sqlx::core::relation_catalog;
using sqlx::core::relation_name;

constexpr auto no = nullability::not_null;
constexpr auto yes = nullability::nullable;
constexpr auto unknown = nullability::unknown;

constexpr std::uint32_t users_oid = 1001;
constexpr std::uint32_t orders_oid = 1002;
constexpr std::uint32_t accounts_oid = 1005;
constexpr std::uint32_t guarded_oid = 1006;

relation_catalog shop() {
  relation_catalog c;
  // users has a dropped column between name and email: email is attnum 4.
  c.add({"", "users"},
        catalog_relation{
            users_oid, 'r', {{"id", true, 1}, {"name", true, 2}, {"email", false, 4}}, "", {}});
  c.add({"", "orders"},
        catalog_relation{
            orders_oid, 'r', {{"id", true, 1}, {"user_id", false, 2}, {"total", true, 3}}, "", {}});
  c.add({"", "user_orders"},
        catalog_relation{1003,
                         'v',
                         {{"user_id", false, 1}, {"order_id", false, 2}},
                         " SELECT u.id AS user_id,\n    o.id AS order_id\n   FROM (users u\n"
                         "     LEFT JOIN orders o ON ((o.user_id = u.id)));",
                         {}});
  c.add({"", "remote"}, catalog_relation{1004, 'f', {{"id", true, 1}}, "", {}});
  // accounts.user_id is NOT NULL with a foreign key to users; accounts.referrer_id is nullable
  // with one; guarded (row-level security) is referenced by accounts.guard_id.
  c.add({"", "accounts"},
        catalog_relation{accounts_oid,
                         'r',
                         {{"id", true, 1},
                          {"user_id", true, 2},
                          {"referrer_id", false, 3},
                          {"guard_id", true, 4},
                          {"plain_user_id", true, 5}},
                         "",
                         {{users_oid, {{2, 1}}}, {users_oid, {{3, 1}}}, {guarded_oid, {{4, 1}}}}});
  c.add({"", "guarded"},
        catalog_relation{guarded_oid, 'r', {{"id", true, 1}, {"secret", true, 2}}, "", {}, true});
  return c;
}

std::vector<nullability> infer(const std::string& sql, std::size_t columns) {
  static const relation_catalog catalog = shop();
  const std::vector<column_origin> described(columns);
  return parsed_query(sql).infer(catalog, described);
}

using answers = std::vector<nullability>;

TEST(nullability, unparsable_text_is_all_unknown) {
  const parsed_query q("SELEC id FROM users");
  EXPECT_FALSE(q.ok());
  EXPECT_TRUE(q.referenced_relations().empty());
  EXPECT_EQ(q.infer(shop(), std::vector<column_origin>(2)), (answers{unknown, unknown}));
}

TEST(nullability, not_exactly_one_statement_is_all_unknown) {
  EXPECT_EQ(infer("", 1), (answers{unknown}));
  EXPECT_EQ(infer("SELECT 1; SELECT 2", 1), (answers{unknown}));
  EXPECT_EQ(infer("DELETE FROM users", 0), answers{});
}

TEST(nullability, wrong_column_count_is_all_unknown) {
  EXPECT_EQ(infer("SELECT id FROM users", 2), (answers{unknown, unknown}));
  EXPECT_EQ(infer("SELECT * FROM users", 2), (answers{unknown, unknown}));
}

TEST(nullability, referenced_relations_skip_cte_names) {
  const parsed_query q(
      "WITH x AS (SELECT * FROM users) "
      "INSERT INTO orders (id) SELECT 1 FROM x JOIN audit.events e ON true "
      "WHERE EXISTS (SELECT 1 FROM users)");
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q.referenced_relations(),
            (std::vector<relation_name>{{"", "orders"}, {"", "users"}, {"audit", "events"}}));
}

TEST(nullability, tables_joins_and_views) {
  EXPECT_EQ(infer("SELECT * FROM users", 3), (answers{no, no, yes}));
  EXPECT_EQ(infer("SELECT u.id, o.total FROM users u LEFT JOIN orders o ON o.user_id = u.id "
                  "ORDER BY o.total LIMIT 1",
                  2),
            (answers{no, yes}));
  EXPECT_EQ(infer("SELECT u.id, o.total FROM users u RIGHT JOIN orders o ON o.user_id = u.id", 2),
            (answers{yes, no}));
  EXPECT_EQ(infer("SELECT u.id, o.total FROM users u FULL JOIN orders o ON o.user_id = u.id", 2),
            (answers{yes, yes}));
  EXPECT_EQ(infer("SELECT * FROM user_orders", 2), (answers{no, yes}));
  EXPECT_EQ(infer("SELECT * FROM nowhere", 1), (answers{unknown}));
  EXPECT_EQ(infer("SELECT id FROM remote", 1), (answers{unknown}));  // foreign: not enforced
}

TEST(nullability, outer_joins_along_foreign_keys) {
  // A NOT NULL key with a foreign key always finds its row: the joined side keeps NOT NULL.
  EXPECT_EQ(infer("SELECT a.id, u.name FROM accounts a LEFT JOIN users u ON u.id = a.user_id", 2),
            (answers{no, no}));
  EXPECT_EQ(infer("SELECT u.name FROM users u RIGHT JOIN accounts a ON a.user_id = u.id", 1),
            (answers{no}));
  EXPECT_EQ(infer("SELECT a.id, u.name FROM accounts a FULL JOIN users u ON a.user_id = u.id", 2),
            (answers{yes, no}));  // users without accounts still extend `a`
  // Not exactly the key: a nullable key, another condition, no key, another column, a hidden
  // row (row-level security), a view or CTE or sample instead of the table.
  EXPECT_EQ(infer("SELECT u.name FROM accounts a LEFT JOIN users u ON u.id = a.referrer_id", 1),
            (answers{yes}));
  EXPECT_EQ(infer("SELECT u.name FROM accounts a LEFT JOIN users u ON u.id = a.user_id "
                  "AND u.name <> ''",
                  1),
            (answers{yes}));
  EXPECT_EQ(infer("SELECT u.name FROM accounts a LEFT JOIN users u ON u.id = a.plain_user_id", 1),
            (answers{yes}));
  EXPECT_EQ(infer("SELECT u.name FROM accounts a LEFT JOIN users u ON u.id = a.id", 1),
            (answers{yes}));
  EXPECT_EQ(infer("SELECT g.secret FROM accounts a LEFT JOIN guarded g ON g.id = a.guard_id", 1),
            (answers{yes}));
  EXPECT_EQ(infer("WITH u AS (SELECT * FROM users WHERE name <> '') SELECT u.name FROM accounts "
                  "a LEFT JOIN u ON u.id = a.user_id",
                  1),
            (answers{yes}));
  EXPECT_EQ(infer("SELECT u.name FROM accounts a LEFT JOIN users u TABLESAMPLE system (1) ON "
                  "u.id = a.user_id",
                  1),
            (answers{yes}));
  // The referencing row itself NULL-extended below: its key can be NULL.
  EXPECT_EQ(infer("SELECT u.name FROM users x LEFT JOIN accounts a ON a.id = x.id "
                  "LEFT JOIN users u ON u.id = a.user_id",
                  1),
            (answers{yes}));
  // ... and extended above: the whole inner join can be NULL.
  EXPECT_EQ(infer("SELECT u.name FROM users x LEFT JOIN (accounts a LEFT JOIN users u ON "
                  "u.id = a.user_id) ON a.id = x.id",
                  1),
            (answers{yes}));
}

TEST(nullability, system_columns) {
  EXPECT_EQ(infer("SELECT ctid, xmin, u.tableoid, u.cmax FROM users u", 4),
            (answers{no, no, no, no}));
  EXPECT_EQ(infer("SELECT o.ctid FROM users u LEFT JOIN orders o ON o.user_id = u.id", 1),
            (answers{yes}));
  EXPECT_EQ(infer("SELECT * FROM users", 3), (answers{no, no, yes}));  // not part of *
  // Ambiguous unqualified (two tables), a view (no system columns), a foreign table.
  EXPECT_EQ(infer("SELECT ctid FROM users u, orders o", 1), (answers{unknown}));
  EXPECT_EQ(infer("SELECT ctid FROM user_orders", 1), (answers{unknown}));
  EXPECT_EQ(infer("SELECT ctid FROM remote", 1), (answers{unknown}));
  EXPECT_EQ(infer("UPDATE users SET name = 'x' RETURNING ctid, xmax", 2), (answers{no, no}));
}

TEST(nullability, dml_returns_the_written_values) {
  // UPDATE ... RETURNING shows the new values: a WHERE about the old ones proves nothing.
  EXPECT_EQ(
      infer("UPDATE orders SET user_id = NULL WHERE user_id IS NOT NULL RETURNING user_id", 1),
      (answers{yes}));
  EXPECT_EQ(infer("UPDATE orders SET user_id = $1 WHERE user_id IS NOT NULL RETURNING user_id", 1),
            (answers{yes}));
  // ... and an assigned non-NULL value is not NULL; an unassigned column keeps the proof.
  EXPECT_EQ(infer("UPDATE users SET email = 'x' RETURNING email", 1), (answers{no}));
  EXPECT_EQ(infer("UPDATE users SET name = 'x' WHERE email IS NOT NULL RETURNING email", 1),
            (answers{no}));
  EXPECT_EQ(infer("UPDATE users SET email = coalesce(email, 'y') RETURNING email", 1),
            (answers{no}));
  EXPECT_EQ(infer("UPDATE users SET (email, name) = ('a', 'b') RETURNING email", 1),
            (answers{yes}));
  // INSERT: the values written, and the default of a column not written (none: NULL).
  EXPECT_EQ(infer("INSERT INTO users (id, name, email) VALUES (1, 'a', 'b') RETURNING email", 1),
            (answers{no}));
  EXPECT_EQ(infer("INSERT INTO users (id, name, email) VALUES (1, 'a', 'b'), (2, 'c', NULL) "
                  "RETURNING email",
                  1),
            (answers{yes}));
  EXPECT_EQ(infer("INSERT INTO users (id, name, email) VALUES (1, 'a', $1) RETURNING email", 1),
            (answers{yes}));
  EXPECT_EQ(infer("INSERT INTO users (id, name) VALUES (1, 'a') RETURNING email", 1),
            (answers{yes}));
  EXPECT_EQ(infer("INSERT INTO users VALUES (1, 'a', 'b') RETURNING email", 1), (answers{no}));
  EXPECT_EQ(infer("INSERT INTO users (id, name, email) SELECT id, name, name FROM users "
                  "RETURNING email",
                  1),
            (answers{no}));
  EXPECT_EQ(infer("INSERT INTO users (id, name, email) VALUES (1, 'a', 'b') ON CONFLICT (id) DO "
                  "UPDATE SET name = 'c' RETURNING email",
                  1),
            (answers{yes}));
}

TEST(nullability, expressions) {
  EXPECT_EQ(infer("SELECT count(*), max(id), $1::int, coalesce($1::int, 0) FROM users", 4),
            (answers{no, yes, yes, no}));
  EXPECT_EQ(infer("SELECT lower(name), lower(email), my_func(name) FROM users", 3),
            (answers{no, yes, unknown}));
  EXPECT_EQ(infer("SELECT ROW(id, email) = ROW(id, 'x'), (id, name) = (1, 'a') FROM users", 2),
            (answers{yes, no}));
}

// The server names the table column a result column comes from; a walk that disagrees
// answers unknown rather than trusting itself.
TEST(nullability, origin_cross_check) {
  const relation_catalog catalog = shop();
  const parsed_query q("SELECT email FROM users");
  EXPECT_EQ(q.infer(catalog, std::vector<column_origin>{{users_oid, 4}}), (answers{yes}));
  EXPECT_EQ(q.infer(catalog, std::vector<column_origin>{{0, 0}}), (answers{yes}));
  EXPECT_EQ(q.infer(catalog, std::vector<column_origin>{{users_oid, 3}}), (answers{unknown}));
  EXPECT_EQ(q.infer(catalog, std::vector<column_origin>{{orders_oid, 4}}), (answers{unknown}));
}

TEST(nullability, catalog_finds_by_name_and_oid) {
  const relation_catalog catalog = shop();
  ASSERT_NE(catalog.find(relation_name{"", "users"}), nullptr);
  EXPECT_EQ(catalog.find(relation_name{"", "users"}), catalog.find(users_oid));
  EXPECT_EQ(catalog.find(relation_name{"public", "users"}), nullptr);
  EXPECT_EQ(catalog.find(99), nullptr);
}

// Every prefix of some intricate queries: parse errors, odd trees, never a crash.
TEST(nullability, every_prefix_is_harmless) {
  const std::vector<std::string> queries = {
      "WITH RECURSIVE t(id, p) AS (SELECT id, NULL::bigint FROM users UNION ALL SELECT o.id, "
      "t.id FROM orders o JOIN t ON o.user_id = t.id) SEARCH DEPTH FIRST BY id SET ord "
      "SELECT t.*, (SELECT count(*) FROM t t2) FROM t LEFT JOIN LATERAL (SELECT * FROM "
      "user_orders uo WHERE uo.user_id = t.id) x ON true ORDER BY 1 LIMIT 5",
      "SELECT j.*, u2 FROM (users u JOIN orders o USING (id) AS x) AS j(a, b) NATURAL FULL JOIN "
      "users u2 WHERE j.a IN (SELECT 1 UNION SELECT NULL) AND x.id = ANY ($1) GROUP BY ROLLUP "
      "(1, 2)",
      "UPDATE users u SET email = o.total::text FROM orders o, generate_series(1, 2) g "
      "WHERE o.user_id = u.id RETURNING u.*, o.total, g, (SELECT max(id) FROM users)",
      "SELECT CASE WHEN a THEN b END, nullif(x, y), greatest(a, b, NULL), row_number() OVER w, "
      "lag(x, 1, 0) OVER (w ORDER BY y), x -> 'a' ->> 'b', (arr)[1:2], (r).f, $2 "
      "FROM unnest(ARRAY[1, NULL]) WITH ORDINALITY AS q(x, n) WINDOW w AS (PARTITION BY x)",
  };
  const relation_catalog catalog = shop();
  const std::vector<column_origin> described(4);
  for (const auto& sql : queries) {
    for (std::size_t n = 0; n <= sql.size(); ++n) {
      const parsed_query q(sql.substr(0, n));
      (void)q.referenced_relations();
      EXPECT_EQ(q.infer(catalog, described).size(), described.size());
    }
  }
}

TEST(nullability, deep_trees_are_harmless) {
  std::string sum = "SELECT 1";
  for (int i = 0; i < 3000; ++i) sum += " + 1";
  EXPECT_EQ(infer(sum, 1).size(), 1u);

  std::string nested = "SELECT id FROM users";
  for (int i = 0; i < 200; ++i) nested = "SELECT * FROM (" + nested + ") s";
  EXPECT_EQ(infer(nested, 1).size(), 1u);

  std::string cases = "1";
  for (int i = 0; i < 500; ++i) cases = "CASE WHEN true THEN " + cases + " END";
  EXPECT_EQ(infer("SELECT " + cases, 1), (answers{yes}));
}

}  // namespace

// Nested structs (docs/nested-structs.md): which outer-joined row's absence is the only way a
// column is NULL.
std::vector<std::string> outer_rows(const std::string& sql, std::size_t columns) {
  static const relation_catalog catalog = shop();
  const std::vector<column_origin> described(columns);
  std::vector<std::string> rows;
  (void)parsed_query(sql).infer(catalog, described, &rows);
  return rows;
}

using rows = std::vector<std::string>;

TEST(nullability, outer_rows_of_plain_not_null_columns_of_an_outer_joined_item) {
  // o.id and o.total are NOT NULL in orders: NULL only when o's row is missing; o.user_id is
  // nullable in its table (unless the ON clause proves it); u is not outer-joined.
  EXPECT_EQ(outer_rows("SELECT u.id, o.id, o.user_id, o.total FROM users u "
                       "LEFT JOIN orders o ON o.id = u.id",
                       4),
            (rows{"", "o", "", "o"}));
  EXPECT_EQ(outer_rows("SELECT o.user_id FROM users u LEFT JOIN orders o ON o.user_id = u.id", 1),
            (rows{"o"}));
  // Expressions, and a second outer-joined row, are not the key's row.
  EXPECT_EQ(outer_rows("SELECT o.id + 1, o2.id FROM users u LEFT JOIN orders o ON o.user_id = u.id "
                       "LEFT JOIN orders o2 ON o2.user_id = u.id",
                       2),
            (rows{"", "o2"}));
  // A subquery's not-null column counts; a UNION, grouping sets and inner joins do not.
  EXPECT_EQ(outer_rows("SELECT s.id FROM users u LEFT JOIN (SELECT id, user_id FROM orders) s "
                       "ON s.user_id = u.id",
                       1),
            (rows{"s"}));
  EXPECT_EQ(outer_rows("SELECT o.id FROM users u LEFT JOIN orders o ON o.user_id = u.id "
                       "UNION ALL SELECT id FROM orders",
                       1),
            (rows{""}));
  EXPECT_EQ(outer_rows("SELECT o.id FROM users u LEFT JOIN orders o ON o.user_id = u.id "
                       "GROUP BY GROUPING SETS ((o.id), ())",
                       1),
            (rows{""}));
  EXPECT_EQ(outer_rows("SELECT o.id FROM users u JOIN orders o ON o.user_id = u.id", 1),
            (rows{""}));
  // Through an aliased join: its row, as a whole, is the one outer-joined.
  EXPECT_EQ(outer_rows("SELECT j.total FROM users u LEFT JOIN (orders o CROSS JOIN guarded g) j "
                       "ON true LEFT JOIN (orders o CROSS JOIN guarded h) k ON true",
                       1),
            (rows{"j"}));
}
