// The codecs against a real server, over raw libpq: every value is (a) sent as a parameter
// in the codec's format and compared by the server with the SQL literal it should equal,
// and (b) selected from a literal, received in binary (and, for the text-format types, also
// in text) and decoded into the C++ value it should equal.
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sqlx/pg/types.hpp"
#include "sqlx/pg/types/json.hpp"
#include "support/test_cluster.hpp"

namespace app {
enum class mood { happy, neutral, grumpy };
SQLX_PG_ENUM(mood, "mood", happy, neutral, grumpy)

enum class state { open, paid, void_ };
}  // namespace app

template <>
struct sqlx::pg::enum_traits<app::state> {
  static constexpr std::string_view type_name = "billing.state";
  static constexpr std::array labels{
      std::pair{app::state::open, std::string_view("open")},
      std::pair{app::state::paid, std::string_view("it's \"paid\", really")},
      std::pair{app::state::void_, std::string_view("void")},
  };
};

namespace {

using namespace sqlx::pg;
using namespace std::chrono_literals;
using std::chrono::microseconds;
using sys_us = std::chrono::sys_time<microseconds>;
using local_us = std::chrono::local_time<microseconds>;
using std::chrono::sys_days;

// One bind parameter in wire form.
struct wire_param {
  std::optional<std::string> bytes;  // nullopt = SQL NULL
  int format = 1;
};

template <typename T>
wire_param param(const T& value) {
  std::string out;
  type_traits<T>::encode(value, out);
  return {std::move(out), uses_binary_encoding<T>() ? 1 : 0};
}

class types_roundtrip : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    conn_ = new sqlx::pg::connection(
        sqlx::pg::connection::connect(sqlx::test::fresh_database("types_roundtrip")));
    conn_->execute(R"sql(
      CREATE TYPE mood AS ENUM ('happy', 'neutral', 'grumpy', 'ecstatic');
      CREATE SCHEMA billing;
      CREATE TYPE billing.state AS ENUM ('open', 'it''s "paid", really', 'void');
      CREATE TABLE holder (
        id int4 PRIMARY KEY, vc varchar(20), bp char(4), vcs varchar(10)[], j json, jb jsonb,
        jbs jsonb[], m mood, ms mood[], st billing.state, sts billing.state[], net cidr,
        nets cidr[], addrs inet[]);
    )sql");
  }
  static void TearDownTestSuite() {
    delete conn_;
    conn_ = nullptr;
  }

  static sqlx::pg::detail::pq_result run(const std::string& sql,
                                         const std::vector<wire_param>& params, int result_format) {
    std::vector<const char*> values;
    std::vector<int> lengths;
    std::vector<int> formats;
    for (const auto& p : params) {
      values.push_back(p.bytes ? p.bytes->data() : nullptr);
      lengths.push_back(p.bytes ? static_cast<int>(p.bytes->size()) : 0);
      formats.push_back(p.format);
    }
    sqlx::pg::detail::pq_result result(
        PQexecParams(conn_->native_handle(), sql.c_str(), static_cast<int>(params.size()), nullptr,
                     values.data(), lengths.data(), formats.data(), result_format));
    sqlx::test::check_result(conn_->native_handle(), result.get());
    return result;
  }

  // The only value of `sql`'s result, in text format; "<NULL>" for NULL.
  static std::string text_value(const std::string& sql,
                                const std::vector<wire_param>& params = {}) {
    auto result = run(sql, params, 0);
    EXPECT_EQ(PQntuples(result.get()), 1) << sql;
    EXPECT_EQ(PQnfields(result.get()), 1) << sql;
    if (PQgetisnull(result.get(), 0, 0) != 0) return "<NULL>";
    return {PQgetvalue(result.get(), 0, 0),
            static_cast<std::size_t>(PQgetlength(result.get(), 0, 0))};
  }

  // (a) `value` sent as $1 is, according to the server, the value of `literal` (an SQL
  // expression of type `pg_type`). On failure, shows what the server made of the parameter.
  template <typename T>
  static void expect_param(const T& value, const std::string& pg_type, const std::string& literal) {
    const std::string cast = "$1::" + pg_type;
    const auto same = text_value(
        "SELECT " + cast + " IS NOT DISTINCT FROM (" + literal + ")::" + pg_type, {param(value)});
    EXPECT_EQ(same, "t") << pg_type << " parameter received as "
                         << text_value("SELECT " + cast + "::text", {param(value)}) << ", expected "
                         << text_value("SELECT (" + literal + ")::" + pg_type + "::text");
  }

  // The server's text for `value` sent as $1 of `pg_type`.
  template <typename T>
  static std::string param_text(const T& value, const std::string& pg_type) {
    return text_value("SELECT $1::" + pg_type + "::text", {param(value)});
  }

  // (b) The only value of `sql`, fetched in `format` and decoded as T.
  template <typename T>
  static T fetch(const std::string& sql, int format = 1) {
    auto result = run(sql, {}, format);
    EXPECT_EQ(PQntuples(result.get()), 1) << sql;
    EXPECT_EQ(PQgetisnull(result.get(), 0, 0), 0) << sql;
    const std::string_view bytes(PQgetvalue(result.get(), 0, 0),
                                 static_cast<std::size_t>(PQgetlength(result.get(), 0, 0)));
    return type_traits<T>::decode(bytes);
  }

  // Both directions for one value.
  template <typename T>
  static void expect_both(const T& value, const std::string& pg_type, const std::string& literal) {
    expect_param(value, pg_type, literal);
    EXPECT_EQ(fetch<T>("SELECT (" + literal + ")::" + pg_type), value) << pg_type << " " << literal;
  }

  static sqlx::pg::connection* conn_;
};
sqlx::pg::connection* types_roundtrip::conn_ = nullptr;

template <typename F>
std::string decode_error_of(F&& f) {
  try {
    f();
  } catch (const sqlx::decode_error& e) {
    return e.what();
  } catch (const std::exception& e) {
    return std::string("<other exception> ") + e.what();
  }
  return "<no exception>";
}

// The OIDs and names compiled into the codecs are the server's.
TEST_F(types_roundtrip, type_oids_match_the_catalog) {
  auto expect_oid = [](std::string_view name, oid expected) {
    EXPECT_EQ(text_value("SELECT oid FROM pg_type WHERE typname = '" + std::string(name) +
                         "' AND typnamespace = 'pg_catalog'::regnamespace"),
              std::to_string(expected))
        << name;
  };
  expect_oid(type_traits<std::int16_t>::type_name, type_traits<std::int16_t>::type_oid);
  expect_oid(type_traits<std::int32_t>::type_name, type_traits<std::int32_t>::type_oid);
  expect_oid(type_traits<std::int64_t>::type_name, type_traits<std::int64_t>::type_oid);
  expect_oid(type_traits<float>::type_name, type_traits<float>::type_oid);
  expect_oid(type_traits<double>::type_name, type_traits<double>::type_oid);
  expect_oid(type_traits<bool>::type_name, type_traits<bool>::type_oid);
  expect_oid(type_traits<std::string>::type_name, type_traits<std::string>::type_oid);
  expect_oid(type_traits<std::vector<std::byte>>::type_name,
             type_traits<std::vector<std::byte>>::type_oid);
  expect_oid(type_traits<uuid>::type_name, type_traits<uuid>::type_oid);
  expect_oid(type_traits<sys_us>::type_name, type_traits<sys_us>::type_oid);
  expect_oid(type_traits<local_us>::type_name, type_traits<local_us>::type_oid);
  expect_oid(type_traits<sys_days>::type_name, type_traits<sys_days>::type_oid);
  expect_oid(type_traits<time_of_day>::type_name, type_traits<time_of_day>::type_oid);
  expect_oid(type_traits<interval>::type_name, type_traits<interval>::type_oid);
  expect_oid(type_traits<numeric>::type_name, type_traits<numeric>::type_oid);
  expect_oid(type_traits<nlohmann::json>::type_name, type_traits<nlohmann::json>::type_oid);
  expect_oid(type_traits<inet>::type_name, type_traits<inet>::type_oid);
  expect_oid(type_traits<std::vector<std::int32_t>>::type_name,
             type_traits<std::vector<std::int32_t>>::type_oid);
  expect_oid(type_traits<std::vector<std::string>>::type_name,
             type_traits<std::vector<std::string>>::type_oid);
  // The array OIDs the codecs send, and the rest of the one table of built-in types.
  for (const builtin_type& type : builtin_types) {
    if (type.array_oid != 0) {
      EXPECT_EQ(builtin_array_oid(type.type_oid), type.array_oid) << type.pg_name;
    }
  }
}

// The one table of built-in types (include/sqlx/pg/builtin_types.hpp) is the server's: each
// row's OID names the type it says, in pg_catalog, and its array is the server's typarray
// (0 only where that array is not in the table).
TEST_F(types_roundtrip, builtin_type_table_matches_pg_type) {
  for (const builtin_type& type : builtin_types) {
    const std::string id = std::to_string(type.type_oid);
    EXPECT_EQ(text_value("SELECT typname || ' ' || typnamespace::regnamespace::text FROM pg_type "
                         "WHERE oid = " +
                         id),
              std::string(type.pg_name) + " pg_catalog")
        << id;
    const std::string typarray = text_value("SELECT typarray FROM pg_type WHERE oid = " + id);
    if (type.array_oid != 0) {
      EXPECT_EQ(typarray, std::to_string(type.array_oid)) << type.pg_name;
    } else if (typarray != "0") {
      EXPECT_EQ(find_builtin_type(static_cast<oid>(std::stoul(typarray))), nullptr)
          << type.pg_name << "'s array " << typarray << " is in the table but not its array_oid";
    }
    if (type.pg_name.starts_with('_')) {  // an array: its element is a row of the table too
      const std::string element = text_value("SELECT typelem FROM pg_type WHERE oid = " + id);
      const builtin_type* row = find_builtin_type(static_cast<oid>(std::stoul(element)));
      ASSERT_NE(row, nullptr) << type.pg_name;
      EXPECT_EQ(row->array_oid, type.type_oid) << type.pg_name;
    }
  }
}

// ---- scalars ---------------------------------------------------------------------------------

TEST_F(types_roundtrip, integers) {
  expect_both(std::int16_t{-32768}, "int2", "'-32768'");
  expect_both(std::int16_t{32767}, "int2", "'32767'");
  expect_both(std::int16_t{0}, "int2", "'0'");
  expect_both(std::int32_t{-2147483647 - 1}, "int4", "'-2147483648'");
  expect_both(std::int32_t{2147483647}, "int4", "'2147483647'");
  expect_both(std::int32_t{-1}, "int4", "'-1'");
  expect_both(std::numeric_limits<std::int64_t>::min(), "int8", "'-9223372036854775808'");
  expect_both(std::numeric_limits<std::int64_t>::max(), "int8", "'9223372036854775807'");
  expect_both(std::int64_t{1} << 40, "int8", "'1099511627776'");
}

TEST_F(types_roundtrip, floats) {
  using f = std::numeric_limits<float>;
  using d = std::numeric_limits<double>;
  expect_both(f::infinity(), "float4", "'Infinity'");
  expect_both(-f::infinity(), "float4", "'-Infinity'");
  expect_both(f::max(), "float4", "'3.4028235e38'");
  expect_both(f::denorm_min(), "float4", "'1e-45'");
  expect_both(1.5f, "float4", "'1.5'");
  expect_both(d::infinity(), "float8", "'Infinity'");
  expect_both(-d::infinity(), "float8", "'-Infinity'");
  expect_both(d::max(), "float8", "'1.7976931348623157e308'");
  expect_both(d::denorm_min(), "float8", "'5e-324'");
  expect_both(0.1, "float8", "'0.1'");
  // NaN: the server's NaN equals NaN; the C++ one does not, so check it with isnan.
  expect_param(f::quiet_NaN(), "float4", "'NaN'");
  expect_param(d::quiet_NaN(), "float8", "'NaN'");
  EXPECT_TRUE(std::isnan(fetch<float>("SELECT 'NaN'::float4")));
  EXPECT_TRUE(std::isnan(fetch<double>("SELECT 'NaN'::float8")));
  EXPECT_EQ(param_text(-0.0, "float8"), "-0");
  EXPECT_TRUE(std::signbit(fetch<double>("SELECT '-0'::float8")));
}

TEST_F(types_roundtrip, booleans) {
  expect_both(true, "bool", "true");
  expect_both(false, "bool", "false");
}

TEST_F(types_roundtrip, strings) {
  const std::string utf8 = "Grüße, 世界! \xF0\x9F\x98\x80 \xF0\x9D\x84\x9E";
  expect_both(utf8, "text", "'Grüße, 世界! 😀 𝄞'");
  expect_both(std::string(), "text", "''");
  expect_both(std::string("it's"), "varchar", "'it''s'");
  expect_both(std::string("pg_class"), "name", "'pg_class'");
  expect_param(std::string("ab"), "bpchar", "'ab'");
  expect_param(std::string_view("view"), "text", "'view'");
  expect_param(static_cast<const char*>("pointer"), "varchar", "'pointer'");
  // bpchar comes back padded, as the server stores it.
  EXPECT_EQ(fetch<std::string>("SELECT 'ab'::char(4)"), "ab  ");
  EXPECT_EQ(fetch<std::string>("SELECT repeat('x', 100000)"), std::string(100000, 'x'));
  EXPECT_EQ(fetch<std::string>("SELECT ''::text", 0), "");
  // Parameters of a column's type, inferred by the server (no cast).
  run("INSERT INTO holder (id, vc, bp) VALUES (1, $1, $2)",
      {param(std::string("varchar value")), param(std::string("bp"))}, 1);
  EXPECT_EQ(text_value("SELECT vc || '|' || bp::text FROM holder WHERE id = 1"),
            "varchar value|bp");
  EXPECT_EQ(text_value("SELECT count(*) FROM holder WHERE vc = $1",
                       {param(std::string("varchar value"))}),
            "1");
}

TEST_F(types_roundtrip, bytea) {
  std::vector<std::byte> all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<std::byte>(i));
  expect_both(all, "bytea",
              "(SELECT string_agg(set_byte('\\x00'::bytea, 0, i), ''::bytea ORDER BY i) "
              "FROM generate_series(0, 255) i)");
  expect_both(std::vector<std::byte>{}, "bytea", "'\\x'");
  expect_both(std::vector<std::byte>{std::byte{0}, std::byte{0xff}}, "bytea", "'\\x00ff'");
  const std::array<std::byte, 2> raw{std::byte{0xde}, std::byte{0xad}};
  expect_param(std::span<const std::byte>(raw), "bytea", "'\\xdead'");
}

TEST_F(types_roundtrip, uuid) {
  expect_both(uuid::parse("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), "uuid",
              "'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'");
  expect_both(uuid(), "uuid", "'00000000-0000-0000-0000-000000000000'");
  expect_both(uuid::parse("ffffffff-ffff-ffff-ffff-ffffffffffff"), "uuid",
              "'ffffffff-ffff-ffff-ffff-ffffffffffff'");
  const auto random = text_value("SELECT gen_random_uuid()::text");
  EXPECT_EQ(fetch<uuid>("SELECT '" + random + "'::uuid").to_string(), random);
}

TEST_F(types_roundtrip, timestamptz) {
  const sys_us pg_epoch = sys_days(std::chrono::year(2000) / 1 / 1);
  expect_both(sys_us::max(), "timestamptz", "'infinity'");
  expect_both(sys_us::min(), "timestamptz", "'-infinity'");
  expect_both(pg_epoch, "timestamptz", "'2000-01-01 00:00:00+00'");
  expect_both(pg_epoch - 1us, "timestamptz", "'1999-12-31 23:59:59.999999+00'");
  expect_both(sys_us{}, "timestamptz", "'1970-01-01 00:00:00+00'");
  expect_both(sys_us(sys_days(std::chrono::year(2021) / 6 / 1)) + 12h + 34min + 56s + 789012us,
              "timestamptz", "'2021-06-01 14:34:56.789012+02'");
  expect_both(sys_us(sys_days(std::chrono::year(-4713) / 11 / 24)), "timestamptz",
              "'4714-11-24 00:00:00+00 BC'");
  expect_both(sys_us(sys_days(std::chrono::year(1900) / 3 / 1)) + 1us, "timestamptz",
              "'1900-03-01 00:00:00.000001+00'");
  // The last finite value of sys_time<microseconds> (std::chrono::year stops at 32767).
  expect_both(sys_us::max() - 1us, "timestamptz", "'294247-01-10 04:00:54.775806+00'");
  expect_both(sys_us(sys_days(std::chrono::year(32767) / 12 / 31)), "timestamptz",
              "'32767-12-31 00:00:00+00'");
  // Other durations as parameters.
  expect_param(std::chrono::sys_seconds(pg_epoch.time_since_epoch() / 1s * 1s) + 1s, "timestamptz",
               "'2000-01-01 00:00:01+00'");
  expect_param(std::chrono::time_point_cast<std::chrono::nanoseconds>(pg_epoch) + 1999ns,
               "timestamptz", "'2000-01-01 00:00:00.000001+00'");
  const auto now = std::chrono::system_clock::now();
  EXPECT_EQ(
      text_value("SELECT (extract(epoch FROM $1::timestamptz) * 1000000)::int8", {param(now)}),
      std::to_string(std::chrono::floor<microseconds>(now).time_since_epoch().count()));
  EXPECT_EQ(fetch<sys_us>("SELECT to_timestamp(1234567890.123456)"),
            sys_us(microseconds(1'234'567'890'123'456)));
  // PostgreSQL reaches 294276 AD, std::chrono::sys_time<microseconds> only 294247.
  EXPECT_NE(decode_error_of([] {
              (void)fetch<sys_us>("SELECT '294270-01-01 00:00:00+00'::timestamptz");
            }).find("range"),
            std::string::npos);
}

TEST_F(types_roundtrip, timestamp) {
  const local_us pg_epoch = std::chrono::local_days(std::chrono::year(2000) / 1 / 1);
  expect_both(local_us::max(), "timestamp", "'infinity'");
  expect_both(local_us::min(), "timestamp", "'-infinity'");
  expect_both(pg_epoch, "timestamp", "'2000-01-01 00:00:00'");
  expect_both(pg_epoch - 1us, "timestamp", "'1999-12-31 23:59:59.999999'");
  expect_both(local_us(std::chrono::local_days(std::chrono::year(1066) / 10 / 14)) + 9h,
              "timestamp", "'1066-10-14 09:00:00'");
  expect_both(local_us::max() - 1us, "timestamp", "'294247-01-10 04:00:54.775806'");
}

TEST_F(types_roundtrip, date) {
  expect_both(sys_days::max(), "date", "'infinity'");
  expect_both(sys_days::min(), "date", "'-infinity'");
  expect_both(sys_days(std::chrono::year(2000) / 1 / 1), "date", "'2000-01-01'");
  expect_both(sys_days(std::chrono::year(1999) / 12 / 31), "date", "'1999-12-31'");
  expect_both(sys_days(std::chrono::year(1970) / 1 / 1), "date", "'1970-01-01'");
  expect_both(sys_days(std::chrono::year(2024) / 2 / 29), "date", "'2024-02-29'");
  expect_both(sys_days(std::chrono::year(-4713) / 11 / 24), "date", "'4714-11-24 BC'");
  // The last date PostgreSQL knows (past std::chrono::year's range: compare day counts).
  const auto last = fetch<sys_days>("SELECT '5874897-12-31'::date");
  EXPECT_EQ(std::to_string(last.time_since_epoch().count()),
            text_value("SELECT '5874897-12-31'::date - '1970-01-01'::date"));
  EXPECT_EQ(last.time_since_epoch().count(), 2'145'042'905);
  expect_param(last, "date", "'5874897-12-31'");
  // A day later is outside the server's range: refused by the server, not wrapped by us.
  EXPECT_THROW((void)text_value("SELECT $1::date", {param(last + std::chrono::days(1))}),
               sqlx::pg::database_error);
}

TEST_F(types_roundtrip, time) {
  expect_both(time_of_day(), "time", "'00:00:00'");
  expect_both(time_of_day(24h, 0min, 0s), "time", "'24:00:00'");
  expect_both(time_of_day(13h, 45min, 6s, 500000us), "time", "'13:45:06.5'");
  expect_both(time_of_day(23h, 59min, 59s, 999999us), "time", "'23:59:59.999999'");
  for (const auto& t : {time_of_day(13h, 45min, 6s, 500000us), time_of_day(microseconds(1)),
                        time_of_day(24h, 0min, 0s), time_of_day(9h, 5min, 0s)}) {
    EXPECT_EQ(param_text(t, "time"), t.to_string());
  }
}

TEST_F(types_roundtrip, interval) {
  expect_both(interval{14, 3, 14'706'789'000}, "interval", "'1 year 2 mons 3 days 04:05:06.789'");
  expect_both(interval{-1, -1, -1'000'000}, "interval", "'-1 mons -1 days -00:00:01'");
  expect_both(interval{}, "interval", "'0'");
  expect_both(interval::from(90min), "interval", "'90 minutes'");
  expect_both(interval{0, 0, 1}, "interval", "'0.000001 seconds'");
  expect_both(interval{std::numeric_limits<std::int32_t>::max(), 0, 0}, "interval",
              "'178956970 years 7 mons'");
  // '1 day' and '24 hours' are = on the server but different values here.
  EXPECT_EQ(fetch<interval>("SELECT '1 day'::interval"), (interval{0, 1, 0}));
  EXPECT_EQ(fetch<interval>("SELECT '24 hours'::interval"), (interval{0, 0, 86'400'000'000}));
  EXPECT_EQ(param_text(interval{0, 1, 0}, "interval"), "1 day");
}

TEST_F(types_roundtrip, numeric) {
  // Compare the server's text, not `=`, which ignores the scale.
  for (const std::string_view text :
       {"0", "0.00", "1", "-1", "-123.4500", "0.00000000000000000001", "10000", "9999.9999",
        "123456789012345678901234567890.123456789", "-0.0001", "0.1000",
        "-999999999999999999999999999999.999999999999999999999999", "NaN", "Infinity", "-Infinity",
        "100000000000000000000"}) {
    const numeric value(text);
    EXPECT_EQ(param_text(value, "numeric"), text);
    EXPECT_EQ(fetch<numeric>("SELECT '" + std::string(text) + "'::numeric").to_string(), text);
  }
  EXPECT_EQ(fetch<numeric>("SELECT 1e-20::numeric").to_string(), "0.00000000000000000001");
  EXPECT_EQ(fetch<numeric>("SELECT 1.50::numeric(10, 4)").to_string(), "1.5000");
  EXPECT_EQ(fetch<numeric>("SELECT -0.00::numeric").to_string(), "0.00");
  EXPECT_EQ(param_text(numeric("1e-20"), "numeric"), "0.00000000000000000001");
  EXPECT_EQ(param_text(numeric(std::numeric_limits<std::int64_t>::min()), "numeric"),
            "-9223372036854775808");
  // Exactness beyond double: 2^70 + 1 and a long fraction.
  EXPECT_EQ(fetch<numeric>("SELECT 2::numeric ^ 70 + 1").to_string().substr(0, 22),
            "1180591620717411303425");
  EXPECT_EQ(text_value("SELECT $1::numeric = 1180591620717411303425",
                       {param(numeric("1180591620717411303425"))}),
            "t");
  // The extremes of the format: 131072 digits before the point, 16383 after.
  const numeric huge("9e131071");
  const std::string huge_sql = "('9' || repeat('0', 131071))::numeric";
  EXPECT_EQ(fetch<numeric>("SELECT " + huge_sql), huge);
  EXPECT_EQ(text_value("SELECT $1::numeric = " + huge_sql, {param(huge)}), "t");
  const numeric tiny("1e-16383");
  EXPECT_EQ(param_text(tiny, "numeric"), tiny.to_string());
  EXPECT_EQ(fetch<numeric>("SELECT '" + tiny.to_string() + "'::numeric"), tiny);
}

TEST_F(types_roundtrip, json) {
  const std::string text = R"({"a": [1, 2.5, null, true, {"b": "ü😀"}], "c": {"d": {"e": []}}})";
  const auto doc = nlohmann::json::parse(text);
  expect_param(doc, "jsonb", "'" + text + "'");
  EXPECT_EQ(text_value("SELECT $1::json::jsonb = '" + text + "'::jsonb", {param(doc)}), "t");
  // jsonb binary (version byte), json binary (the text), and text format.
  EXPECT_EQ(fetch<nlohmann::json>("SELECT '" + text + "'::jsonb"), doc);
  EXPECT_EQ(fetch<nlohmann::json>("SELECT '" + text + "'::json"), doc);
  EXPECT_EQ(fetch<nlohmann::json>("SELECT '" + text + "'::jsonb", 0), doc);
  EXPECT_EQ(fetch<nlohmann::json>("SELECT 'null'::jsonb"), nlohmann::json());
  EXPECT_EQ(fetch<nlohmann::json>("SELECT '\"s\"'::json"), nlohmann::json("s"));
  // Into columns of either type, without casts.
  run("INSERT INTO holder (id, j, jb) VALUES (2, $1, $2)", {param(doc), param(doc)}, 1);
  EXPECT_EQ(text_value("SELECT j::jsonb = jb FROM holder WHERE id = 2"), "t");
  EXPECT_EQ(text_value("SELECT count(*) FROM holder WHERE jb @> $1",
                       {param(nlohmann::json{{"c", {{"d", nlohmann::json::object()}}}})}),
            "1");
}

TEST_F(types_roundtrip, inet) {
  const std::vector<std::pair<std::string, std::string>> inets = {
      {"192.168.0.1", "inet"},
      {"192.168.0.1/24", "inet"},
      {"0.0.0.0/0", "inet"},
      {"::1", "inet"},
      {"2001:db8::1/64", "inet"},
      {"::ffff:10.0.0.1", "inet"},
      {"::10.0.0.1", "inet"},
      {"2001:db8::1:0:0:1", "inet"},
      {"fe80:0:1:2:3:4:5:6", "inet"},
      {"10.0.0.0/8", "cidr"},
      {"192.168.1.0/24", "cidr"},
      {"2001:db8::/32", "cidr"},
      {"10.1.2.3/32", "cidr"},
      {"::/0", "cidr"},
      {"1::", "inet"},
  };
  for (const auto& [text, type] : inets) {
    const inet value = type == "cidr" ? inet::parse_cidr(text) : inet::parse(text);
    expect_both(value, type, "'" + text + "'");
    // Our text is the server's output (not its ::text cast, which always adds the prefix).
    EXPECT_EQ(text_value("SELECT $1::" + type, {param(value)}), value.to_string()) << text;
    EXPECT_EQ(text_value("SELECT '" + text + "'::" + type), value.to_string()) << text;
  }
  EXPECT_TRUE(fetch<inet>("SELECT '10.0.0.0/8'::cidr").is_cidr());
  EXPECT_FALSE(fetch<inet>("SELECT '10.0.0.0/8'::inet").is_cidr());
  // An inet value is acceptable for a cidr parameter when its host bits are zero.
  run("INSERT INTO holder (id, net) VALUES (3, $1)", {param(inet::parse("172.16.0.0/12"))}, 1);
  EXPECT_EQ(text_value("SELECT net::text FROM holder WHERE id = 3"), "172.16.0.0/12");
}

// ---- arrays ----------------------------------------------------------------------------------

TEST_F(types_roundtrip, arrays_of_numbers) {
  using ints = std::vector<std::optional<std::int32_t>>;
  expect_both(ints{1, std::nullopt, 3}, "int4[]", "'{1,NULL,3}'");
  expect_both(ints{}, "int4[]", "'{}'");
  expect_both(ints{std::nullopt}, "int4[]", "'{NULL}'");
  expect_both(std::vector<std::int64_t>{std::numeric_limits<std::int64_t>::min(), 0,
                                        std::numeric_limits<std::int64_t>::max()},
              "int8[]", "'{-9223372036854775808,0,9223372036854775807}'");
  expect_both(std::vector<std::int16_t>{-1, 1}, "int2[]", "'{-1,1}'");
  expect_both(std::vector<bool>{true, false}, "bool[]", "'{t,f}'");
  expect_both(std::vector<double>{0.5, std::numeric_limits<double>::infinity()}, "float8[]",
              "'{0.5,Infinity}'");
  expect_param(std::vector<double>{std::numeric_limits<double>::quiet_NaN()}, "float8[]",
               "'{NaN}'");
  expect_both(std::vector<numeric>{numeric("1.50"), numeric::nan(), numeric("-1e-20")}, "numeric[]",
              "'{1.50,NaN,-0.00000000000000000001}'");
  EXPECT_EQ(param_text(std::vector<numeric>{numeric("1.50"), numeric("0.000")}, "numeric[]"),
            "{1.50,0.000}");
  // A lower bound other than 1 is read like any other array.
  EXPECT_EQ(fetch<std::vector<std::int32_t>>("SELECT '[0:2]={7,8,9}'::int4[]"),
            (std::vector<std::int32_t>{7, 8, 9}));
  // Spans as parameters; ANY($1).
  const std::array<std::int64_t, 3> ids{3, 5, 7};
  expect_param(std::span<const std::int64_t>(ids), "int8[]", "'{3,5,7}'");
  EXPECT_EQ(text_value("SELECT 5::int8 = ANY($1)", {param(std::span<const std::int64_t>(ids))}),
            "t");
  EXPECT_EQ(text_value("SELECT 4::int8 = ANY($1)", {param(std::span<const std::int64_t>(ids))}),
            "f");
}

TEST_F(types_roundtrip, arrays_of_other_binary_types) {
  const sys_us epoch = sys_days(std::chrono::year(2000) / 1 / 1);
  expect_both(std::vector<sys_us>{sys_us::min(), epoch, sys_us::max()}, "timestamptz[]",
              "ARRAY['-infinity', '2000-01-01 00:00:00+00', 'infinity']::timestamptz[]");
  expect_both(std::vector<sys_days>{sys_days::min(), sys_days(std::chrono::year(2000) / 1 / 2)},
              "date[]", "'{-infinity,2000-01-02}'");
  expect_both(std::vector<uuid>{uuid(), uuid::parse("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")},
              "uuid[]",
              "'{00000000-0000-0000-0000-000000000000,a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}'");
  expect_both(
      std::vector<std::optional<std::vector<std::byte>>>{std::vector<std::byte>{}, std::nullopt,
                                                         std::vector<std::byte>{std::byte{1}}},
      "bytea[]", "ARRAY['\\x'::bytea, NULL, '\\x01'::bytea]");
  expect_both(std::vector<interval>{interval{1, 2, 3}}, "interval[]",
              "ARRAY['1 mon 2 days 0.000003 seconds'::interval]");
  expect_both(std::vector<time_of_day>{time_of_day(24h, 0min, 0s)}, "time[]", "'{24:00:00}'");
}

TEST_F(types_roundtrip, arrays_of_strings_travel_as_text) {
  using strings = std::vector<std::optional<std::string>>;
  const strings values{"a",     "b c", std::nullopt,  "NULL", "",     "é😀",
                       "\"q\"", "x,y", "back\\slash", "{}",   " pad "};
  const std::string literal =
      R"(ARRAY['a', 'b c', NULL, 'NULL', '', 'é😀', '"q"', 'x,y', 'back\slash', '{}', ' pad '])";
  expect_both(values, "text[]", literal);
  expect_both(values, "varchar[]", literal);
  expect_both(values, "name[]", literal);
  expect_param(strings{"ab"}, "bpchar[]", "ARRAY['ab']");
  // Results in binary (libpq cannot mix formats per column) and in text.
  EXPECT_EQ(fetch<strings>("SELECT " + literal + "::text[]", 1), values);
  EXPECT_EQ(fetch<strings>("SELECT " + literal + "::text[]", 0), values);
  EXPECT_EQ(fetch<strings>("SELECT " + literal + "::varchar[]", 1), values);
  EXPECT_EQ(fetch<std::vector<std::string>>("SELECT '{}'::text[]", 0), std::vector<std::string>{});
  // Into a varchar[] column and against a varchar column with ANY, no casts: the server picks
  // the element type, which a binary text[] parameter would not allow.
  run("INSERT INTO holder (id, vcs) VALUES (4, $1)", {param(std::vector<std::string>{"x", "y"})},
      1);
  EXPECT_EQ(text_value("SELECT vcs::text FROM holder WHERE id = 4"), "{x,y}");
  EXPECT_EQ(text_value("SELECT count(*) FROM holder WHERE vc = ANY($1)",
                       {param(std::vector<std::string>{"nope", "varchar value"})}),
            "1");
  const std::array<std::string_view, 2> views{"varchar value", "other"};
  EXPECT_EQ(text_value("SELECT count(*) FROM holder WHERE vc = ANY($1)",
                       {param(std::span<const std::string_view>(views))}),
            "1");
}

TEST_F(types_roundtrip, arrays_of_json_and_inet_travel_as_text) {
  const std::vector<nlohmann::json> docs{nlohmann::json{{"a", 1}}, nlohmann::json("x,\"y\""),
                                         nlohmann::json()};
  const std::string literal = R"(ARRAY['{"a": 1}', '"x,\"y\""', 'null'])";
  expect_both(docs, "jsonb[]", literal);
  // json has no equality operator: compare as jsonb.
  EXPECT_EQ(text_value("SELECT $1::json[]::jsonb[] = " + literal + "::jsonb[]", {param(docs)}),
            "t");
  EXPECT_EQ(fetch<std::vector<nlohmann::json>>("SELECT " + literal + "::json[]"), docs);
  EXPECT_EQ(fetch<std::vector<nlohmann::json>>("SELECT " + literal + "::jsonb[]", 0), docs);
  run("INSERT INTO holder (id, jbs) VALUES (5, $1)", {param(docs)}, 1);
  EXPECT_EQ(text_value("SELECT jbs[1]->>'a' FROM holder WHERE id = 5"), "1");

  const std::vector<inet> nets{inet::parse("10.0.0.1"), inet::parse("::1/64")};
  expect_both(nets, "inet[]", "'{10.0.0.1,::1/64}'");
  const std::vector<inet> cidrs{inet::parse_cidr("10.0.0.0/8"), inet::parse_cidr("2001:db8::/32")};
  expect_param(cidrs, "cidr[]", "'{10.0.0.0/8,2001:db8::/32}'");
  run("INSERT INTO holder (id, nets, addrs) VALUES (6, $1, $2)", {param(cidrs), param(nets)}, 1);
  EXPECT_EQ(text_value("SELECT nets::text || addrs::text FROM holder WHERE id = 6"),
            "{10.0.0.0/8,2001:db8::/32}{10.0.0.1,::1/64}");
  // Binary results keep the cidr flag.
  const auto fetched = fetch<std::vector<inet>>("SELECT nets FROM holder WHERE id = 6");
  EXPECT_EQ(fetched, cidrs);
}

TEST_F(types_roundtrip, multi_dimensional_arrays_are_refused) {
  const auto binary = decode_error_of(
      [] { (void)fetch<std::vector<std::int32_t>>("SELECT '{{1,2},{3,4}}'::int4[]"); });
  EXPECT_NE(binary.find("multi-dimensional array (2 dimensions)"), std::string::npos) << binary;
  const auto text = decode_error_of(
      [] { (void)fetch<std::vector<std::string>>("SELECT '{{a},{b}}'::text[]", 0); });
  EXPECT_NE(text.find("multi-dimensional"), std::string::npos) << text;
  const auto nulls =
      decode_error_of([] { (void)fetch<std::vector<std::int32_t>>("SELECT '{1,NULL}'::int4[]"); });
  EXPECT_NE(nulls.find("NULL element at index 1"), std::string::npos) << nulls;
}

// ---- enums -----------------------------------------------------------------------------------

TEST_F(types_roundtrip, enums) {
  expect_both(app::mood::happy, "mood", "'happy'");
  expect_both(app::mood::grumpy, "public.mood", "'grumpy'");
  expect_both(app::state::paid, "billing.state", "'it''s \"paid\", really'");
  expect_both(app::state::void_, "billing.state", "'void'");
  // Without a cast the server infers the enum type.
  run("INSERT INTO holder (id, m, st) VALUES (7, $1, $2)",
      {param(app::mood::neutral), param(app::state::paid)}, 1);
  EXPECT_EQ(text_value("SELECT m::text || '|' || st::text FROM holder WHERE id = 7"),
            "neutral|it's \"paid\", really");
  EXPECT_EQ(fetch<app::mood>("SELECT m FROM holder WHERE id = 7"), app::mood::neutral);
  EXPECT_EQ(fetch<app::mood>("SELECT m FROM holder WHERE id = 7", 0), app::mood::neutral);
  // A label the C++ enum lacks.
  const auto message = decode_error_of([] { (void)fetch<app::mood>("SELECT 'ecstatic'::mood"); });
  EXPECT_NE(message.find("\"ecstatic\""), std::string::npos) << message;
  EXPECT_NE(message.find("app::mood"), std::string::npos) << message;
}

TEST_F(types_roundtrip, arrays_of_enums_travel_as_text) {
  using moods = std::vector<std::optional<app::mood>>;
  const moods values{app::mood::happy, std::nullopt, app::mood::grumpy};
  expect_both(values, "mood[]", "'{happy,NULL,grumpy}'");
  EXPECT_EQ(fetch<moods>("SELECT '{happy,NULL,grumpy}'::mood[]", 0), values);
  const std::vector<app::state> states{app::state::paid, app::state::open};
  expect_both(states, "billing.state[]", R"('{"it''s \"paid\", really",open}')");
  EXPECT_EQ(fetch<std::vector<app::state>>(
                R"(SELECT '{"it''s \"paid\", really",open}'::billing.state[])", 0),
            states);
  run("INSERT INTO holder (id, ms, sts) VALUES (8, $1, $2)", {param(values), param(states)}, 1);
  EXPECT_EQ(text_value("SELECT ms::text || sts::text FROM holder WHERE id = 8"),
            R"({happy,NULL,grumpy}{"it's \"paid\", really",open})");
  EXPECT_EQ(text_value("SELECT count(*) FROM holder WHERE m = ANY($1)",
                       {param(std::vector<app::mood>{app::mood::neutral})}),
            "1");
  EXPECT_EQ(fetch<std::vector<app::mood>>("SELECT '{}'::mood[]"), std::vector<app::mood>{});
}

TEST_F(types_roundtrip, null_parameters_and_optional_elements) {
  EXPECT_EQ(text_value("SELECT $1::int8 IS NULL", {wire_param{std::nullopt, 1}}), "t");
  EXPECT_EQ(
      text_value("SELECT array_length($1::text[], 1)",
                 {param(std::vector<std::optional<std::string>>{std::nullopt, std::nullopt})}),
      "2");
  EXPECT_EQ(text_value("SELECT array_position($1::int4[], NULL)",
                       {param(std::vector<std::optional<std::int32_t>>{1, std::nullopt})}),
            "2");
}

}  // namespace
