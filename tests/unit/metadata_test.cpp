// The metadata file format: sqlx's keys and spellings, nlohmann's dump(2) layout, round trips.
#include "metadata/metadata.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "codegen/codegen.hpp"
#include "describe/pg/type_names.hpp"
#include "metadata/digest.hpp"
#include "sqlx/detail/fixed_string.hpp"
#include "support/test_cluster.hpp"

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
    ordered_json extra = {{"pg_type", c.type.type_name}};
    if (!c.origin.empty()) extra["origin"] = c.origin;
    cpp_columns.push_back(extra);
  }
  ordered_json parameters = ordered_json::array();
  ordered_json cpp_parameters = ordered_json::array();
  for (const auto& p : d.parameters) {
    parameters.push_back(p.type_info);
    cpp_parameters.push_back({{"pg_type", p.type_name}});
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
    EXPECT_EQ(back.columns[i].type.type_name, d.columns[i].type.type_name);
    EXPECT_EQ(back.columns[i].nullable, d.columns[i].nullable);
    EXPECT_EQ(back.columns[i].origin, d.columns[i].origin);
  }
  ASSERT_EQ(back.parameters.size(), 2u);
  EXPECT_EQ(back.parameters[1].type_info, d.parameters[1].type_info);
}

TEST(metadata, reads_a_plain_sqlx_file) {
  const std::string query = "SELECT id FROM users WHERE id = $1";
  const auto d = from_file_content(fmt::format(R"({{
    "db_name": "PostgreSQL",
    "query": "{}",
    "describe": {{"columns": [{{"ordinal": 0, "name": "id", "type_info": "Int8"}}],
                 "parameters": {{"Left": ["Int8"]}}, "nullable": [false]}},
    "hash": "{}"}})",
                                               query, sha256_hex(query)));
  ASSERT_EQ(d.columns.size(), 1u);
  EXPECT_EQ(d.columns[0].nullable, false);
  EXPECT_EQ(d.parameters[0].type_info, "Int8");
  // No sqlx_cpp: the PostgreSQL names of built-in types come from sqlx's names.
  EXPECT_EQ(d.columns[0].type.type_name, "int8");
  EXPECT_EQ(d.parameters[0].type_name, "int8");
}

// sqlx 0.8/0.9 write each column's origin ({"Table": ...}, "Expression" or "Unknown").
TEST(metadata, reads_sqlx_files_with_column_origins) {
  auto file = ordered_json::parse(to_file_content(sample()));
  file["describe"]["columns"][0]["origin"] = {{"Table", {{"table", "t"}, {"name", "id"}}}};
  file["describe"]["columns"][1]["origin"] = "Expression";
  file["describe"]["columns"][2]["origin"] = "Unknown";
  file.erase("sqlx_cpp");
  const auto d = from_file_content(file.dump(2));
  ASSERT_EQ(d.columns.size(), 4u);
  EXPECT_EQ(d.columns[0].name, "id");
  EXPECT_EQ(d.columns[0].origin, "");  // sqlx's origin is not ours (which is sqlx_cpp's)
  EXPECT_EQ(d.columns[1].type.type_name, "text");
  EXPECT_EQ(d.columns[2].type.type_name, "");  // a user type: only prepare knows its name
}

// Bad files: the message names the file and the key, never a crash or a default value.
constexpr std::string_view bad_file = "proj/.sqlx-cpp/query-x.json";

std::string error_of(std::string_view content) {
  try {
    (void)from_file_content(content, bad_file);
  } catch (const metadata_error& e) {
    EXPECT_EQ(e.file(), bad_file);
    return e.what();
  }
  ADD_FAILURE() << "accepted: " << content;
  return {};
}

// The sample file with `edit` applied.
template <typename Edit>
std::string edited(Edit edit) {
  auto file = ordered_json::parse(to_file_content(sample()));
  edit(file);
  return file.dump(2);
}

bool names(const std::string& message, std::string_view key, std::string_view problem) {
  return message.starts_with(fmt::format("{}: {}: {}", bad_file, key, problem));
}

TEST(metadata_errors, truncated_or_not_json) {
  const std::string content = to_file_content(sample());
  const std::string truncated = error_of(content.substr(0, content.size() / 2));
  EXPECT_TRUE(truncated.starts_with(std::string(bad_file) + ": not valid JSON")) << truncated;
  EXPECT_NE(truncated.find("line "), std::string::npos) << truncated;
  EXPECT_NE(truncated.find("sqlcheck prepare"), std::string::npos) << truncated;
  const std::string trailing_comma = error_of(R"({"query": "x",})");
  EXPECT_TRUE(trailing_comma.starts_with(std::string(bad_file) + ": not valid JSON"))
      << trailing_comma;
  EXPECT_EQ(error_of("\n"),
            fmt::format("{}: empty file; run `sqlcheck prepare` to write it again", bad_file));
  EXPECT_EQ(error_of("[1]"), fmt::format("{}: expected an object, found an array", bad_file));
}

TEST(metadata_errors, hash_must_be_the_sha256_of_the_query) {
  const std::string edited_query =
      error_of(edited([](ordered_json& f) { f["query"] = "SELECT 2"; }));
  EXPECT_TRUE(
      names(edited_query, "hash", "is not the SHA-256 of `query` (" + sha256_hex("SELECT 2")))
      << edited_query;
  const std::string edited_hash = error_of(edited([](ordered_json& f) { f["hash"] = "abc"; }));
  EXPECT_TRUE(names(edited_hash, "hash", "is not the SHA-256")) << edited_hash;
}

TEST(metadata_errors, every_missing_key_is_named) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"/db_name", "db_name"},
      {"/query", "query"},
      {"/hash", "hash"},
      {"/describe", "describe"},
      {"/describe/columns", "describe.columns"},
      {"/describe/nullable", "describe.nullable"},
      {"/describe/parameters", "describe.parameters"},
      {"/describe/parameters/Left", "describe.parameters.Left"},
      {"/describe/columns/1/name", "describe.columns[1].name"},
      {"/describe/columns/1/type_info", "describe.columns[1].type_info"},
      {"/sqlx_cpp/columns", "sqlx_cpp.columns"},
      {"/sqlx_cpp/parameters", "sqlx_cpp.parameters"},
      {"/sqlx_cpp/columns/2/pg_type", "sqlx_cpp.columns[2].pg_type"},
      {"/sqlx_cpp/parameters/1/pg_type", "sqlx_cpp.parameters[1].pg_type"},
  };
  for (const auto& [key, dotted] : cases) {
    const ordered_json::json_pointer pointer(key);
    const std::string message = error_of(edited([&](ordered_json& f) {
      const std::string last = pointer.back();
      auto& parent = f[pointer.parent_pointer()];
      if (parent.is_array()) {
        parent.erase(std::stoul(last));
      } else {
        parent.erase(last);
      }
    }));
    EXPECT_EQ(message, fmt::format("{}: {}: missing", bad_file, dotted)) << key;
  }
}

TEST(metadata_errors, a_key_of_the_wrong_type_is_named) {
  const std::vector<std::pair<std::string, ordered_json>> cases = {
      {"/db_name", 1},
      {"/query", nullptr},
      {"/hash", ordered_json::array()},
      {"/describe", "x"},
      {"/describe/columns", ordered_json::object()},
      {"/describe/columns/0", "id"},
      {"/describe/columns/0/name", 7},
      {"/describe/columns/0/type_info", 20},
      {"/describe/columns/0/type_info", ""},
      {"/describe/columns/3/ordinal", 1},
      {"/describe/columns/3/ordinal", "3"},
      {"/describe/nullable/2", "yes"},
      {"/describe/parameters", ordered_json::array()},
      {"/describe/parameters/Left", 2},
      {"/describe/parameters/Left/0", true},
      {"/sqlx_cpp", ordered_json::array()},
      {"/sqlx_cpp/columns/1", ordered_json::array()},
      {"/sqlx_cpp/columns/0/pg_type", 20},
      {"/sqlx_cpp/columns/0/origin", false},
      {"/sqlx_cpp/parameters", "int4"},
      {"/sqlx_cpp/parameters/0/pg_type", nullptr},
  };
  const std::vector<std::string> keys = {
      "db_name",
      "query",
      "hash",
      "describe",
      "describe.columns",
      "describe.columns[0]",
      "describe.columns[0].name",
      "describe.columns[0].type_info",
      "describe.columns[0].type_info",
      "describe.columns[3].ordinal",
      "describe.columns[3].ordinal",
      "describe.nullable[2]",
      "describe.parameters",
      "describe.parameters.Left",
      "describe.parameters.Left[0]",
      "sqlx_cpp",
      "sqlx_cpp.columns[1]",
      "sqlx_cpp.columns[0].pg_type",
      "sqlx_cpp.columns[0].origin",
      "sqlx_cpp.parameters",
      "sqlx_cpp.parameters[0].pg_type",
  };
  ASSERT_EQ(cases.size(), keys.size());
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const auto& [pointer, value] = cases[i];
    const std::string message =
        error_of(edited([&](ordered_json& f) { f[ordered_json::json_pointer(pointer)] = value; }));
    EXPECT_TRUE(names(message, keys[i], "")) << pointer << " -> " << message;
    EXPECT_TRUE(message.find("expected") != std::string::npos ||
                message.find("empty") != std::string::npos)
        << message;
  }
}

TEST(metadata_errors, arrays_of_different_lengths) {
  EXPECT_TRUE(names(error_of(edited([](ordered_json& f) { f["describe"]["nullable"].erase(0); })),
                    "describe.nullable", "has 3 elements but describe.columns has 4"));
  EXPECT_TRUE(names(error_of(edited([](ordered_json& f) { f["sqlx_cpp"]["columns"].erase(0); })),
                    "sqlx_cpp.columns", "has 3 elements but describe.columns has 4"));
  EXPECT_TRUE(names(error_of(edited([](ordered_json& f) {
                      f["sqlx_cpp"]["parameters"].push_back({{"pg_type", "int4"}});
                    })),
                    "sqlx_cpp.parameters", "has 3 elements but describe.parameters.Left has 2"));
}

TEST(metadata_errors, another_database) {
  const std::string mysql = error_of(edited([](ordered_json& f) { f["db_name"] = "MySQL"; }));
  EXPECT_EQ(mysql, fmt::format("{}: db_name: \"MySQL\" is not supported by this build (only "
                               "\"PostgreSQL\" and \"SQLite\")",
                               bad_file));
  // A PostgreSQL file relabelled SQLite lists its parameters' types where SQLite counts them.
  EXPECT_TRUE(names(error_of(edited([](ordered_json& f) { f["db_name"] = "SQLite"; })),
                    "describe.parameters.Right", "missing"));
}

query_description sqlite_sample() {
  query_description d;
  d.db = database::sqlite;
  d.query = "SELECT id, name, sum(x) AS total FROM feeds WHERE platform = ?1 AND id > ?2";
  d.columns = {
      {"id", {"Integer", "INTEGER"}, false, "main.feeds.id"},
      {"name", {"Text", "TEXT"}, true, "main.feeds.name"},
      {"total", {"Null", ""}, std::nullopt, ""},
  };
  d.parameters = {{nullptr, "TEXT"}, {nullptr, ""}};
  return d;
}

TEST(metadata, sqlite_files_count_parameters_and_name_sqlite_types) {
  const auto d = sqlite_sample();
  const std::string content = to_file_content(d);
  const ordered_json file = ordered_json::parse(content);
  EXPECT_EQ(file["db_name"], "SQLite");
  EXPECT_EQ(file["describe"]["parameters"], ordered_json({{"Right", 2}}));
  EXPECT_EQ(file["describe"]["columns"][0].begin().key(), "name");  // sqlx's SQLite key order
  EXPECT_EQ(file["sqlx_cpp"]["parameters"][0]["sqlite_type"], "TEXT");
  EXPECT_TRUE(file["sqlx_cpp"]["parameters"][1]["sqlite_type"].is_null());
  EXPECT_EQ(content, file.dump(2) + "\n");

  const auto back = from_file_content(content);
  EXPECT_EQ(back.db, database::sqlite);
  ASSERT_EQ(back.columns.size(), 3u);
  for (std::size_t i = 0; i < d.columns.size(); ++i) {
    EXPECT_EQ(back.columns[i].name, d.columns[i].name);
    EXPECT_EQ(back.columns[i].type.type_info, d.columns[i].type.type_info);
    EXPECT_EQ(back.columns[i].type.type_name, d.columns[i].type.type_name);
    EXPECT_EQ(back.columns[i].nullable, d.columns[i].nullable);
    EXPECT_EQ(back.columns[i].origin, d.columns[i].origin);
  }
  ASSERT_EQ(back.parameters.size(), 2u);
  EXPECT_EQ(back.parameters[0].type_name, "TEXT");
  EXPECT_EQ(back.parameters[1].type_name, "");
  EXPECT_EQ(from_file_content(to_file_content(sample())).db, database::postgres);
}

TEST(metadata_errors, sqlite_parameter_count_must_match_the_extras) {
  ordered_json file = ordered_json::parse(to_file_content(sqlite_sample()));
  file["describe"]["parameters"]["Right"] = 3;
  try {
    (void)from_file_content(file.dump(2), "f.json");
    FAIL() << "accepted";
  } catch (const metadata_error& e) {
    EXPECT_EQ(e.key(), "sqlx_cpp.parameters");
    EXPECT_NE(std::string(e.what()).find("describe.parameters.Right has 3"), std::string::npos)
        << e.what();
  }
}

TEST(metadata_errors, nesting_is_bounded) {
  const std::string deep = std::string(10000, '[') + std::string(10000, ']');
  const std::string message =
      error_of(edited([&](ordered_json& f) {
                 f["describe"]["columns"][0]["type_info"] = {{"Custom", "x"}};
               }).replace(0, 1, "{\"deep\": " + deep + ","));
  EXPECT_EQ(message, fmt::format("{}: nested deeper than 64 levels", bad_file));
}

TEST(metadata_errors, read_metadata_file_checks_the_file_name) {
  sqlx::test::temp_dir dir;
  const std::string content = to_file_content(sample());
  const auto right = dir.path() / metadata_file_name(sample().query);
  sqlx::test::write_file(right, content);
  EXPECT_EQ(read_metadata_file(right).query, sample().query);
  const auto renamed = dir.path() / metadata_file_name("SELECT 1");
  sqlx::test::write_file(renamed, content);
  try {
    (void)read_metadata_file(renamed);
    FAIL();
  } catch (const metadata_error& e) {
    EXPECT_EQ(e.file(), renamed.string());
    EXPECT_EQ(e.key(), "hash");
    EXPECT_NE(std::string(e.what()).find(metadata_file_name(sample().query)), std::string::npos);
  }
  EXPECT_THROW((void)read_metadata_file(dir.path() / "query-missing.json"), metadata_error);
}

TEST(metadata_errors, read_metadata_dir_names_the_bad_file) {
  sqlx::test::temp_dir dir;
  const std::string good = "SELECT 1";
  query_description d;
  d.query = good;
  sqlx::test::write_file(dir.path() / metadata_file_name(good), to_file_content(d));
  const auto bad = dir.path() / metadata_file_name("SELECT 2");
  sqlx::test::write_file(bad, R"({"db_name": "PostgreSQL", "query": "SELECT 2"})");
  try {
    (void)read_metadata_dir(dir.path());
    FAIL();
  } catch (const metadata_error& e) {
    EXPECT_EQ(std::string(e.what()), bad.string() + ": hash: missing");
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

TEST(metadata, file_names_of_queries_are_recognised_by_one_rule) {
  EXPECT_TRUE(is_metadata_file_name(metadata_file_name("SELECT 1")));
  EXPECT_TRUE(is_metadata_file_name("query-anything.json"));
  EXPECT_FALSE(is_metadata_file_name("query-x.json.tmp"));
  EXPECT_FALSE(is_metadata_file_name("README.md"));
  EXPECT_FALSE(is_metadata_file_name("other-query.json"));
}

// The one FNV-1a (sqlx/detail/fnv1a.hpp): the published 64-bit test vectors, and the
// header's compile-time query_hash equal to it over the literal without its NUL.
TEST(metadata, fnv1a_is_the_standard_one_and_query_hash_uses_it) {
  using sqlx::detail::fnv1a;
  static_assert(fnv1a("", 0) == 0xcbf29ce484222325ULL);
  static_assert(fnv1a("a", 1) == 0xaf63dc4c8601ec8cULL);
  static_assert(fnv1a("foobar", 6) == 0x85944171f73967e8ULL);
  static_assert(sqlx::detail::query_hash("foobar") == fnv1a("foobar", 6));
  static_assert(sqlx::detail::query_hash(u8"foobar") == fnv1a("foobar", 6));
  // Continuing a hash is hashing the concatenation.
  EXPECT_EQ(fnv1a("bar", 3, fnv1a("foo", 3)), fnv1a("foobar", 6));
}

}  // namespace

namespace {

// Files exactly as sqlx 0.8 writes them for SQLite (QueryData serialized with
// serde_json::to_string_pretty): SqliteColumn's fields in declaration order (name, ordinal,
// type_info), SqliteTypeInfo as its DataType variant name, parameters as Either::Right(count).
constexpr std::string_view k_sqlx_sqlite_file = R"({
  "db_name": "SQLite",
  "query": "SELECT id, platform, source_id, last_checked, is_active, guild_id FROM feeds WHERE platform = ?1 AND source_id = ?2",
  "describe": {
    "columns": [
      {
        "name": "id",
        "ordinal": 0,
        "type_info": "Integer"
      },
      {
        "name": "platform",
        "ordinal": 1,
        "type_info": "Text"
      },
      {
        "name": "source_id",
        "ordinal": 2,
        "type_info": "Text"
      },
      {
        "name": "last_checked",
        "ordinal": 3,
        "type_info": "Datetime"
      },
      {
        "name": "is_active",
        "ordinal": 4,
        "type_info": "Bool"
      },
      {
        "name": "guild_id",
        "ordinal": 5,
        "type_info": "Int4"
      }
    ],
    "parameters": {
      "Right": 2
    },
    "nullable": [
      true,
      false,
      false,
      true,
      false,
      true
    ]
  },
  "hash": "7e0123e942d8def9b2c255a0ee6abb70627a30c500dbfd055972ce8ad9ed05ea"
}
)";

// sqlx 0.9 adds each column's origin after type_info; an expression sqlx could not type is
// "Null".
constexpr std::string_view k_sqlx_sqlite_file_with_origin = R"({
  "db_name": "SQLite",
  "query": "SELECT count(*) AS \"n!\", max(joined_at) AS last FROM subscribers",
  "describe": {
    "columns": [
      {
        "name": "n!",
        "ordinal": 0,
        "type_info": "Integer",
        "origin": "Expression"
      },
      {
        "name": "last",
        "ordinal": 1,
        "type_info": "Null",
        "origin": {
          "Table": {
            "table": "subscribers",
            "name": "joined_at"
          }
        }
      }
    ],
    "parameters": {
      "Right": 0
    },
    "nullable": [
      false,
      null
    ]
  },
  "hash": "2ae6c19339187f828aa007d944a833d77ee1f458bf05d353fc4236099bd67274"
}
)";

TEST(metadata, reads_a_plain_sqlx_sqlite_file) {
  const auto d = from_file_content(k_sqlx_sqlite_file, "query-7e01.json");
  EXPECT_EQ(d.db, database::sqlite);
  ASSERT_EQ(d.columns.size(), 6u);
  ASSERT_EQ(d.parameters.size(), 2u);
  EXPECT_EQ(d.parameters[0].type_name, "");  // sqlx does not say: any value binds
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"Integer", "INTEGER"},   {"Text", "TEXT"},    {"Text", "TEXT"},
      {"Datetime", "DATETIME"}, {"Bool", "BOOLEAN"}, {"Int4", "INTEGER"}};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(d.columns[i].type.type_info, expected[i].first);
    EXPECT_EQ(d.columns[i].type.type_name, expected[i].second);
  }
  EXPECT_EQ(d.columns[0].nullable, true);
  EXPECT_EQ(d.columns[1].nullable, false);
  EXPECT_EQ(d.columns[1].name, "platform");

  const auto e = from_file_content(k_sqlx_sqlite_file_with_origin, "query-2ae6.json");
  ASSERT_EQ(e.columns.size(), 2u);
  EXPECT_EQ(e.columns[0].name, "n!");
  EXPECT_EQ(e.columns[1].type.type_name, "NULL");
  EXPECT_EQ(e.columns[1].nullable, std::nullopt);
  EXPECT_EQ(e.columns[1].origin, "");  // sqlx's origin is not ours
}

// Our writer keeps sqlx's SQLite layout byte for byte: the same file, plus `sqlx_cpp`.
TEST(metadata, writes_sqlx_sqlite_layout) {
  auto d = from_file_content(k_sqlx_sqlite_file);
  const std::string ours = to_file_content(d);
  auto without_extras = ordered_json::parse(ours);
  without_extras.erase("sqlx_cpp");
  EXPECT_EQ(without_extras.dump(2) + "\n", k_sqlx_sqlite_file);
}

}  // namespace
