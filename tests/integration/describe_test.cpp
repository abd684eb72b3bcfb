// describe_queries against a real server: sqlx's type spellings for every type family, user
// types resolved from the catalog, parameters, origins, and rejected queries.
#include "describe/pg/describe.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "support/test_cluster.hpp"

namespace {
using namespace sqlx::core;
using json = ordered_json;

class describe_test : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    url_ = new std::string(sqlx::test::fresh_database("describe"));
    auto conn = sqlx::pg::connection::connect(*url_);
    conn.execute(R"sql(
      CREATE TYPE mood AS ENUM ('happy', 'neutral', 'it''s "grumpy", really');
      CREATE DOMAIN positive_int AS int4 CHECK (VALUE > 0);
      CREATE DOMAIN email AS text;
      CREATE TYPE money_amount AS (currency char(3), cents int8, tags text[]);
      CREATE TYPE wallet AS (owner text, balance money_amount, moods mood[]);
      CREATE SCHEMA billing;
      CREATE TYPE billing.state AS ENUM ('open', 'paid');
      CREATE TYPE "Feature Flag" AS ENUM ('on', 'off');
      CREATE TABLE flags (f "Feature Flag" NOT NULL, fs "Feature Flag"[], sts billing.state[]);
      CREATE TABLE everything (
        i2 int2 NOT NULL, i4 int4 NOT NULL, i8 int8 NOT NULL, f4 float4, f8 float8,
        b bool, t text NOT NULL, vc varchar(10), bp char(4), nm name, by bytea, u uuid,
        tstz timestamptz, ts timestamp, d date, tm time, iv interval, num numeric(10, 2),
        j json, jb jsonb, ip inet, net cidr, t_arr text[], i8_arr int8[], u_arr uuid[],
        jb_arr jsonb[], m mood, m_arr mood[], pos positive_int, mail email, amount money_amount,
        w wallet, st billing.state, tsv tsvector, r int4range);
    )sql");
  }
  static void TearDownTestSuite() { delete url_; }

  static describe_result describe_one(const std::string& query) {
    auto conn = sqlx::pg::connection::connect(*url_);
    std::vector<std::string> queries{query};
    auto results = describe_queries(conn, queries);
    EXPECT_EQ(results.size(), 1u);
    return results.front();
  }

  static json column_type(const std::string& column) {
    auto result = describe_one("SELECT " + column + " FROM everything");
    EXPECT_FALSE(result.error) << result.error->message;
    return result.description->columns.at(0).type.type_info;
  }

  static std::string* url_;
};
std::string* describe_test::url_ = nullptr;

TEST_F(describe_test, builtin_types_are_spelled_as_sqlx_spells_them) {
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"i2", "Int2"},          {"i4", "Int4"},           {"i8", "Int8"},
      {"f4", "Float4"},        {"f8", "Float8"},         {"b", "Bool"},
      {"t", "Text"},           {"vc", "Varchar"},        {"bp", "Bpchar"},
      {"nm", "Name"},          {"by", "Bytea"},          {"u", "Uuid"},
      {"tstz", "Timestamptz"}, {"ts", "Timestamp"},      {"d", "Date"},
      {"tm", "Time"},          {"iv", "Interval"},       {"num", "Numeric"},
      {"j", "Json"},           {"jb", "Jsonb"},          {"ip", "Inet"},
      {"net", "Cidr"},         {"t_arr", "TextArray"},   {"i8_arr", "Int8Array"},
      {"u_arr", "UuidArray"},  {"jb_arr", "JsonbArray"}, {"r", "Int4Range"},
  };
  for (const auto& [column, name] : expected) {
    EXPECT_EQ(column_type(column), json(name)) << column;
  }
}

TEST_F(describe_test, enums_carry_their_labels_in_order) {
  EXPECT_EQ(column_type("m"),
            json::parse(R"({"Custom": {"name": "mood", "kind": {"Enum": ["happy", "neutral",
                           "it's \"grumpy\", really"]}}})"));
}

TEST_F(describe_test, arrays_of_enums_name_their_element) {
  EXPECT_EQ(column_type("m_arr"),
            json::parse(R"({"Custom": {"name": "mood[]", "kind": {"Array": {"Custom": {"name":
                           "mood", "kind": {"Enum": ["happy", "neutral",
                           "it's \"grumpy\", really"]}}}}}})"));
}

// The server describes a result column of a domain type with the base type; parameters keep
// the domain.
TEST_F(describe_test, domains_carry_their_base_type) {
  EXPECT_EQ(column_type("pos"), json("Int4"));
  auto result = describe_one(
      "INSERT INTO everything (i2, i4, i8, t, pos, mail) "
      "VALUES (1, 2, 3, 'x', $1, $2)");
  ASSERT_FALSE(result.error) << result.error->message;
  const auto& parameters = result.description->parameters;
  ASSERT_EQ(parameters.size(), 2u);
  EXPECT_EQ(parameters[0].type_info,
            json::parse(R"({"Custom": {"name": "positive_int", "kind": {"Domain": "Int4"}}})"));
  EXPECT_EQ(parameters[0].type_name, "public.positive_int");
  EXPECT_EQ(parameters[1].type_info,
            json::parse(R"({"Custom": {"name": "email", "kind": {"Domain": "Text"}}})"));
}

TEST_F(describe_test, composites_carry_their_fields_recursively) {
  const json amount = json::parse(
      R"({"Custom": {"name": "money_amount", "kind": {"Composite": [["currency", "Bpchar"],
         ["cents", "Int8"], ["tags", "TextArray"]]}}})");
  EXPECT_EQ(column_type("amount"), amount);
  const json w = column_type("w");
  const auto& fields = w["Custom"]["kind"]["Composite"];
  ASSERT_EQ(fields.size(), 3u);
  EXPECT_EQ(fields[0], json::parse(R"(["owner", "Text"])"));
  EXPECT_EQ(fields[1][1], amount);
  EXPECT_EQ(fields[2][1]["Custom"]["name"], "mood[]");
}

TEST_F(describe_test, types_outside_public_and_unnamed_builtins) {
  EXPECT_EQ(column_type("st"),
            json::parse(
                R"({"Custom": {"name": "billing.state", "kind": {"Enum": ["open", "paid"]}}})"));
  auto result = describe_one("SELECT st FROM everything");
  EXPECT_EQ(result.description->columns[0].type.type_name, "billing.state");
  EXPECT_EQ(column_type("tsv"),
            json::parse(R"({"Custom": {"name": "tsvector", "kind": "Simple"}})"));
}

// sqlx names a user type as PostgreSQL's regtype output spells it: arrays with `[]`, quotes
// where SQL needs them, the schema when it is not on the search path.
TEST_F(describe_test, user_types_are_named_as_regtype_spells_them) {
  auto result = describe_one("SELECT f, fs, sts FROM flags");
  ASSERT_FALSE(result.error) << result.error->message;
  const auto& columns = result.description->columns;
  ASSERT_EQ(columns.size(), 3u);
  EXPECT_EQ(columns[0].type.type_info["Custom"]["name"], "\"Feature Flag\"");
  EXPECT_EQ(columns[1].type.type_info["Custom"]["name"], "\"Feature Flag\"[]");
  EXPECT_EQ(columns[1].type.type_info["Custom"]["kind"]["Array"]["Custom"]["name"],
            "\"Feature Flag\"");
  EXPECT_EQ(columns[2].type.type_info["Custom"]["name"], "billing.state[]");
  EXPECT_EQ(columns[2].type.type_name, "billing._state");
}

TEST_F(describe_test, parameters_and_origins) {
  auto result = describe_one(
      "SELECT t AS label, i8 + 1 AS next FROM everything WHERE i4 = $1 AND m = $2 AND u = ANY($3)");
  ASSERT_FALSE(result.error);
  const auto& d = *result.description;
  ASSERT_EQ(d.parameters.size(), 3u);
  EXPECT_EQ(d.parameters[0].type_info, json("Int4"));
  EXPECT_EQ(d.parameters[1].type_name, "public.mood");
  EXPECT_EQ(d.parameters[2].type_info, json("UuidArray"));
  ASSERT_EQ(d.columns.size(), 2u);
  EXPECT_EQ(d.columns[0].name, "label");
  EXPECT_EQ(d.columns[0].origin, "public.everything.t");
  EXPECT_EQ(d.columns[1].origin, "");
}

TEST_F(describe_test, rejected_queries_report_the_server_error_and_do_not_stop_the_others) {
  auto conn = sqlx::pg::connection::connect(*url_);
  std::vector<std::string> queries{"SELECT i8 FROM everything", "SELECT nope FROM everything",
                                   "SELEC 1", "SELECT t FROM everything WHERE i4 = 'x'",
                                   "SELECT i2 FROM everything"};
  auto results = describe_queries(conn, queries);
  ASSERT_EQ(results.size(), 5u);
  EXPECT_TRUE(results[0].description);
  ASSERT_TRUE(results[1].error);
  EXPECT_EQ(results[1].error->message, "column \"nope\" does not exist");
  EXPECT_EQ(results[1].error->sqlstate, "42703");
  EXPECT_EQ(results[1].error->position, 8);
  ASSERT_TRUE(results[2].error);
  EXPECT_EQ(results[2].error->sqlstate, "42601");
  EXPECT_EQ(results[2].error->position, 1);
  ASSERT_TRUE(results[3].error);
  EXPECT_EQ(results[3].error->sqlstate, "22P02");
  ASSERT_TRUE(results[4].description);
  EXPECT_EQ(results[4].description->columns[0].type.type_info, json("Int2"));
  // The connection is usable afterwards.
  EXPECT_EQ(PQresultStatus(sqlx::pg::detail::exec_params(conn, "SELECT 1").get()), PGRES_TUPLES_OK);
}

TEST_F(describe_test, many_queries_over_one_connection) {
  auto conn = sqlx::pg::connection::connect(*url_);
  std::vector<std::string> queries;
  for (int i = 0; i < 3000; ++i) {
    queries.push_back(i % 7 == 3 ? fmt::format("SELECT missing_{} FROM everything", i)
                                 : fmt::format("SELECT i8 + {} AS v{} FROM everything", i, i));
  }
  std::size_t last_progress = 0;
  auto results = describe_queries(conn, queries, [&](std::size_t done, std::size_t total) {
    EXPECT_EQ(total, queries.size());
    EXPECT_GE(done, last_progress);
    last_progress = done;
  });
  ASSERT_EQ(results.size(), queries.size());
  EXPECT_EQ(last_progress, queries.size());
  for (int i = 0; i < 3000; ++i) {
    if (i % 7 == 3) {
      ASSERT_TRUE(results[i].error) << i;
      EXPECT_EQ(results[i].error->message, fmt::format("column \"missing_{}\" does not exist", i));
    } else {
      ASSERT_TRUE(results[i].description) << i;
      EXPECT_EQ(results[i].description->columns[0].name, fmt::format("v{}", i));
    }
  }
}

}  // namespace
