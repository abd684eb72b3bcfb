// The metadata file format: sqlx's keys and spellings, nlohmann's dump(2) layout, round trips.
#include "core/metadata.hpp"

#include <gtest/gtest.h>

#include "core/digest.hpp"
#include "core/type_names.hpp"

namespace {
using namespace sqlx::core;

// The same file built as a JSON tree and dumped by nlohmann: an independent reference.
std::string reference_dump(const query_description& d) {
  ordered_json columns = ordered_json::array();
  ordered_json nullable = ordered_json::array();
  ordered_json cpp_columns = ordered_json::array();
  for (std::size_t i = 0; i < d.columns.size(); ++i) {
    const auto& c = d.columns[i];
    columns.push_back({{"ordinal", i}, {"name", c.name}, {"type_info", c.type.type_info}});
    nullable.push_back(c.nullable ? ordered_json(*c.nullable) : ordered_json(nullptr));
    ordered_json extra = {{"pg_type", c.type.pg_name}};
    if (!c.origin.empty()) extra["origin"] = c.origin;
    cpp_columns.push_back(extra);
  }
  ordered_json parameters = ordered_json::array();
  ordered_json cpp_parameters = ordered_json::array();
  for (const auto& p : d.parameters) {
    parameters.push_back(p.type_info);
    cpp_parameters.push_back({{"pg_type", p.pg_name}});
  }
  ordered_json file;
  file["db_name"] = "PostgreSQL";
  file["query"] = d.query;
  file["describe"]["columns"] = columns;
  file["describe"]["parameters"]["Left"] = parameters;
  file["describe"]["nullable"] = nullable;
  file["hash"] = sha256_hex(d.query);
  file["sqlx_cpp"]["columns"] = cpp_columns;
  file["sqlx_cpp"]["parameters"] = cpp_parameters;
  return file.dump(2) + "\n";
}

query_description sample() {
  const ordered_json mood = ordered_json::parse(
      R"({"Custom": {"name": "mood", "kind": {"Enum": ["happy", "it's \"ok\"", "tab\there"]}}})");
  const ordered_json wallet = ordered_json::parse(
      R"({"Custom": {"name": "wallet", "kind": {"Composite": [["owner", "Text"],
         ["moods", {"Custom": {"name": "_mood", "kind": {"Array": "Int4"}}}], ["none", {}],
         ["empty", []]]}}})");
  query_description d;
  d.query = "SELECT id, \"na\\me\" AS \"n!\", m, w FROM t -- ünïcødé \x01\n WHERE a = $1";
  d.columns = {
      {"id", {"Int8", "int8"}, false, "public.t.id"},
      {"n!", {"Text", "text"}, true, ""},
      {"m", {mood, "public.mood"}, std::nullopt, "public.t.m"},
      {"w", {wallet, "app.wallet"}, std::nullopt, ""},
  };
  d.parameters = {{"Int4", "int4"}, {mood, "public.mood"}};
  return d;
}

TEST(metadata, file_content_matches_nlohmann_pretty_dump) {
  const auto d = sample();
  EXPECT_EQ(to_file_content(d), reference_dump(d));
}

TEST(metadata, empty_columns_and_parameters) {
  query_description d;
  d.query = "DELETE FROM t";
  EXPECT_EQ(to_file_content(d), reference_dump(d));
  EXPECT_NE(to_file_content(d).find("\"columns\": [],"), std::string::npos);
}

TEST(metadata, file_name_is_sha256_of_the_exact_text) {
  EXPECT_EQ(metadata_file_name("SELECT 1"), "query-" + sha256_hex("SELECT 1") + ".json");
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_NE(metadata_file_name("SELECT 1"), metadata_file_name("SELECT 1 "));
}

TEST(metadata, round_trips_through_the_file) {
  const auto d = sample();
  const auto back = from_file_content(to_file_content(d));
  EXPECT_EQ(back.query, d.query);
  ASSERT_EQ(back.columns.size(), d.columns.size());
  for (std::size_t i = 0; i < d.columns.size(); ++i) {
    EXPECT_EQ(back.columns[i].name, d.columns[i].name);
    EXPECT_EQ(back.columns[i].type.type_info, d.columns[i].type.type_info);
    EXPECT_EQ(back.columns[i].type.pg_name, d.columns[i].type.pg_name);
    EXPECT_EQ(back.columns[i].nullable, d.columns[i].nullable);
    EXPECT_EQ(back.columns[i].origin, d.columns[i].origin);
  }
  ASSERT_EQ(back.parameters.size(), 2u);
  EXPECT_EQ(back.parameters[1].type_info, d.parameters[1].type_info);
}

TEST(metadata, reads_a_plain_sqlx_file) {
  const auto d = from_file_content(R"({
    "db_name": "PostgreSQL",
    "query": "SELECT id FROM users WHERE id = $1",
    "describe": {"columns": [{"ordinal": 0, "name": "id", "type_info": "Int8"}],
                 "parameters": {"Left": ["Int8"]}, "nullable": [false]},
    "hash": "x"})");
  ASSERT_EQ(d.columns.size(), 1u);
  EXPECT_EQ(d.columns[0].nullable, false);
  EXPECT_EQ(d.parameters[0].type_info, "Int8");
}

TEST(metadata, bad_files_say_what_is_wrong) {
  EXPECT_THROW((void)from_file_content("{"), std::runtime_error);
  try {
    (void)from_file_content(R"({"query": "x", "describe": {"columns": [], "nullable": [true]}})");
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("differ in length"), std::string::npos) << e.what();
  }
}

TEST(type_names, builtins_as_sqlx_spells_them) {
  EXPECT_EQ(find_builtin_type(20)->sqlx_name, "Int8");
  EXPECT_EQ(find_builtin_type(1009)->sqlx_name, "TextArray");
  EXPECT_EQ(find_builtin_type(1184)->sqlx_name, "Timestamptz");
  EXPECT_EQ(find_builtin_type(2950)->sqlx_name, "Uuid");
  EXPECT_EQ(find_builtin_type(3802)->pg_name, "jsonb");
  EXPECT_FALSE(find_builtin_type(3614));  // tsvector: sqlx spells it as Custom
  EXPECT_FALSE(find_builtin_type(0));
}

}  // namespace
