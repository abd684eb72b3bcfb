// The runtime's statement splitter (run by -- no-transaction migrations) against expected splits
// and against libpg_query's scanner-based splitter (PostgreSQL's own lexer) over a generated
// corpus.
#include "runtime/internal/sql_split.hpp"

#include <gtest/gtest.h>
#include <pg_query.h>

#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace {

using sqlx::pg::detail::split_statements;

std::vector<std::string> texts(std::string_view sql) {
  std::vector<std::string> out;
  for (const auto& s : split_statements(sql)) out.emplace_back(s.text);
  return out;
}

using list = std::vector<std::string>;

TEST(sql_split, plain_statements_and_empty_ones) {
  EXPECT_EQ(texts(""), list{});
  EXPECT_EQ(texts("  \n\t"), list{});
  EXPECT_EQ(texts(";;  ; \n;"), list{});
  EXPECT_EQ(texts("SELECT 1"), list{"SELECT 1"});
  EXPECT_EQ(texts("SELECT 1;"), list{"SELECT 1"});
  EXPECT_EQ(texts("  SELECT 1 ;\n\nSELECT  2;;\n"), (list{"SELECT 1", "SELECT  2"}));
  EXPECT_EQ(texts("CREATE INDEX CONCURRENTLY i ON t (a); SELECT 1;"),
            (list{"CREATE INDEX CONCURRENTLY i ON t (a)", "SELECT 1"}));
}

TEST(sql_split, offsets_point_at_the_first_token) {
  const std::string sql = "-- no-transaction\nSELECT 1;\n/* c */ SELECT 'é';";
  const auto statements = split_statements(sql);
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_EQ(statements[0].offset, sql.find("SELECT 1"));
  EXPECT_EQ(statements[1].offset, sql.find("SELECT 'é'"));
  EXPECT_EQ(statements[1].text, "SELECT 'é'");
}

TEST(sql_split, strings_and_identifiers) {
  EXPECT_EQ(texts("SELECT 'a;b'; SELECT 'it''s;'"), (list{"SELECT 'a;b'", "SELECT 'it''s;'"}));
  // Standard strings: a backslash is an ordinary character.
  EXPECT_EQ(texts("SELECT 'a\\'; SELECT 2"), (list{"SELECT 'a\\'", "SELECT 2"}));
  // E'' strings: a backslash escapes the quote; e and E; not inside a longer word.
  EXPECT_EQ(texts("SELECT E'a\\';b'; SELECT e'\\\\'; SELECT 3"),
            (list{"SELECT E'a\\';b'", "SELECT e'\\\\'", "SELECT 3"}));
  EXPECT_EQ(texts("SELECT x AS e FROM t WHERE name='a\\'; SELECT 2"),
            (list{"SELECT x AS e FROM t WHERE name='a\\'", "SELECT 2"}));
  EXPECT_EQ(texts("SELECT B'01', X'1f', N'x;y', U&'d\\0061t;a'; SELECT 2"),
            (list{"SELECT B'01', X'1f', N'x;y', U&'d\\0061t;a'", "SELECT 2"}));
  EXPECT_EQ(texts("SELECT \"a;\"\"b\" FROM \"t;\"; SELECT 2"),
            (list{"SELECT \"a;\"\"b\" FROM \"t;\"", "SELECT 2"}));
}

TEST(sql_split, dollar_quotes_and_parameters) {
  EXPECT_EQ(texts("SELECT $$a;b$$; SELECT 2"), (list{"SELECT $$a;b$$", "SELECT 2"}));
  EXPECT_EQ(texts("DO $body$ BEGIN PERFORM 1; RAISE NOTICE $$x;$$; END $body$; SELECT 2"),
            (list{"DO $body$ BEGIN PERFORM 1; RAISE NOTICE $$x;$$; END $body$", "SELECT 2"}));
  // $1 is a parameter, a$b$ one identifier: neither opens a quote.
  EXPECT_EQ(texts("PREPARE p AS SELECT $1; SELECT a$b$ FROM t; SELECT 3"),
            (list{"PREPARE p AS SELECT $1", "SELECT a$b$ FROM t", "SELECT 3"}));
  EXPECT_EQ(texts("SELECT $_x1$ ; $_x1$"), list{"SELECT $_x1$ ; $_x1$"});
}

TEST(sql_split, comments) {
  EXPECT_EQ(texts("SELECT 1 -- one; two\n; SELECT 2"), (list{"SELECT 1", "SELECT 2"}));
  EXPECT_EQ(texts("SELECT /* ; */ 1; /* a /* nested; */ still; */ SELECT 2;"),
            (list{"SELECT /* ; */ 1", "SELECT 2"}));
  EXPECT_EQ(texts("-- only a comment;\n/* and; another */;"), list{});
  EXPECT_EQ(texts("SELECT 1+--2;\n3"), list{"SELECT 1+--2;\n3"});
  EXPECT_EQ(texts("SELECT '--', '/*'; SELECT 2"), (list{"SELECT '--', '/*'", "SELECT 2"}));
}

TEST(sql_split, unterminated_runs_to_the_end) {
  EXPECT_EQ(texts("SELECT 1; SELECT 'abc; SELECT 2"), (list{"SELECT 1", "SELECT 'abc; SELECT 2"}));
  EXPECT_EQ(texts("SELECT 1; SELECT $$abc; SELECT 2"),
            (list{"SELECT 1", "SELECT $$abc; SELECT 2"}));
  EXPECT_EQ(texts("SELECT 1; /* open; SELECT 2"), list{"SELECT 1"});
}

// As psql: no split inside parentheses (CREATE RULE ... DO (a; b)) nor inside the BEGIN ... END
// body of CREATE [OR REPLACE] FUNCTION/PROCEDURE.
TEST(sql_split, parentheses_and_routine_bodies) {
  EXPECT_EQ(texts("CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); "
                  "INSERT INTO b VALUES (2)); SELECT 2"),
            (list{"CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); "
                  "INSERT INTO b VALUES (2))",
                  "SELECT 2"}));
  const std::string function =
      "CREATE OR REPLACE FUNCTION f(x int) RETURNS int LANGUAGE sql\n"
      "BEGIN ATOMIC\n  SELECT CASE WHEN x > 0 THEN 1 ELSE 2 END;\n  SELECT x;\nEND";
  EXPECT_EQ(texts(function + ";\nSELECT f(1);"), (list{function, "SELECT f(1)"}));
  const std::string procedure = "create procedure p() begin atomic insert into t values (1); end";
  EXPECT_EQ(texts(procedure + "; select 1"), (list{procedure, "select 1"}));
  // BEGIN in another statement is a transaction: it ends at its `;`.
  EXPECT_EQ(texts("BEGIN; SELECT 1; END;"), (list{"BEGIN", "SELECT 1", "END"}));
  EXPECT_EQ(texts("CREATE TABLE begin_end (id int); SELECT 1"),
            (list{"CREATE TABLE begin_end (id int)", "SELECT 1"}));
}

// ---- against libpg_query ----

struct pg_split {
  bool error = false;
  std::vector<std::pair<std::size_t, std::size_t>> ranges;  // [begin, end)
};

pg_split split_with_pg_query(const std::string& sql) {
  PgQuerySplitResult r = pg_query_split_with_scanner(sql.c_str());
  pg_split out;
  out.error = r.error != nullptr;
  for (int i = 0; !out.error && i < r.n_stmts; ++i) {
    const auto begin = static_cast<std::size_t>(r.stmts[i]->stmt_location);
    out.ranges.emplace_back(begin, begin + static_cast<std::size_t>(r.stmts[i]->stmt_len));
  }
  pg_query_free_split_result(r);
  return out;
}

// Pieces of statements; every statement built from them holds a keyword (libpg_query drops a
// statement without one) and is terminated (libpg_query fails on an unterminated one).
const std::vector<std::string> pieces = {
    "SELECT 1",
    "SELECT 'a;b'",
    "SELECT 'it''s;'",
    "SELECT 'back\\'",
    "SELECT E'x\\';y'",
    "SELECT e'\\\\'",
    "SELECT \"a;\"\"b\"",
    "SELECT $$a;b$$",
    "SELECT $t$ $$;$$ ; $t$",
    "SELECT $1",
    "SELECT a$b$ FROM t",
    "SELECT /* ; /* nested ; */ ; */ 2",
    "SELECT 3 -- trailing ; comment\n",
    "CREATE INDEX CONCURRENTLY i ON t (a)",
    "CREATE RULE r AS ON INSERT TO t DO ALSO (SELECT 1; SELECT 2)",
    "SELECT (1)",
    "INSERT INTO t VALUES ('(', ')')",
    "SELECT U&'d\\0061t;a'",
    "SELECT 'é;ü'",
};
const std::vector<std::string> separators = {
    ";", "; ", ";\n", " ;\n\n", ";;", "; ;", ";\n-- between; here\n", ";/* c; */"};

TEST(sql_split, agrees_with_libpg_query_on_a_generated_corpus) {
  std::mt19937 random(20240610);  // fixed: the same corpus every run
  int compared = 0;
  for (int n = 0; n < 2000; ++n) {
    std::string sql;
    const int count = static_cast<int>(random() % 5) + 1;
    if (random() % 3 == 0) sql += "-- no-transaction\n";
    for (int k = 0; k < count; ++k) {
      sql += pieces[random() % pieces.size()];
      if (k + 1 < count || random() % 2 == 0) sql += separators[random() % separators.size()];
    }
    const pg_split expected = split_with_pg_query(sql);
    ASSERT_FALSE(expected.error) << sql;
    const auto got = split_statements(sql);
    ASSERT_EQ(got.size(), expected.ranges.size()) << sql;
    for (std::size_t i = 0; i < got.size(); ++i) {
      // libpg_query's statement runs from just after the previous `;` to the next one; ours from
      // the first token to the end of the last: inside it, with only whitespace and comments
      // around it.
      const auto [begin, end] = expected.ranges[i];
      const std::size_t got_end = got[i].offset + got[i].text.size();
      ASSERT_GE(got[i].offset, begin) << sql;
      ASSERT_LE(got_end, end) << sql;
      EXPECT_TRUE(
          split_statements(std::string_view(sql).substr(begin, got[i].offset - begin)).empty())
          << sql;
      EXPECT_TRUE(split_statements(std::string_view(sql).substr(got_end, end - got_end)).empty())
          << sql;
      // And libpg_query finds our statement whole.
      const pg_split alone = split_with_pg_query(std::string(got[i].text));
      ASSERT_EQ(alone.ranges.size(), 1u) << got[i].text;
    }
    ++compared;
  }
  EXPECT_EQ(compared, 2000);
}

}  // namespace
