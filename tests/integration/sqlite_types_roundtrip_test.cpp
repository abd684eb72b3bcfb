// The SQLite codecs against a real database file: each value is bound into a table column,
// stored as sqlx stores it (checked with SQLite's typeof() and the stored text), read back,
// and the values SQLite itself writes (datetime(), unixepoch(), json_group_array()) are read.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <limits>
#include <optional>
#include <sqlx/sqlite.hpp>
#include <string>
#include <vector>

#include "support/expect_throw.hpp"
#include "support/db_dir.hpp"

namespace {

using namespace std::chrono_literals;
using sqlx::sqlite::connection;
using sys_us = std::chrono::sys_time<std::chrono::microseconds>;
using local_us = std::chrono::local_time<std::chrono::microseconds>;

class SqliteTypes : public ::testing::Test {
 protected:
  sqlx::test::db_dir dir;
  connection conn = connection::connect("sqlite://" + dir.file("types.db") + "?mode=rwc");

  void SetUp() override {
    conn.execute(
        "CREATE TABLE v (i INTEGER, r REAL, t TEXT, b BLOB, n NUMERIC, f BOOLEAN, d DATE, "
        "tm TIME, dt DATETIME)");
  }

  // Stores `value` in `column`, then returns typeof(column), the stored value as text
  // (hex for blobs) and the value read back as T.
  template <typename T>
  std::tuple<std::string, std::string, T> round_trip(const std::string& column, const T& value) {
    conn.execute("DELETE FROM v");
    conn.execute("INSERT INTO v (" + column + ") VALUES (?)", value);
    auto stmt = conn.prepare("SELECT typeof(" + column + "), CASE typeof(" + column +
                             ") WHEN 'blob' THEN hex(" + column + ") ELSE CAST(" + column +
                             " AS TEXT) END, " + column + " FROM v");
    EXPECT_TRUE(stmt.step());
    return {stmt.get<std::string>(0), stmt.get<std::string>(1), stmt.get<T>(2)};
  }

  template <typename T>
  T select(const std::string& expression) {
    auto stmt = conn.prepare("SELECT " + expression);
    EXPECT_TRUE(stmt.step());
    return stmt.get<T>(0);
  }
};

TEST_F(SqliteTypes, Integers) {
  EXPECT_EQ(round_trip<std::int64_t>("i", std::numeric_limits<std::int64_t>::min()),
            std::make_tuple(std::string("integer"), std::string("-9223372036854775808"),
                            std::numeric_limits<std::int64_t>::min()));
  EXPECT_EQ(std::get<2>(round_trip<std::int32_t>("i", -7)), -7);
  EXPECT_EQ(std::get<2>(round_trip<std::int16_t>("i", 32767)), 32767);
  EXPECT_EQ(std::get<2>(round_trip<std::int8_t>("i", -128)), -128);
  EXPECT_EQ(std::get<2>(round_trip<std::uint32_t>("i", 4294967295U)), 4294967295U);
  EXPECT_EQ(std::get<2>(round_trip<std::uint8_t>("i", 255)), 255);
  // Out of range for the C++ type: an error naming it, never a wrapped value.
  const auto message =
      sqlx::test::expect_throw<sqlx::decode_error>([&] { (void)select<std::int16_t>("70000"); });
  EXPECT_NE(message.find("does not fit in std::int16_t"), std::string::npos) << message;
  EXPECT_THROW((void)select<std::uint32_t>("-1"), sqlx::decode_error);
}

TEST_F(SqliteTypes, BoolIsAnInteger) {
  EXPECT_EQ(round_trip("f", true), std::make_tuple(std::string("integer"), std::string("1"), true));
  EXPECT_EQ(round_trip("f", false),
            std::make_tuple(std::string("integer"), std::string("0"), false));
  EXPECT_TRUE(select<bool>("2 > 1"));
}

TEST_F(SqliteTypes, Floats) {
  EXPECT_EQ(round_trip("r", 0.1), std::make_tuple(std::string("real"), std::string("0.1"), 0.1));
  EXPECT_EQ(std::get<2>(round_trip("r", 2.5F)), 2.5F);
  EXPECT_EQ(select<double>("3"), 3.0);  // INTEGER read as double
  EXPECT_EQ(std::get<2>(round_trip("n", 12.25)), 12.25);
}

TEST_F(SqliteTypes, TextAndViews) {
  const std::string text("caf\xc3\xa9 with a \0 inside", 21);
  EXPECT_EQ(round_trip("t", text), std::make_tuple(std::string("text"), text, text));
  conn.execute("DELETE FROM v");
  const std::string_view view = "a view";
  const char* pointer = "a pointer";
  conn.execute("INSERT INTO v (t) VALUES (?), (?), (?)", view, pointer, "a literal");
  auto stmt = conn.prepare("SELECT group_concat(t, '|') FROM v");
  ASSERT_TRUE(stmt.step());
  EXPECT_EQ(stmt.get<std::string>(0), "a view|a pointer|a literal");
  EXPECT_EQ(std::get<2>(round_trip("t", std::string())), "");
}

TEST_F(SqliteTypes, Blobs) {
  const std::vector<std::byte> bytes{std::byte{0}, std::byte{0xff}, std::byte{0x10}};
  EXPECT_EQ(round_trip("b", bytes),
            std::make_tuple(std::string("blob"), std::string("00FF10"), bytes));
  // Empty is an empty blob, not NULL.
  EXPECT_EQ(std::get<0>(round_trip("b", std::vector<std::byte>())), "blob");
  const std::span<const std::byte> span(bytes);
  conn.execute("DELETE FROM v");
  conn.execute("INSERT INTO v (b) VALUES (?)", span);
  EXPECT_EQ(select<std::vector<std::byte>>("b FROM v"), bytes);
}

TEST_F(SqliteTypes, OptionalIsNull) {
  conn.execute("INSERT INTO v (i) VALUES (?)", std::optional<std::int64_t>());
  EXPECT_EQ(select<std::string>("typeof(i) FROM v"), "null");
  EXPECT_EQ(std::get<2>(round_trip("i", std::optional<std::int64_t>(5))), 5);
  EXPECT_EQ(select<std::optional<std::string>>("NULL"), std::nullopt);
}

TEST_F(SqliteTypes, DateTimesAsSqlxWritesThem) {
  const sys_us utc = std::chrono::sys_days(2024y / 5 / 1) + 12h + 30min + 250ms;
  EXPECT_EQ(
      round_trip("dt", utc),
      std::make_tuple(std::string("text"), std::string("2024-05-01T12:30:00.250+00:00"), utc));
  const sys_us micro = std::chrono::sys_days(1969y / 12 / 31) + 23h + 59min + 59s + 123457us;
  EXPECT_EQ(
      round_trip("dt", micro),
      std::make_tuple(std::string("text"), std::string("1969-12-31T23:59:59.123457+00:00"), micro));
  const local_us local = std::chrono::local_days(2024y / 2 / 29) + 1h;
  EXPECT_EQ(round_trip("dt", local),
            std::make_tuple(std::string("text"), std::string("2024-02-29 01:00:00"), local));
  const std::chrono::sys_days day = 2024y / 12 / 6;
  EXPECT_EQ(round_trip("d", day),
            std::make_tuple(std::string("text"), std::string("2024-12-06"), day));
  const sqlx::pg::time_of_day time(13h, 5min, 9s, 500000us);
  EXPECT_EQ(round_trip("tm", time),
            std::make_tuple(std::string("text"), std::string("13:05:09.5"), time));
  // SQLite's own date functions understand what we write.
  conn.execute("DELETE FROM v");
  conn.execute("INSERT INTO v (dt) VALUES (?)", utc);
  EXPECT_EQ(select<std::int64_t>("unixepoch(dt) FROM v"),
            std::chrono::floor<std::chrono::seconds>(utc).time_since_epoch().count());
}

TEST_F(SqliteTypes, DateTimesSqliteWrites) {
  const sys_us expected = std::chrono::sys_days(2024y / 5 / 1) + 12h + 30min;
  EXPECT_EQ(select<sys_us>("datetime('2024-05-01 12:30:00')"), expected);
  EXPECT_EQ(select<sys_us>("'2024-05-01T14:30+02:00'"), expected);  // offset applied
  EXPECT_EQ(select<sys_us>("'2024-05-01T12:30:00Z'"), expected);
  EXPECT_EQ(select<sys_us>("unixepoch('2024-05-01 12:30:00')"), expected);  // INTEGER
  EXPECT_EQ(select<sys_us>("julianday('2024-05-01 12:30:00')"), expected);  // REAL
  EXPECT_EQ(select<local_us>("'2024-05-01 12:30:00+02:00'"),
            std::chrono::local_days(2024y / 5 / 1) + 12h + 30min);  // naive: offset ignored
  EXPECT_EQ(select<std::chrono::sys_days>("date('2024-05-01 12:30:00')"),
            std::chrono::sys_days(2024y / 5 / 1));
  EXPECT_EQ(select<sqlx::pg::time_of_day>("time('2024-05-01 12:30:00')"),
            sqlx::pg::time_of_day(12h, 30min, 0s));
  const auto message =
      sqlx::test::expect_throw<sqlx::decode_error>([&] { (void)select<sys_us>("'yesterday'"); });
  EXPECT_NE(message.find("\"yesterday\""), std::string::npos) << message;
  EXPECT_THROW((void)select<std::chrono::sys_days>("'2024-02-30'"), sqlx::decode_error);
}

TEST_F(SqliteTypes, JsonIsText) {
  const nlohmann::json doc = {{"a", 1}, {"b", {true, nullptr, "x"}}};
  const auto [type, stored, back] = round_trip("t", doc);
  EXPECT_EQ(type, "text");
  EXPECT_EQ(stored, doc.dump());
  EXPECT_EQ(back, doc);
  EXPECT_EQ(select<nlohmann::json>("json_object('k', 2)"), nlohmann::json({{"k", 2}}));
  EXPECT_THROW((void)select<nlohmann::json>("'{'"), sqlx::decode_error);
}

TEST_F(SqliteTypes, UuidIsA16ByteBlob) {
  const auto id = sqlx::pg::uuid::parse("67e55044-10b1-426f-9247-bb680e5fe0c8");
  EXPECT_EQ(
      round_trip("b", id),
      std::make_tuple(std::string("blob"), std::string("67E5504410B1426F9247BB680E5FE0C8"), id));
  EXPECT_EQ(select<sqlx::pg::uuid>("'67e55044-10b1-426f-9247-bb680e5fe0c8'"), id);
  EXPECT_THROW((void)select<sqlx::pg::uuid>("x'0102'"), sqlx::decode_error);
}

TEST_F(SqliteTypes, VectorBindsAnInListThroughJsonEach) {
  conn.execute("INSERT INTO v (i, t) VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd')");
  auto stmt = conn.prepare(
      "SELECT group_concat(t, '') FROM (SELECT t FROM v WHERE i IN (SELECT value FROM "
      "json_each(?)) ORDER BY i)");
  const std::vector<std::int64_t> ids{4, 2, 9};
  stmt.bind(1, ids);
  ASSERT_TRUE(stmt.step());
  EXPECT_EQ(stmt.get<std::string>(0), "bd");

  auto by_name = conn.prepare("SELECT count(*) FROM v WHERE t IN (SELECT value FROM json_each(?))");
  const std::vector<std::string> names{"a", "c", "quote\"d"};
  by_name.bind(1, names);
  ASSERT_TRUE(by_name.step());
  EXPECT_EQ(by_name.get<int>(0), 2);

  EXPECT_EQ(select<std::vector<std::int64_t>>("json_group_array(i) FROM v"),
            (std::vector<std::int64_t>{1, 2, 3, 4}));
  EXPECT_EQ(select<std::vector<std::string>>("json_group_array(t) FROM v"),
            (std::vector<std::string>{"a", "b", "c", "d"}));
  // An empty list matches nothing.
  auto none = conn.prepare("SELECT count(*) FROM v WHERE i IN (SELECT value FROM json_each(?))");
  none.bind(1, std::vector<std::int64_t>{});
  ASSERT_TRUE(none.step());
  EXPECT_EQ(none.get<int>(0), 0);
}

TEST_F(SqliteTypes, AcceptsTheSqliteTypesSqlxDoes) {
  using sqlx::sqlite::accepts_sqlite_type;
  static_assert(accepts_sqlite_type<std::int64_t>("INTEGER"));
  static_assert(accepts_sqlite_type<bool>("BOOLEAN"));
  static_assert(!accepts_sqlite_type<std::int64_t>("TEXT"));
  static_assert(accepts_sqlite_type<std::optional<std::string>>("TEXT"));
  static_assert(accepts_sqlite_type<sys_us>("DATETIME"));
  static_assert(!accepts_sqlite_type<std::string>("BLOB"));
  static_assert(accepts_sqlite_type<std::string>(""));  // type not inferred: anything goes
  static_assert(accepts_sqlite_type<std::nullopt_t>("INTEGER"));
  static_assert(!accepts_sqlite_type<std::uint64_t>("INTEGER"));  // no traits, as in sqlx
  SUCCEED();
}

}  // namespace
