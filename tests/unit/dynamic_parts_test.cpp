// The dynamic-query syntax (src/scan/dynamic_parts.hpp): parts, combinations, renumbering.
#include "scan/dynamic_parts.hpp"

#include <gtest/gtest.h>

namespace {
using sqlx::core::dynamic_syntax_error;
using sqlx::core::parse_dynamic_query;

TEST(dynamic_parts, a_plain_query_has_no_parts) {
  EXPECT_FALSE(parse_dynamic_query("SELECT id FROM users WHERE id = $1"));
  // Markers inside strings, quoted identifiers, dollar quotes and comments are SQL.
  EXPECT_FALSE(parse_dynamic_query("SELECT '[[ x $1 ]]', \"{{a|b}}\", $$ {{ }} $$ -- [[ $1 ]]\n"));
  EXPECT_FALSE(parse_dynamic_query("SELECT ARRAY[[1,2],[3,4]], a[b[1]] /* {{ */ FROM t"));
  EXPECT_FALSE(parse_dynamic_query("SELECT E'\\' [[ $1 ]]'"));
}

TEST(dynamic_parts, combinations_keep_or_drop_parts_and_renumber_parameters_densely) {
  const auto q = parse_dynamic_query(
      "SELECT id FROM users WHERE id > $1 [[ AND name = $2 ]] [[ AND email = $3 ]] ORDER BY "
      "{{ id | name DESC }}");
  ASSERT_TRUE(q);
  ASSERT_EQ(q->parts.size(), 3U);
  EXPECT_EQ(q->combinations(), 8U);
  EXPECT_EQ(q->parameter_count, 3U);
  // Combination 0: every optional part absent, the first alternative.
  EXPECT_EQ(q->expand(0).text, "SELECT id FROM users WHERE id > $1   ORDER BY  id ");
  EXPECT_EQ(q->expand(0).parameters, 0b001U);
  // 2 = the second optional part present: its $3 becomes $2.
  EXPECT_EQ(q->expand(2).text,
            "SELECT id FROM users WHERE id > $1   AND email = $2  ORDER BY  id ");
  EXPECT_EQ(q->expand(2).parameters, 0b101U);
  // 7: both present, the second alternative.
  EXPECT_EQ(q->expand(7).text,
            "SELECT id FROM users WHERE id > $1  AND name = $2   AND email = $3  ORDER BY  name "
            "DESC ");
  EXPECT_EQ(q->describe_combination(5),
            "[[ AND name = $2 ]] present, [[ AND email = $3 ]] absent, {{ id | name DESC }} "
            "alternative 1");
  // Each byte of a combination comes from the literal's byte (server errors' positions).
  const auto c = q->expand(2);
  EXPECT_EQ(q->text[c.origin[c.text.find("email")]], 'e');
  EXPECT_EQ(q->text.substr(c.origin[c.text.find("$2")], 2), "$3");
}

TEST(dynamic_parts, a_choice_splits_on_top_level_bars_only) {
  const auto q = parse_dynamic_query("SELECT {{ a || b | (c | d) | e }} FROM t");
  ASSERT_TRUE(q);
  ASSERT_EQ(q->parts.front().alternatives.size(), 3U);
  EXPECT_EQ(q->expand(1).text, "SELECT  (c | d)  FROM t");
  // A parameter in an alternative is bound only when it is chosen.
  const auto limit = parse_dynamic_query("SELECT id FROM t ORDER BY id {{ LIMIT $1 | }}");
  ASSERT_TRUE(limit);
  EXPECT_EQ(limit->expand(0).parameters, 1U);
  EXPECT_EQ(limit->expand(1).parameters, 0U);
  EXPECT_EQ(limit->expand(1).text, "SELECT id FROM t ORDER BY id  ");
}

std::string error_of(std::string_view text) {
  try {
    (void)parse_dynamic_query(text);
  } catch (const dynamic_syntax_error& e) {
    return e.what();
  }
  return "no error";
}

TEST(dynamic_parts, malformed_parts_are_errors_that_say_why) {
  EXPECT_NE(error_of("SELECT 1 [[ AND true ]]").find("needs a parameter"), std::string::npos);
  EXPECT_NE(error_of("SELECT $1 [[ AND x = $1 ]]").find("$1 of this optional part also occurs"),
            std::string::npos);
  EXPECT_NE(error_of("SELECT 1 [[ AND x = $1").find("no closing `]]`"), std::string::npos);
  EXPECT_NE(error_of("SELECT {{ a }}").find("at least two alternatives"), std::string::npos);
  EXPECT_NE(error_of("SELECT {{ a | [[ x = $1 ]] }}").find("do not nest"), std::string::npos);
  EXPECT_NE(error_of("SELECT $2 [[ AND x = $3 ]]").find("$1 does not occur"), std::string::npos);
  std::string seven = "SELECT 1 WHERE true";
  for (int i = 1; i <= 7; ++i) seven += " [[ AND x = $" + std::to_string(i) + " ]]";
  EXPECT_NE(error_of(seven).find("has 128 combinations of its 7 parts; at most 64"),
            std::string::npos)
      << error_of(seven);
}

}  // namespace
