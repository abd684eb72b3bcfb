// The SQLite structural parser and the nullability / type rules, one rule per test, against a
// real database file (the schema comes from it; nothing else is mocked).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "describe/sqlite/analysis.hpp"
#include "describe/sqlite/describe.hpp"
#include "describe/sqlite/lexer.hpp"
#include "describe/sqlite/parser.hpp"
#include "support/sqlite_file.hpp"

namespace {

using sqlx::core::query_description;
using sqlx::test::sqlite_file;

constexpr const char* k_schema = R"sql(
CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT, age INT4,
                    active BOOLEAN NOT NULL DEFAULT 1, created DATETIME NOT NULL, score REAL,
                    balance NUMERIC);
CREATE TABLE posts (id INTEGER PRIMARY KEY AUTOINCREMENT, user_id INTEGER REFERENCES users(id),
                    title TEXT NOT NULL, body TEXT, data BLOB);
CREATE TABLE kv (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID;
CREATE TABLE loose (a, b INT PRIMARY KEY);
CREATE VIEW active_users AS SELECT id, name, email FROM users WHERE active;
CREATE VIEW user_posts (uid, title) AS SELECT u.id, p.title FROM users u LEFT JOIN posts p
                                          ON p.user_id = u.id;
)sql";

class sqlite_describe : public ::testing::Test {
 protected:
  void SetUp() override { file_.exec(k_schema); }

  query_description describe(const std::string& sql) {
    sqlx::core::sqlite::schema_catalog catalog(file_.db());
    auto r = sqlx::core::sqlite::describe_query(file_.db(), catalog, sql);
    if (r.error) ADD_FAILURE() << sql << ": " << r.error->message;
    return r.description.value_or(query_description{});
  }

  // "!" not null, "?" nullable, "~" unknown, one per column.
  std::string nulls(const std::string& sql) {
    std::string out;
    for (const auto& c : describe(sql).columns) out += !c.nullable ? '~' : *c.nullable ? '?' : '!';
    return out;
  }

  std::vector<std::string> types(const std::string& sql) {
    std::vector<std::string> out;
    for (const auto& c : describe(sql).columns) out.push_back(c.type.type_info.get<std::string>());
    return out;
  }

  std::vector<std::string> parameter_types(const std::string& sql) {
    std::vector<std::string> out;
    for (const auto& p : describe(sql).parameters) out.push_back(p.type_name);
    return out;
  }

  sqlite_file file_;
};

TEST(sqlite_lexer, numbers_parameters_as_sqlite_does) {
  const auto tokens = sqlx::core::sqlite::tokenize("SELECT ?, ?5, :a, ?, @b, :a, $c::d, ?2 -- x");
  std::vector<int> indexes;
  for (const auto& t : tokens) {
    if (t.kind == sqlx::core::sqlite::token_kind::parameter) indexes.push_back(t.parameter);
  }
  EXPECT_EQ(indexes, (std::vector<int>{1, 5, 6, 7, 8, 6, 9, 2}));
}

TEST(sqlite_lexer, quoting_and_comments) {
  const auto tokens =
      sqlx::core::sqlite::tokenize("SELECT \"a\"\"b\", [c d], `e`, 'it''s', x'0aff' /* c */ --");
  ASSERT_GE(tokens.size(), 10u);
  EXPECT_EQ(tokens[1].text, "a\"b");
  EXPECT_EQ(tokens[3].text, "c d");
  EXPECT_EQ(tokens[5].text, "e");
  EXPECT_EQ(tokens[7].text, "it's");
  EXPECT_EQ(tokens[9].kind, sqlx::core::sqlite::token_kind::blob);
}

TEST(sqlite_parser, statements_it_models) {
  using sqlx::core::sqlite::parse_statement;
  for (const char* sql : {
           "SELECT a FROM t",
           "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c LIMIT 5) SELECT n FROM "
           "c",
           "SELECT a.x, b.* FROM a NATURAL LEFT OUTER JOIN b USING (y) WHERE a.z NOT BETWEEN 1 AND "
           "2",
           "SELECT count(*) FILTER (WHERE x > 1) OVER (PARTITION BY y ROWS 1 PRECEDING) FROM t",
           "SELECT CASE WHEN x THEN 'a' ELSE CAST(y AS TEXT) END, x IS NOT DISTINCT FROM y FROM t",
           "INSERT OR REPLACE INTO t (a, b) VALUES (?, ?), (1, 2) ON CONFLICT (a) DO UPDATE SET "
           "b = excluded.b WHERE b IS NULL RETURNING *",
           "UPDATE t AS x SET (a, b) = (1, 2), c = ? FROM u WHERE u.id = x.id RETURNING a, c",
           "DELETE FROM main.t INDEXED BY i WHERE a IN (SELECT b FROM u) RETURNING a AS \"a!\"",
           "SELECT x ->> '$.a', y -> 'b' FROM t ORDER BY 1 DESC NULLS LAST LIMIT ? OFFSET ?",
           "VALUES (1, 'a'), (2, NULL)",
       }) {
    EXPECT_TRUE(parse_statement(sql).has_value()) << sql;
  }
}

TEST_F(sqlite_describe, table_columns_from_the_schema) {
  EXPECT_EQ(nulls("SELECT id, name, email, active FROM users"), "!!?!");
  // A rowid table's INTEGER PRIMARY KEY is the rowid: never NULL; another PRIMARY KEY may be.
  EXPECT_EQ(nulls("SELECT b, rowid FROM loose"), "?!");
  // A WITHOUT ROWID table's key is NOT NULL.
  EXPECT_EQ(nulls("SELECT k, v FROM kv"), "!?");
  EXPECT_EQ(nulls("SELECT * FROM posts"), "!?!??");
}

TEST_F(sqlite_describe, types_as_sqlx_spells_them) {
  EXPECT_EQ(types("SELECT id, name, age, active, created, score, balance FROM users"),
            (std::vector<std::string>{"Integer", "Text", "Int4", "Bool", "Datetime", "Float",
                                      "Numeric"}));
  EXPECT_EQ(types("SELECT data, a FROM posts, loose"), (std::vector<std::string>{"Blob", "Null"}));
  EXPECT_EQ(types("SELECT count(*), 1.5, 'x', upper(name), NULL, avg(age) FROM users"),
            (std::vector<std::string>{"Integer", "Float", "Text", "Text", "Null", "Float"}));
  const auto d = describe("SELECT id AS uid FROM users");
  EXPECT_EQ(d.columns[0].origin, "main.users.id");
  EXPECT_EQ(d.columns[0].type.type_name, "INTEGER");
  EXPECT_EQ(d.db, sqlx::core::database::sqlite);
}

TEST_F(sqlite_describe, outer_joins_make_a_side_nullable) {
  EXPECT_EQ(nulls("SELECT u.name, p.title FROM users u LEFT JOIN posts p ON p.user_id = u.id"),
            "!?");
  EXPECT_EQ(nulls("SELECT u.name, p.title FROM users u RIGHT JOIN posts p ON p.user_id = u.id"),
            "?!");
  EXPECT_EQ(nulls("SELECT u.name, p.title FROM users u FULL JOIN posts p ON p.user_id = u.id"),
            "??");
  EXPECT_EQ(nulls("SELECT u.name, p.title FROM users u JOIN posts p ON p.user_id = u.id"), "!!");
  // A WHERE that drops NULLs of the outer side.
  EXPECT_EQ(nulls("SELECT p.title FROM users u LEFT JOIN posts p ON p.user_id = u.id "
                  "WHERE p.title IS NOT NULL"),
            "!");
}

// Nested structs (docs/nested-structs.md): a path-labelled column records the outer-joined item
// whose missing row is the only way it is NULL.
TEST_F(sqlite_describe, outer_rows_of_path_labelled_columns) {
  const auto rows = [&](const std::string& sql) {
    std::vector<std::string> out;
    for (const auto& c : describe(sql).columns) out.push_back(c.outer_row);
    return out;
  };
  using v = std::vector<std::string>;
  // p.title is NOT NULL in posts, p.body is not; u is not outer-joined; unlabelled: nothing.
  EXPECT_EQ(
      rows("SELECT u.name AS \"u.name\", p.id AS \"p.id\", p.title AS \"p.title\", "
           "p.body AS \"p.body\", p.title FROM users u LEFT JOIN posts p ON p.user_id = u.id"),
      (v{"", "p", "p", "", ""}));
  // Expressions, aggregates, compounds, another level's rows: nothing.
  EXPECT_EQ(rows("SELECT upper(p.title) AS \"p.t\" FROM users u LEFT JOIN posts p ON true"),
            (v{""}));
  EXPECT_EQ(rows("SELECT max(p.title) AS \"p.t\" FROM users u LEFT JOIN posts p ON true"), (v{""}));
  EXPECT_EQ(rows("SELECT p.title AS \"p.t\" FROM users u LEFT JOIN posts p ON true "
                 "UNION ALL SELECT title FROM posts"),
            (v{""}));
  EXPECT_EQ(rows("SELECT s.title AS \"s.t\" FROM users u LEFT JOIN "
                 "(SELECT x.title FROM users y LEFT JOIN posts x ON true) s ON true"),
            (v{""}));
  EXPECT_EQ(rows("SELECT s.title AS \"s.t\" FROM users u LEFT JOIN "
                 "(SELECT title FROM posts) s ON true"),
            (v{"s"}));
}

TEST_F(sqlite_describe, views_are_recursed_into) {
  EXPECT_EQ(nulls("SELECT * FROM active_users"), "!!?");
  EXPECT_EQ(nulls("SELECT uid, title FROM user_posts"), "!?");
}

TEST_F(sqlite_describe, aggregates) {
  EXPECT_EQ(nulls("SELECT count(*), count(email), total(score) FROM users"), "!!!");
  // Over no input sum/max/min are NULL; so is a bare column.
  EXPECT_EQ(nulls("SELECT sum(id), max(name), min(id), name FROM users"), "????");
  // With GROUP BY every group has a row: NULL only from the values.
  EXPECT_EQ(nulls("SELECT name, max(id), sum(score) FROM users GROUP BY name"), "!!?");
  EXPECT_EQ(nulls("SELECT max(id) FILTER (WHERE age > 3) FROM users GROUP BY name"), "?");
}

TEST_F(sqlite_describe, functions_and_operators) {
  EXPECT_EQ(nulls("SELECT coalesce(email, name), ifnull(email, 'x'), nullif(name, 'a') FROM users"),
            "!!?");
  EXPECT_EQ(nulls("SELECT name || email, id + 1, id / 2, id / age, id % 0 FROM users"), "?!!??");
  EXPECT_EQ(nulls("SELECT email IS NULL, email IS 'x', typeof(email), quote(email) FROM users"),
            "!!!!");
  EXPECT_EQ(nulls("SELECT CASE WHEN age > 1 THEN name ELSE 'x' END, CASE WHEN age > 1 THEN name "
                  "END, CASE age WHEN 1 THEN email ELSE name END FROM users"),
            "!??");
}

TEST_F(sqlite_describe, subqueries) {
  EXPECT_EQ(nulls("SELECT (SELECT name FROM users u2 WHERE u2.id = u.id), "
                  "(SELECT count(*) FROM posts p WHERE p.user_id = u.id), "
                  "EXISTS (SELECT 1 FROM posts) FROM users u"),
            "?!!");
  EXPECT_EQ(nulls("SELECT s.n FROM (SELECT name AS n FROM users) AS s"), "!");
}

TEST_F(sqlite_describe, ctes_and_compounds) {
  EXPECT_EQ(nulls("WITH c AS (SELECT id, email FROM users) SELECT id, email FROM c"), "!?");
  EXPECT_EQ(nulls("SELECT name FROM users UNION SELECT body FROM posts"), "?");
  EXPECT_EQ(nulls("SELECT name FROM users INTERSECT SELECT body FROM posts"), "!");
  EXPECT_EQ(nulls("WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 5) "
                  "SELECT n FROM c"),
            "!");
  EXPECT_EQ(nulls("WITH RECURSIVE c(n, m) AS (SELECT 1, 1 UNION ALL SELECT n + 1, NULL FROM c "
                  "WHERE n < 5) SELECT n, m FROM c"),
            "!?");
}

TEST_F(sqlite_describe, returning) {
  EXPECT_EQ(nulls("INSERT INTO users (name, created) VALUES (?, ?) RETURNING id, name, email"),
            "!!?");
  EXPECT_EQ(nulls("UPDATE users SET email = 'x' WHERE id = ? RETURNING email, score"), "!?");
  EXPECT_EQ(nulls("UPDATE users SET email = NULL WHERE email IS NOT NULL RETURNING email"), "?");
  EXPECT_EQ(nulls("DELETE FROM posts WHERE body IS NOT NULL RETURNING body, data"), "!?");
  // RETURNING * is the target's columns, not those of UPDATE ... FROM's tables.
  EXPECT_EQ(nulls("UPDATE kv SET v = u.email FROM users u WHERE u.id = 1 RETURNING *"), "!?");
}

TEST_F(sqlite_describe, parameter_types_where_the_sql_says_them) {
  EXPECT_EQ(
      parameter_types("SELECT id FROM users WHERE name = ? AND age > ?2 AND id IN (?, ?) "
                      "LIMIT ? OFFSET ?"),
      (std::vector<std::string>{"TEXT", "INTEGER", "INTEGER", "INTEGER", "INTEGER", "INTEGER"}));
  EXPECT_EQ(parameter_types("INSERT INTO users (name, created, score) VALUES (?, ?, ?)"),
            (std::vector<std::string>{"TEXT", "DATETIME", "REAL"}));
  EXPECT_EQ(parameter_types("UPDATE users SET active = :a, email = @e WHERE id = $id"),
            (std::vector<std::string>{"BOOLEAN", "TEXT", "INTEGER"}));
  EXPECT_EQ(parameter_types("SELECT CAST(? AS REAL), ?, coalesce(score, ?) FROM users"),
            (std::vector<std::string>{"REAL", "", "REAL"}));
  EXPECT_EQ(parameter_types("INSERT INTO users (name, created) SELECT ?, ? ON CONFLICT (id) DO "
                            "UPDATE SET score = ? WHERE true"),
            (std::vector<std::string>{"TEXT", "DATETIME", "REAL"}));
  EXPECT_EQ(parameter_types("SELECT id FROM users WHERE ? IN (SELECT user_id FROM posts) AND "
                            "email LIKE ? AND id BETWEEN ? AND ? AND score IS ?"),
            (std::vector<std::string>{"INTEGER", "TEXT", "INTEGER", "INTEGER", "REAL"}));
  // Two different answers: none.
  EXPECT_EQ(parameter_types("SELECT id FROM users WHERE name = ?1 OR id = ?1"),
            (std::vector<std::string>{""}));
}

TEST_F(sqlite_describe, errors_name_sqlite_message_and_offset) {
  sqlx::core::sqlite::schema_catalog catalog(file_.db());
  auto r = sqlx::core::sqlite::describe_query(file_.db(), catalog, "SELECT nme FROM users");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->message, "no such column: nme");
  EXPECT_EQ(r.error->position, 8);
  r = sqlx::core::sqlite::describe_query(file_.db(), catalog, "SELECT 1; SELECT 2");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->position, 11);
  r = sqlx::core::sqlite::describe_query(file_.db(), catalog, "  -- nothing");
  ASSERT_TRUE(r.error);
}

}  // namespace

namespace {

// The analysis never trusts its input: every prefix of intricate statements (text SQLite would
// reject, which only a view's definition could bring) parses or fails cleanly, and answers
// nothing it cannot back.
TEST_F(sqlite_describe, every_prefix_of_intricate_statements_is_handled) {
  const std::vector<std::string> statements = {
      "WITH RECURSIVE c(n, m) AS (SELECT 1, NULL UNION ALL SELECT n + 1, (SELECT max(id) FROM "
      "users WHERE id < c.n) FROM c WHERE n < 5) SELECT c.n, u.name, p.title FROM c LEFT JOIN "
      "users u ON u.id = c.n FULL JOIN posts p USING (id) WHERE p.body LIKE ? ESCAPE '\\' "
      "GROUP BY 1 HAVING count(*) > ?2 ORDER BY 2 DESC NULLS LAST LIMIT ?3, ?4",
      "INSERT INTO users AS u (name, created) SELECT title, CURRENT_TIMESTAMP FROM posts WHERE "
      "id IN (SELECT value FROM json_each(?)) ON CONFLICT (id) DO UPDATE SET name = "
      "excluded.name || u.name WHERE u.email IS NOT NULL RETURNING *, rowid AS r",
      "SELECT CASE WHEN x.a THEN CAST(x.b AS REAL) ELSE -x.c END, sum(x.a) FILTER (WHERE x.b "
      "NOT BETWEEN 1 AND 2) OVER (PARTITION BY x.c ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) "
      "FROM (VALUES (1, 2, 3), (NULL, 'x', x'00')) AS x(a, b, c)",
  };
  sqlx::core::sqlite::schema_catalog catalog(file_.db());
  std::size_t parsed = 0;
  for (const auto& sql : statements) {
    for (std::size_t n = 0; n <= sql.size(); ++n) {
      const std::string prefix = sql.substr(0, n);
      if (sqlx::core::sqlite::parse_statement(prefix)) ++parsed;
      const auto a = sqlx::core::sqlite::analyze_statement(prefix, catalog, 3, 4);
      EXPECT_TRUE(a.columns.empty() || a.columns.size() == 3) << prefix;
      EXPECT_EQ(a.parameters.size(), 4u);
    }
  }
  EXPECT_GT(parsed, 0u);
}

TEST_F(sqlite_describe, deep_nesting_is_bounded_by_sqlite_and_handled) {
  const auto nested = [](int depth) {
    std::string sql = "SELECT ";
    for (int i = 0; i < depth; ++i) sql += "(";
    sql += "1";
    for (int i = 0; i < depth; ++i) sql += " + 1)";
    return sql + " AS deep";
  };
  EXPECT_EQ(nulls(nested(80)), "!");
  // Deeper than SQLite accepts (only a view's stored text could be): fails cleanly.
  EXPECT_FALSE(sqlx::core::sqlite::parse_statement(nested(100000)).has_value());
  EXPECT_FALSE(
      sqlx::core::sqlite::parse_statement("SELECT " + std::string(100000, '~') + "1").has_value());
}

}  // namespace
