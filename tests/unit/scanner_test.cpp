// The scanner must give each SQL literal exactly the value the compiler gives it, and find
// exactly the calls the preprocessor would expand. Sources under test are written as
// ordinary literals with explicit "\n" where columns matter, so positions can be counted.
#include "scan/scanner.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace sqlx::core {
// Lets gtest print positions as line:col in failure messages.
void PrintTo(const source_position& position, std::ostream* os) {
  *os << position.line << ':' << position.column;
}
}  // namespace sqlx::core

namespace {

namespace fs = std::filesystem;
using sqlx::core::query_occurrence;
using sqlx::core::scan_error;
using sqlx::core::scan_source;
using sqlx::core::scan_tree;
using sqlx::core::source_position;

std::vector<query_occurrence> scan(std::string_view source) {
  return scan_source(source, "q.cpp");
}

std::vector<std::string> texts(std::string_view source) {
  std::vector<std::string> result;
  for (const query_occurrence& occurrence : scan(source)) result.push_back(occurrence.text);
  return result;
}

// The text of the one occurrence in `source`.
std::string text(std::string_view source) {
  const std::vector<std::string> found = texts(source);
  EXPECT_EQ(found.size(), 1u) << source;
  return found.empty() ? std::string("<none>") : found.front();
}

query_occurrence only(std::string_view source) {
  std::vector<query_occurrence> found = scan(source);
  EXPECT_EQ(found.size(), 1u) << source;
  return found.empty() ? query_occurrence{} : found.front();
}

::testing::AssertionResult fails_with(std::string_view source, source_position at,
                                      std::string_view message) {
  try {
    (void)scan(source);
  } catch (const scan_error& e) {
    if (e.position() == at && e.message() == message && e.file() == "q.cpp") {
      return ::testing::AssertionSuccess();
    }
    return ::testing::AssertionFailure() << "got: " << e.what();
  }
  return ::testing::AssertionFailure() << "no error for: " << source;
}

// ---------------------------------------------------------------------------------------
// The macros

TEST(ScanSource, FindsEachMacroWithPositions) {
  const std::vector<query_occurrence> found = scan(
      "auto a = SQLX_QUERY(\"SELECT 1\", x).fetch_one(pool);\n"
      "auto b = SQLX_QUERY_AS(User, \"SELECT 2\");\n"
      "auto c = SQLX_QUERY_SCALAR(\"SELECT 3\").fetch_one(pool);\n");
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].file, fs::path("q.cpp"));
  EXPECT_EQ(found[0].macro, "SQLX_QUERY");
  EXPECT_EQ(found[0].text, "SELECT 1");
  EXPECT_EQ(found[0].macro_position, (source_position{1, 10}));
  EXPECT_EQ(found[0].literal_position, (source_position{1, 21}));
  EXPECT_EQ(found[1].macro, "SQLX_QUERY_AS");
  EXPECT_EQ(found[1].text, "SELECT 2");
  EXPECT_EQ(found[1].macro_position, (source_position{2, 10}));
  EXPECT_EQ(found[1].literal_position, (source_position{2, 30}));
  EXPECT_EQ(found[2].macro, "SQLX_QUERY_SCALAR");
  EXPECT_EQ(found[2].text, "SELECT 3");
  EXPECT_EQ(found[2].macro_position, (source_position{3, 10}));
  EXPECT_EQ(found[2].literal_position, (source_position{3, 28}));
}

TEST(ScanSource, EveryTextByteHasAPosition) {
  const query_occurrence q = only("SQLX_QUERY(\"ab\")");
  EXPECT_EQ(q.text_positions.expand(), (std::vector<source_position>{{1, 13}, {1, 14}}));
}

TEST(ScanSource, NoQueriesInPlainCode) {
  EXPECT_TRUE(scan("int main() { return 0; }\n").empty());
  EXPECT_TRUE(scan("").empty());
}

TEST(ScanSource, SpaceCommentsAndNewLinesBeforeTheParenthesis) {
  const query_occurrence q = only("SQLX_QUERY /* c */ \\\n\n  // d\n  (\"x\")");
  EXPECT_EQ(q.text, "x");
  EXPECT_EQ(q.macro_position, (source_position{1, 1}));
  EXPECT_EQ(q.literal_position, (source_position{4, 4}));
}

TEST(ScanSource, QueryAsSkipsTheTypeArgument) {
  EXPECT_EQ(text("SQLX_QUERY_AS(decltype(f(1, 2)), \"SELECT 1\")"), "SELECT 1");
  EXPECT_EQ(text("SQLX_QUERY_AS(row<','>, \"SELECT 2\")"), "SELECT 2");
  EXPECT_EQ(text("SQLX_QUERY_AS(T /* , */ \"\\\",\", \"SELECT 3\")"), "SELECT 3");
  EXPECT_EQ(text("SQLX_QUERY_AS(ns::T<R\"(,)\">, \"SELECT 4\")"), "SELECT 4");
  EXPECT_EQ(text("SQLX_QUERY_AS(\n  Row,\n  \"SELECT 5\",\n  id)"), "SELECT 5");
}

TEST(ScanSource, QueryAsSplitsArgumentsLikeThePreprocessor) {
  // Only parentheses group macro arguments, so this type splits: the compiler would see `int>`
  // as the SQL argument, and so does the scanner.
  EXPECT_TRUE(fails_with("SQLX_QUERY_AS(std::pair<int, int>, \"x\")", {1, 30},
                         "the SQL argument of SQLX_QUERY_AS must be a string literal"));
}

TEST(ScanSource, NestedCallsAreAllFound) {
  EXPECT_EQ(texts("SQLX_QUERY(\"outer $1\", SQLX_QUERY_SCALAR(\"inner\").fetch_one(c))"
                  ".execute(c); SQLX_QUERY(\"after\");"),
            (std::vector<std::string>{"outer $1", "inner", "after"}));
}

TEST(ScanSource, MacroNamesAreWholeIdentifiersFollowedByAParenthesis) {
  EXPECT_EQ(texts("MY_SQLX_QUERY(\"a\"); SQLX_QUERY_ASX(\"b\"); SQLX_QUERYX(\"c\");\n"
                  "sqlx_query(\"d\"); $SQLX_QUERY(\"e\"); x.SQLX_QUERY2(\"f\");\n"
                  "auto p = &SQLX_QUERY; SQLX_QUERY; auto s = \"\"SQLX_QUERY(\"suffix\");\n"
                  "auto c = 'c'SQLX_QUERY(\"char suffix\");\n"
                  "SQLX_QUERY(\"yes\");"),
            (std::vector<std::string>{"yes"}));
}

TEST(ScanSource, NameWithoutParenthesisDoesNotHideAFollowingDirective) {
  EXPECT_EQ(texts("x = SQLX_QUERY\n#define A SQLX_QUERY(\"no\")\nSQLX_QUERY(\"yes\")"),
            (std::vector<std::string>{"yes"}));
}

// ---------------------------------------------------------------------------------------
// Literal values

TEST(ScanSource, EncodingPrefixesAllGiveUtf8Text) {
  EXPECT_EQ(texts("SQLX_QUERY(u8\"\xC3\xA9\");\n"
                  "SQLX_QUERY(L\"\xC3\xA9\");\n"
                  "SQLX_QUERY(u\"\xF0\x9F\x98\x80\");\n"
                  "SQLX_QUERY(U\"\xE2\x82\xAC\");\n"),
            (std::vector<std::string>{"\xC3\xA9", "\xC3\xA9", "\xF0\x9F\x98\x80", "\xE2\x82\xAC"}));
}

TEST(ScanSource, MultiByteCharactersMapEachByteToItself) {
  const query_occurrence q = only("SQLX_QUERY(L\"\xC3\xA9x\")");
  EXPECT_EQ(q.text, "\xC3\xA9x");
  EXPECT_EQ(q.literal_position, (source_position{1, 12}));
  EXPECT_EQ(q.text_positions.expand(), (std::vector<source_position>{{1, 14}, {1, 15}, {1, 16}}));
}

TEST(ScanSource, RawStrings) {
  EXPECT_EQ(text("SQLX_QUERY(R\"(SELECT \"a\\n\" FROM t)\")"), "SELECT \"a\\n\" FROM t");
  EXPECT_EQ(text("SQLX_QUERY(R\"sql(SELECT ')\"' AS x)sql\")"), "SELECT ')\"' AS x");
  EXPECT_EQ(text("SQLX_QUERY(R\"--(a)-\" )\")--\")"), "a)-\" )\"");
  EXPECT_EQ(text("SQLX_QUERY(R\"(\nSELECT 1\r\n  FROM t\n)\")"), "\nSELECT 1\r\n  FROM t\n");
  EXPECT_EQ(text("SQLX_QUERY(R\"()\")"), "");
  EXPECT_EQ(text("SQLX_QUERY(R\"0123456789abcdef(x)0123456789abcdef\")"), "x");
  EXPECT_EQ(text("SQLX_QUERY(R\"\"\"(x)\"\"\")"), "x");
}

TEST(ScanSource, RawStringsWithPrefixes) {
  EXPECT_EQ(texts("SQLX_QUERY(u8R\"x(a)x\"); SQLX_QUERY(LR\"(b)\"); SQLX_QUERY(uR\"(c)\");"
                  " SQLX_QUERY(UR\"(\\u00e9)\");"),
            (std::vector<std::string>{"a", "b", "c", "\\u00e9"}));
}

TEST(ScanSource, RawStringPositionsFollowPhysicalLines) {
  const query_occurrence q = only("SQLX_QUERY(R\"(a\n bc)\")");
  EXPECT_EQ(q.literal_position, (source_position{1, 12}));
  EXPECT_EQ(q.text_positions.expand(),
            (std::vector<source_position>{{1, 15}, {1, 16}, {2, 1}, {2, 2}, {2, 3}}));
}

TEST(ScanSource, SimpleEscapes) {
  EXPECT_EQ(text(R"(SQLX_QUERY("\n\t\r\a\b\f\v\\\'\"\?"))"), "\n\t\r\a\b\f\v\\'\"?");
}

TEST(ScanSource, OctalEscapesTakeOneToThreeDigits) {
  EXPECT_EQ(text(R"(SQLX_QUERY("\101\1234\7\08\60"))"), std::string("AS4\a\0"
                                                                    "80",
                                                                    7));
}

TEST(ScanSource, HexEscapesTakeAnyNumberOfDigits) {
  EXPECT_EQ(text(R"(SQLX_QUERY("\x41\x000042\x7eZ"))"), "AB~Z");
}

TEST(ScanSource, EachLiteralEndsItsEscapes) {
  EXPECT_EQ(text(R"(SQLX_QUERY("\x4" "1" "\12" "3"))"),
            "\x04"
            "1\n3");
}

TEST(ScanSource, NarrowNumericEscapesAreRawBytes) {
  EXPECT_EQ(text(R"(SQLX_QUERY("\xff\377\x80" u8"\xC3\251"))"), "\xFF\xFF\x80\xC3\xA9");
}

TEST(ScanSource, UniversalCharacterNamesBecomeUtf8) {
  EXPECT_EQ(text(R"(SQLX_QUERY("\u00e9\U0001F600\u0041\U00000024"))"),
            "\xC3\xA9\xF0\x9F\x98\x80"
            "A$");
}

TEST(ScanSource, WideNumericEscapesAreCodePoints) {
  EXPECT_EQ(text(R"(SQLX_QUERY(L"\x41\xe9\351"))"), "A\xC3\xA9\xC3\xA9");
  EXPECT_EQ(text(R"(SQLX_QUERY(u"\xFFFD\101"))"),
            "\xEF\xBF\xBD"
            "A");
  EXPECT_EQ(text(R"(SQLX_QUERY(U"\x1F600"))"), "\xF0\x9F\x98\x80");
}

TEST(ScanSource, ConcatenationTakesTheEncodingOfThePrefixedPiece) {
  // The unprefixed piece is read as wide: \x100 is one wide character, not out of range.
  EXPECT_EQ(text(R"(SQLX_QUERY(L"" "\x100"))"), "\xC4\x80");
  EXPECT_EQ(text(R"(SQLX_QUERY(u8"a" "b" u8"c"))"), "abc");
}

TEST(ScanSource, EscapePositionsAreTheBackslash) {
  const query_occurrence q = only(R"(SQLX_QUERY("a\tb\u00e9c\x41"))");
  EXPECT_EQ(q.text,
            "a\tb\xC3\xA9"
            "cA");
  EXPECT_EQ(q.text_positions.expand(),
            (std::vector<source_position>{
                {1, 13}, {1, 14}, {1, 16}, {1, 17}, {1, 17}, {1, 23}, {1, 24}}));
}

TEST(ScanSource, AdjacentLiteralsAcrossLinesAndComments) {
  const query_occurrence q = only(
      "SQLX_QUERY(\"SELECT a \" // first\n"
      "           /* second */ R\"(FROM t )\"\n"
      "  u8\"WHERE x = $1\",\n"
      "  x);");
  EXPECT_EQ(q.text, "SELECT a FROM t WHERE x = $1");
  EXPECT_EQ(q.literal_position, (source_position{1, 12}));
  ASSERT_EQ(q.text_positions.size(), q.text.size());
  EXPECT_EQ(q.text_positions[8], (source_position{1, 21}));  // the space before the quote
  EXPECT_EQ(q.text_positions[9], (source_position{2, 28}));  // F of the raw literal
  EXPECT_EQ(q.text_positions[16], (source_position{3, 6}));  // W of the third literal
  EXPECT_EQ(q.text_positions.back(), (source_position{3, 17}));
}

TEST(ScanSource, UserDefinedSuffixOnOtherLiteralsIsSkipped) {
  EXPECT_EQ(texts("auto s = \"a\"sv; auto n = 12_km; SQLX_QUERY(\"x\");"),
            (std::vector<std::string>{"x"}));
}

// ---------------------------------------------------------------------------------------
// Line splices

TEST(ScanSource, SpliceInsideALiteralIsRemoved) {
  const query_occurrence q = only("SQLX_QUERY(\"ab\\\ncd\")");
  EXPECT_EQ(q.text, "abcd");
  EXPECT_EQ(q.text_positions.expand(),
            (std::vector<source_position>{{1, 13}, {1, 14}, {2, 1}, {2, 2}}));
}

TEST(ScanSource, SpliceWithCarriageReturnOrTrailingSpace) {
  EXPECT_EQ(text("SQLX_QUERY(\"ab\\\r\ncd\")"), "abcd");
  EXPECT_EQ(text("SQLX_QUERY(\"ab\\ \t\ncd\")"), "abcd");
}

TEST(ScanSource, SpliceInsideTheMacroName) {
  const query_occurrence q = only("x;\nSQLX_\\\nQUERY(\"x\")");
  EXPECT_EQ(q.macro, "SQLX_QUERY");
  EXPECT_EQ(q.macro_position, (source_position{2, 1}));
  EXPECT_EQ(q.literal_position, (source_position{3, 7}));
}

TEST(ScanSource, SpliceInsideARawStringIsKept) {
  EXPECT_EQ(text("SQLX_QUERY(R\"(a\\\nb)\")"), "a\\\nb");
}

TEST(ScanSource, SpliceBetweenPrefixAndQuote) {
  const query_occurrence q = only("SQLX_QUERY(u8\\\n\"x\" R\\\n\"(y)\")");
  EXPECT_EQ(q.text, "xy");
  EXPECT_EQ(q.literal_position, (source_position{1, 12}));
}

TEST(ScanSource, SpliceInsideAnEscapeSequence) {
  // The second backslash and the new-line are a splice, so the first backslash escapes `n`.
  const query_occurrence q = only("SQLX_QUERY(\"a\\\\\nn\\x4\\\n1\")");
  EXPECT_EQ(q.text, "a\nA");
  EXPECT_EQ(q.text_positions.expand(), (std::vector<source_position>{{1, 13}, {1, 14}, {2, 2}}));
}

// ---------------------------------------------------------------------------------------
// What is not a call

TEST(ScanSource, IgnoresCommentsStringsAndCharacters) {
  EXPECT_EQ(texts("// SQLX_QUERY(\"line\")\n"
                  "/* SQLX_QUERY(\"block\")\n SQLX_QUERY(\"block2\") */\n"
                  "const char* s = \"SQLX_QUERY(\\\"string\\\")\";\n"
                  "const char* r = R\"(SQLX_QUERY(\"raw\"))\";\n"
                  "char c = '\"'; SQLX_QUERY(\"yes1\");\n"
                  "int n = 1'000; SQLX_QUERY(\"yes2\"); char d = 'x', e = '\\'';\n"
                  "auto w = u8'\"'; double f = .5e+3'1; SQLX_QUERY(\"yes3\");\n"),
            (std::vector<std::string>{"yes1", "yes2", "yes3"}));
}

TEST(ScanSource, SplicedLineCommentGoesOn) {
  EXPECT_EQ(texts("// comment \\\nSQLX_QUERY(\"no\")\nSQLX_QUERY(\"yes\")"),
            (std::vector<std::string>{"yes"}));
}

TEST(ScanSource, BlockCommentEndMayBeSpliced) {
  EXPECT_EQ(texts("/* a *\\\n/ SQLX_QUERY(\"yes\") /* */ /*/ SQLX_QUERY(\"no\") */"),
            (std::vector<std::string>{"yes"}));
}

TEST(ScanSource, UnterminatedCharacterLiteralIsALoneQuote) {
  EXPECT_EQ(texts("#if 0\nit's fine\n#endif\nSQLX_QUERY(\"yes\")"),
            (std::vector<std::string>{"yes"}));
}

TEST(ScanSource, IgnoresDirectiveLines) {
  const std::string_view source =
      "#define SQLX_QUERY(sql, ...) ::sqlx::detail::query<sql>(__VA_ARGS__)\n"
      "#  define SQLX_QUERY_AS(T, sql, ...) \\\n"
      "     ::sqlx::detail::query_as<T, sql>(SQLX_QUERY(\"spliced\"))\n"
      "#undef SQLX_QUERY\n"
      "  #ifdef SQLX_QUERY_SCALAR\n"
      "#define X /* a comment\n"
      "  over lines */ SQLX_QUERY(\"comment\")\n"
      "/* before */ # define Y SQLX_QUERY(\"after comment\")\n"
      "%:define Z SQLX_QUERY(\"digraph\")\n"
      "#define W R\"(raw\n"
      "SQLX_QUERY(\"raw in define\"))\"\n"
      "#error don't \"stop\n"
      "#endif\n"
      "x; SQLX_QUERY(\"yes\"); # SQLX_QUERY(\"yes too\")\n";
  EXPECT_EQ(texts(source), (std::vector<std::string>{"yes", "yes too"}));
}

// ---------------------------------------------------------------------------------------
// Errors

TEST(ScanErrors, WhatNamesFileLineAndColumn) {
  const scan_error located("a/b.cpp", {2, 5}, "bad thing");
  EXPECT_STREQ(located.what(), "a/b.cpp:2:5: error: bad thing");
  EXPECT_EQ(located.message(), "bad thing");
  EXPECT_EQ(located.file(), fs::path("a/b.cpp"));
  const scan_error whole_file("a/b.cpp", {0, 0}, "bad file");
  EXPECT_STREQ(whole_file.what(), "a/b.cpp: error: bad file");
}

TEST(ScanErrors, UnterminatedStringLiteral) {
  EXPECT_TRUE(fails_with("SQLX_QUERY(\"abc\n\")", {1, 12}, "unterminated string literal"));
  EXPECT_TRUE(fails_with("x;\nauto s = u8\"abc", {2, 12}, "unterminated string literal"));
  EXPECT_TRUE(fails_with("auto s = \"abc\\\"\n", {1, 10}, "unterminated string literal"));
  EXPECT_TRUE(fails_with("SQLX_QUERY(\"a\" \"b\\", {1, 16}, "unterminated string literal"));
}

TEST(ScanErrors, UnterminatedRawString) {
  EXPECT_TRUE(fails_with("SQLX_QUERY(R\"x(abc)y\")", {1, 13}, "unterminated raw string"));
  EXPECT_TRUE(fails_with("auto s = LR\"abc", {1, 12}, "unterminated raw string"));
}

TEST(ScanErrors, BadRawStringDelimiter) {
  EXPECT_TRUE(fails_with("SQLX_QUERY(R\"0123456789abcdefg(x)0123456789abcdefg\")", {1, 13},
                         "raw string delimiter longer than 16 characters"));
  EXPECT_TRUE(fails_with("SQLX_QUERY(R\"a b(x)a b\")", {1, 15},
                         "invalid character in raw string delimiter"));
  EXPECT_TRUE(fails_with("SQLX_QUERY(R\"a\\\nb(x)a\\\nb\")", {1, 15},
                         "invalid character '\\' in raw string delimiter"));
}

TEST(ScanErrors, UnterminatedBlockComment) {
  EXPECT_TRUE(fails_with("int a;\n  /* abc */ /* def", {2, 13}, "unterminated block comment"));
}

TEST(ScanErrors, SqlArgumentMustBeAStringLiteral) {
  const std::string message = "the SQL argument of SQLX_QUERY must be a string literal";
  EXPECT_TRUE(fails_with("SQLX_QUERY(sql)", {1, 12}, message));
  EXPECT_TRUE(fails_with("SQLX_QUERY(\n  42)", {2, 3}, message));
  EXPECT_TRUE(fails_with("SQLX_QUERY(MAKE_SQL(\"x\"))", {1, 12}, message));
  EXPECT_TRUE(fails_with("SQLX_QUERY((\"x\"))", {1, 12}, message));
  EXPECT_TRUE(fails_with("SQLX_QUERY(\"a\" PRId64)", {1, 16}, message));
  EXPECT_TRUE(fails_with("SQLX_QUERY(\"a\" + b)", {1, 16}, message));
  EXPECT_TRUE(fails_with("SQLX_QUERY(", {1, 12}, message));
  EXPECT_TRUE(fails_with("SQLX_QUERY(\n", {2, 1}, message));
  EXPECT_TRUE(
      fails_with("SQLX_QUERY(\"a\"_sql)", {1, 15}, message + " (not a user-defined literal)"));
  EXPECT_TRUE(fails_with("SQLX_QUERY_AS(T, name)", {1, 18},
                         "the SQL argument of SQLX_QUERY_AS must be a string literal"));
  EXPECT_TRUE(fails_with("SQLX_QUERY_AS(T)", {1, 16},
                         "the SQL argument of SQLX_QUERY_AS must be a string literal"));
  EXPECT_TRUE(fails_with("SQLX_QUERY_SCALAR('x')", {1, 19},
                         "the SQL argument of SQLX_QUERY_SCALAR must be a string literal"));
}

TEST(ScanErrors, UnterminatedArgumentList) {
  EXPECT_TRUE(fails_with("x;\n  SQLX_QUERY(\"a\"", {2, 3},
                         "unterminated argument list of SQLX_QUERY (missing ')')"));
  EXPECT_TRUE(fails_with("SQLX_QUERY(\"a\", f(x)", {1, 1},
                         "unterminated argument list of SQLX_QUERY (missing ')')"));
  EXPECT_TRUE(fails_with("SQLX_QUERY_AS(decltype(f(x)", {1, 1},
                         "unterminated argument list of SQLX_QUERY_AS"));
  EXPECT_TRUE(fails_with("SQLX_QUERY(\"a\", SQLX_QUERY_SCALAR(\"b\", x)", {1, 1},
                         "unterminated argument list of SQLX_QUERY (missing ')')"));
  EXPECT_EQ(texts("f(SQLX_QUERY(\"a\", g(1, (2))), 3); SQLX_QUERY(\"b\", x);"),
            (std::vector<std::string>{"a", "b"}));
}

TEST(ScanErrors, BadEscapes) {
  EXPECT_TRUE(fails_with(R"(SQLX_QUERY("a\qb"))", {1, 14}, "unknown escape sequence '\\q'"));
  EXPECT_TRUE(fails_with("SQLX_QUERY(\"\\\xC3\xA9\")", {1, 13}, "unknown escape sequence"));
  EXPECT_TRUE(fails_with(R"(SQLX_QUERY("\xg"))", {1, 13}, "\\x used with no following hex digits"));
  EXPECT_TRUE(
      fails_with(R"(SQLX_QUERY("ab\u12"))", {1, 15}, "incomplete universal character name"));
  EXPECT_TRUE(
      fails_with(R"(SQLX_QUERY("\U0001F60"))", {1, 13}, "incomplete universal character name"));
  EXPECT_TRUE(fails_with(R"(SQLX_QUERY("\uD800"))", {1, 13},
                         "\\U0000D800 is not a valid universal character name"));
  EXPECT_TRUE(fails_with(R"(SQLX_QUERY("\U00110000"))", {1, 13},
                         "\\U00110000 is not a valid universal character name"));
  EXPECT_TRUE(fails_with(R"(SQLX_QUERY("\x100"))", {1, 13}, "escape sequence out of range"));
  EXPECT_TRUE(fails_with(R"(SQLX_QUERY(u8"\400"))", {1, 15}, "escape sequence out of range"));
  EXPECT_TRUE(fails_with(R"(SQLX_QUERY(u"\x10000"))", {1, 14}, "escape sequence out of range"));
  EXPECT_TRUE(fails_with(R"(SQLX_QUERY(U"\x100000000"))", {1, 14}, "escape sequence out of range"));
  // 2^64 + 0x41 would wrap to 'A' in 64 bits.
  EXPECT_TRUE(
      fails_with(R"(SQLX_QUERY(U"\x10000000000000041"))", {1, 14}, "escape sequence out of range"));
  EXPECT_TRUE(fails_with(R"(SQLX_QUERY(L"\xD800"))", {1, 14},
                         "escape sequence value 0xD800 is not a Unicode character; the query "
                         "text must be UTF-8"));
}

TEST(ScanErrors, EscapesOutsideTheSqlAreNotJudged) {
  EXPECT_EQ(texts(R"(auto s = "\q\x"; SQLX_QUERY("x");)"), (std::vector<std::string>{"x"}));
}

TEST(ScanErrors, MixedEncodingPrefixes) {
  EXPECT_TRUE(fails_with(R"(SQLX_QUERY(u8"a" "b" L"c"))", {1, 22},
                         "cannot concatenate string literals with different encoding prefixes"));
}

TEST(ScanErrors, InvalidUtf8) {
  const std::string message = "file is not valid UTF-8";
  EXPECT_TRUE(fails_with("int a;\nint b\xFF;", {2, 6}, message));
  EXPECT_TRUE(fails_with("// \xC0\x80", {1, 4}, message));           // overlong
  EXPECT_TRUE(fails_with("/* \xED\xA0\x80 */", {1, 4}, message));    // surrogate
  EXPECT_TRUE(fails_with("\"\xF4\x90\x80\x80\"", {1, 2}, message));  // past U+10FFFF
  EXPECT_TRUE(fails_with("abcdefghijk\xE2\x82", {1, 12}, message));  // truncated
  EXPECT_TRUE(fails_with("\xC3\xA9\xC3(", {1, 3}, message));         // bad continuation
  EXPECT_EQ(text("/* \xEF\xBB\xBF \xF4\x8F\xBF\xBF */ SQLX_QUERY(\"x\")"), "x");
}

TEST(ScanSource, ByteOrderMarkIsSkipped) {
  const query_occurrence q = only("\xEF\xBB\xBFSQLX_QUERY(\"x\")");
  EXPECT_EQ(q.macro_position, (source_position{1, 1}));
  EXPECT_EQ(q.text_positions.expand(), (std::vector<source_position>{{1, 13}}));
  EXPECT_TRUE(fails_with("\xEF\xBB\xBF#define A\n\xEF\xBB\xBF SQLX_QUERY(x)", {2, 16},
                         "the SQL argument of SQLX_QUERY must be a string literal"));
}

TEST(ScanSource, ManyQueries) {
  std::string source;
  for (int i = 0; i < 1000; ++i) {
    source += "auto r" + std::to_string(i) + " = SQLX_QUERY(\"SELECT " + std::to_string(i) +
              "\", id).fetch_one(pool); // note\n";
  }
  const std::vector<query_occurrence> found = scan(source);
  ASSERT_EQ(found.size(), 1000u);
  EXPECT_EQ(found[999].text, "SELECT 999");
  EXPECT_EQ(found[999].macro_position, (source_position{1000, 13}));
}

// ---------------------------------------------------------------------------------------
// Trees

class ScanTree : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "scanner_test.XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    root_ = pattern;
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }

  void write(const fs::path& relative, const std::string& content) {
    const fs::path file = root_ / relative;
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << content;
  }

  static std::string query(const std::string& sql) { return "SQLX_QUERY(\"" + sql + "\");\n"; }

  // "file name: text" for each occurrence, relative to root_.
  std::vector<std::string> found(const std::vector<fs::path>& roots) {
    std::vector<std::string> result;
    for (const query_occurrence& q : scan_tree(roots)) {
      result.push_back(q.file.lexically_relative(root_).generic_string() + ": " + q.text);
    }
    return result;
  }

  fs::path root_;
};

TEST_F(ScanTree, WalksSourcesInSortedOrderAndSkipsBuildAndHiddenDirectories) {
  write("b.cpp", query("b"));
  write("a.hpp", query("a1") + query("a2"));
  write("sub/c.cc", query("c"));
  write("sub/d.cxx", query("d"));
  write("sub/e.h", query("e"));
  write("sub/f.hh", query("f"));
  write("sub/g.ipp", query("g"));
  write("sub/skip.txt", query("txt"));
  write("sub/skip.CPP", query("upper case"));
  write("sub/skip.c", query("c file"));
  write("build/x.cpp", query("build"));
  write("cmake-build-debug/x.cpp", query("cmake-build"));
  write("out/CMakeCache.txt", "");
  write("out/x.cpp", query("cmake cache"));
  write(".hidden/x.cpp", query("hidden"));
  write(".git/x.cpp", query("git"));
  write("sub/deeper/.cache/x.cpp", query("deep hidden"));
  write("builder/x.cpp", query("builder"));
  EXPECT_EQ(found({root_}),
            (std::vector<std::string>{"a.hpp: a1", "a.hpp: a2", "b.cpp: b",
                                      "builder/x.cpp: builder", "sub/c.cc: c", "sub/d.cxx: d",
                                      "sub/e.h: e", "sub/f.hh: f", "sub/g.ipp: g"}));
}

TEST_F(ScanTree, FileRootsAreScannedDirectlyAndDuplicatesOnce) {
  write("src/a.cpp", query("a"));
  write("src/z.sql.inc", query("inc"));
  write("build/gen.cpp", query("generated"));
  fs::create_symlink(root_ / "src" / "a.cpp", root_ / "z-link.cpp");  // the same file again
  EXPECT_EQ(
      found({root_ / "src", root_ / "src" / "." / "a.cpp", root_ / "src/z.sql.inc", root_ / "build",
             root_ / "z-link.cpp"}),
      (std::vector<std::string>{"build/gen.cpp: generated", "src/a.cpp: a", "src/z.sql.inc: inc"}));
}

TEST_F(ScanTree, MissingRootIsAnError) {
  const fs::path missing = root_ / "nope";
  try {
    (void)scan_tree({missing});
    FAIL() << "no error";
  } catch (const scan_error& e) {
    EXPECT_EQ(e.file(), missing);
    EXPECT_EQ(e.position(), (source_position{0, 0}));
    EXPECT_EQ(e.message(), "no such file or directory");
    EXPECT_EQ(std::string(e.what()), missing.string() + ": error: no such file or directory");
  }
}

TEST_F(ScanTree, BadFileIsAnErrorNamingIt) {
  write("a.cpp", query("a"));
  write("b.cpp", "x;\n  SQLX_QUERY(sql);\n");
  try {
    (void)scan_tree({root_});
    FAIL() << "no error";
  } catch (const scan_error& e) {
    EXPECT_EQ(e.file(), root_ / "b.cpp");
    EXPECT_EQ(e.position(), (source_position{2, 14}));
  }
}

}  // namespace

namespace sqlx::core {

TEST(text_positions, keeps_a_literal_as_runs_and_answers_every_byte) {
  const auto found =
      scan_source("auto q = SQLX_QUERY(\"SELECT 1\"\n    \" + \\x32\");\n", "runs.cpp");
  ASSERT_EQ(found.size(), 1u);
  const auto& positions = found[0].text_positions;
  ASSERT_EQ(positions.size(), found[0].text.size());
  // "SELECT 1" on line 1, " + " and the escape (at its backslash, the next column) on line 2:
  // two runs, not one position per byte.
  EXPECT_EQ(positions.runs().size(), 2u);
  EXPECT_EQ(positions[0], (source_position{1, 22}));
  EXPECT_EQ(positions[7], (source_position{1, 29}));
  EXPECT_EQ(positions[8], (source_position{2, 6}));
  EXPECT_EQ(positions.back(), (source_position{2, 9}));
  const auto every = positions.expand();
  for (std::size_t byte = 0; byte < every.size(); ++byte) EXPECT_EQ(every[byte], positions[byte]);
}

TEST(text_positions, an_escape_of_several_bytes_maps_each_to_its_backslash) {
  text_positions positions;
  positions.push_back({1, 5});
  positions.append(3, {1, 6});
  positions.push_back({1, 12});
  EXPECT_EQ(positions.expand(),
            (std::vector<source_position>{{1, 5}, {1, 6}, {1, 6}, {1, 6}, {1, 12}}));
}

TEST(text_positions, assign_rejects_runs_that_do_not_describe_the_bytes) {
  text_positions positions;
  EXPECT_TRUE(positions.assign(0, {}));
  EXPECT_FALSE(positions.assign(3, {}));
  EXPECT_FALSE(positions.assign(3, {{1, {1, 1}}}));               // not from byte 0
  EXPECT_FALSE(positions.assign(3, {{0, {1, 1}}, {0, {2, 1}}}));  // starts not increasing
  EXPECT_FALSE(positions.assign(3, {{0, {1, 1}}, {3, {2, 1}}}));  // a run past the end
  EXPECT_TRUE(positions.empty());
  EXPECT_TRUE(positions.assign(3, {{0, {1, 1}}, {2, {2, 1}}}));
  EXPECT_EQ(positions.expand(), (std::vector<source_position>{{1, 1}, {1, 2}, {2, 1}}));
}

}  // namespace sqlx::core
