// The binary codecs without a server: exact wire bytes, edge values, malformed input, and
// the compile-time facts (accepts truth tables, C++ type names) the checked queries use.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "sqlx/pg/types.hpp"
#include "sqlx/pg/types/json.hpp"

// ---- user enums, declared as users would -------------------------------------------------

namespace app {
enum class mood { happy, neutral, grumpy };
SQLX_PG_ENUM(mood, "mood", happy, neutral, grumpy)

namespace billing {
enum state : unsigned char { open, paid, void_ };
}  // namespace billing

struct holder {
  enum class level { low, high };
};
SQLX_PG_ENUM(holder::level, "public.level", low, high)

// Many enumerators, split over lines, to show there is no fixed limit.
enum class letter {
  a,
  b,
  c,
  d,
  e,
  f,
  g,
  h,
  i,
  j,
  k,
  l,
  m,
  n,
  o,
  p,
  q,
  r,
  s,
  t,
  u,
  v,
  w,
  x,
  y,
  z,
  a1,
  b1,
  c1,
  d1,
  e1,
  f1,
  g1,
  h1,
  i1,
  j1,
  k1,
  l1,
  m1,
  n1,
  o1,
  p1,
  q1,
  r1,
  s1,
  t1,
  u1,
  v1,
  w1,
  x1,
  y1,
  z1,
  a2,
  b2,
  c2,
  d2,
  e2,
  f2,
  g2,
  h2,
  i2,
  j2,
  k2,
  l2,
  m2,
  n2,
  o2,
  p2,
  q2
};
SQLX_PG_ENUM(letter, "letter", a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r, s, t, u, v, w,
             x, y, z, a1, b1, c1, d1, e1, f1, g1, h1, i1, j1, k1, l1, m1, n1, o1, p1, q1, r1, s1,
             t1, u1, v1, w1, x1, y1, z1, a2, b2, c2, d2, e2, f2, g2, h2, i2, j2, k2, l2, m2, n2, o2,
             p2, q2)
}  // namespace app

enum class global_color { red, green };
SQLX_PG_ENUM(global_color, "color", red, green)

// Labels that are not identifiers: specialise enum_traits.
template <>
struct sqlx::pg::enum_traits<app::billing::state> {
  static constexpr std::string_view type_name = "billing.state";
  static constexpr std::array labels{
      std::pair{app::billing::open, std::string_view("open")},
      std::pair{app::billing::paid, std::string_view("it's \"paid\", really")},
      std::pair{app::billing::void_, std::string_view("void")},
  };
};

enum class unmapped { x };

namespace {

using namespace sqlx::pg;
using namespace std::chrono_literals;
using std::chrono::microseconds;

// ---- helpers ------------------------------------------------------------------------------

template <typename T>
std::string enc(const T& value) {
  std::string out;
  type_traits<T>::encode(value, out);
  return out;
}

template <typename T>
T dec(std::string_view bytes) {
  return type_traits<T>::decode(bytes);
}

template <typename T>
T round_trip(const T& value) {
  return dec<T>(enc(value));
}

// "00 01 ff" -> bytes.
std::string hex(std::string_view text) {
  std::string out;
  int high = -1;
  for (const char c : text) {
    if (c == ' ') continue;
    const int v = detail::hex_digit_value(c);
    if (v < 0) throw std::invalid_argument("bad hex");
    if (high < 0) {
      high = v;
    } else {
      out.push_back(static_cast<char>(high * 16 + v));
      high = -1;
    }
  }
  return out;
}

std::string to_hex(std::string_view bytes) {
  constexpr std::string_view digits = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i != 0) out.push_back(' ');
    const auto b = static_cast<unsigned char>(bytes[i]);
    out.push_back(digits[b >> 4]);
    out.push_back(digits[b & 0xF]);
  }
  return out;
}

template <typename T>
std::string enc_hex(const T& value) {
  return to_hex(enc(value));
}

// The message of the decode_error `f` throws ("" when it throws nothing or something else).
template <typename F>
std::string decode_error_of(F&& f) {
  try {
    f();
  } catch (const sqlx::decode_error& e) {
    return e.what();
  } catch (...) {
    return "<other exception>";
  }
  return "<no exception>";
}

template <typename F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const sqlx::decode_error& e) {
    return std::string("<decode_error> ") + e.what();
  } catch (const sqlx::error& e) {
    return e.what();
  } catch (...) {
    return "<other exception>";
  }
  return "<no exception>";
}

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

// ---- compile-time facts -------------------------------------------------------------------

// Strictness: each integer width is exactly one PostgreSQL type.
static_assert(accepts_pg_type<std::int16_t>("int2"));
static_assert(!accepts_pg_type<std::int16_t>("int4"));
static_assert(!accepts_pg_type<std::int16_t>("int8"));
static_assert(accepts_pg_type<std::int32_t>("int4"));
static_assert(!accepts_pg_type<std::int32_t>("int2"));
static_assert(!accepts_pg_type<std::int32_t>("int8"));
static_assert(accepts_pg_type<std::int64_t>("int8"));
static_assert(!accepts_pg_type<std::int64_t>("int4"));
static_assert(!accepts_pg_type<std::int64_t>("numeric"));
static_assert(accepts_pg_type<std::int64_t>("pg_catalog.int8"));
static_assert(!accepts_pg_type<std::int64_t>("public.int8"));
static_assert(accepts_pg_type<float>("float4") && !accepts_pg_type<float>("float8"));
static_assert(accepts_pg_type<double>("float8") && !accepts_pg_type<double>("float4"));
static_assert(!accepts_pg_type<double>("numeric"));
static_assert(accepts_pg_type<bool>("bool") && !accepts_pg_type<bool>("int4"));
static_assert(accepts_pg_type<std::string>("text") && accepts_pg_type<std::string>("varchar") &&
              accepts_pg_type<std::string>("bpchar") && accepts_pg_type<std::string>("name"));
static_assert(!accepts_pg_type<std::string>("citext") && !accepts_pg_type<std::string>("char") &&
              !accepts_pg_type<std::string>("json") && !accepts_pg_type<std::string>("_text") &&
              !accepts_pg_type<std::string>("uuid"));
static_assert(accepts_pg_type<std::string_view>("varchar") && accepts_pg_type<const char*>("text"));
static_assert(accepts_pg_type<std::vector<std::byte>>("bytea") &&
              !accepts_pg_type<std::vector<std::byte>>("text"));
static_assert(accepts_pg_type<std::span<const std::byte>>("bytea"));
static_assert(accepts_pg_type<uuid>("uuid") && !accepts_pg_type<uuid>("text"));
static_assert(accepts_pg_type<std::chrono::sys_time<microseconds>>("timestamptz") &&
              !accepts_pg_type<std::chrono::sys_time<microseconds>>("timestamp"));
static_assert(accepts_pg_type<std::chrono::local_time<microseconds>>("timestamp") &&
              !accepts_pg_type<std::chrono::local_time<microseconds>>("timestamptz"));
static_assert(accepts_pg_type<std::chrono::system_clock::time_point>("timestamptz"));
static_assert(accepts_pg_type<std::chrono::sys_seconds>("timestamptz"));
static_assert(accepts_pg_type<std::chrono::sys_days>("date") &&
              !accepts_pg_type<std::chrono::sys_days>("timestamptz"));
static_assert(accepts_pg_type<time_of_day>("time") && !accepts_pg_type<time_of_day>("timetz") &&
              !accepts_pg_type<time_of_day>("interval"));
static_assert(accepts_pg_type<interval>("interval") && !accepts_pg_type<interval>("time"));
static_assert(accepts_pg_type<numeric>("numeric") && !accepts_pg_type<numeric>("float8"));
static_assert(accepts_pg_type<nlohmann::json>("json") && accepts_pg_type<nlohmann::json>("jsonb") &&
              !accepts_pg_type<nlohmann::json>("text"));
static_assert(accepts_pg_type<inet>("inet") && accepts_pg_type<inet>("cidr") &&
              !accepts_pg_type<inet>("macaddr"));
// std::optional is transparent.
static_assert(accepts_pg_type<std::optional<std::int64_t>>("int8"));
static_assert(!accepts_pg_type<std::optional<std::int64_t>>("int4"));
static_assert(accepts_pg_type<std::optional<std::vector<std::string>>>("_text"));
// Arrays: the element decides, strictly, qualified or not.
static_assert(accepts_pg_type<std::vector<std::int32_t>>("_int4"));
static_assert(!accepts_pg_type<std::vector<std::int32_t>>("_int8"));
static_assert(!accepts_pg_type<std::vector<std::int32_t>>("int4"));
static_assert(accepts_pg_type<std::vector<std::optional<std::int32_t>>>("_int4"));
static_assert(accepts_pg_type<std::vector<std::string>>("_text") &&
              accepts_pg_type<std::vector<std::string>>("_varchar") &&
              accepts_pg_type<std::vector<std::string>>("pg_catalog._text"));
static_assert(!accepts_pg_type<std::vector<std::string>>("text"));
static_assert(accepts_pg_type<std::span<const std::string>>("_text"));
static_assert(accepts_pg_type<std::span<const std::int64_t>>("_int8"));
static_assert(accepts_pg_type<std::span<std::int64_t>>("_int8"));
static_assert(accepts_pg_type<std::vector<std::vector<std::byte>>>("_bytea"));
static_assert(accepts_pg_type<std::vector<uuid>>("_uuid"));
static_assert(accepts_pg_type<std::vector<nlohmann::json>>("_jsonb"));
static_assert(accepts_pg_type<std::vector<app::mood>>("public._mood"));
static_assert(accepts_pg_type<std::vector<app::mood>>("_mood"));
static_assert(!accepts_pg_type<std::vector<app::mood>>("public.mood"));
static_assert(!accepts_pg_type<std::vector<std::vector<std::int32_t>>>("_int4"));
static_assert(!accepts_pg_type<std::vector<std::vector<std::int32_t>>>("__int4"));
// Enums: compared unqualified.
static_assert(accepts_pg_type<app::mood>("mood") && accepts_pg_type<app::mood>("public.mood") &&
              accepts_pg_type<app::mood>("other.mood"));
static_assert(!accepts_pg_type<app::mood>("_mood") && !accepts_pg_type<app::mood>("moods") &&
              !accepts_pg_type<app::mood>("text"));
static_assert(accepts_pg_type<app::billing::state>("billing.state") &&
              accepts_pg_type<app::billing::state>("state"));
static_assert(accepts_pg_type<app::holder::level>("level"));
static_assert(accepts_pg_type<global_color>("public.color"));
// No traits: nothing accepted.
static_assert(!accepts_pg_type<unmapped>("text"));
static_assert(!accepts_pg_type<std::uint32_t>("int4") && !accepts_pg_type<std::uint64_t>("int8"));
static_assert(!accepts_pg_type<char>("char") && !accepts_pg_type<long double>("float8"));
static_assert(!accepts_pg_type<std::vector<unmapped>>("_text"));

// Concepts: decodable vs parameter-only.
static_assert(has_type_traits<std::int32_t> && has_type_traits<std::string> &&
              has_type_traits<numeric> && has_type_traits<std::vector<std::optional<uuid>>> &&
              has_type_traits<app::mood> && has_type_traits<std::vector<app::mood>> &&
              has_type_traits<std::vector<bool>> && has_type_traits<std::chrono::sys_days> &&
              has_type_traits<std::chrono::sys_time<std::chrono::nanoseconds>>);
static_assert(!has_type_traits<std::string_view> && encodable<std::string_view>);
static_assert(!has_type_traits<const char*> && encodable<const char*>);
static_assert(!has_type_traits<char[4]> && encodable<char[4]> && accepts_pg_type<char[6]>("text"));
static_assert(!has_type_traits<std::span<const std::int32_t>> &&
              encodable<std::span<const std::int32_t>>);
static_assert(!has_type_traits<std::span<const std::byte>> &&
              encodable<std::span<const std::byte>>);
static_assert(!has_type_traits<std::vector<std::string_view>> &&
              encodable<std::vector<std::string_view>>);
static_assert(!has_type_traits<std::chrono::sys_seconds> && encodable<std::chrono::sys_seconds>);
static_assert(!has_type_traits<std::chrono::sys_time<std::chrono::milliseconds>> &&
              encodable<std::chrono::sys_time<std::chrono::milliseconds>>);
static_assert(!encodable<unmapped> && !encodable<std::optional<std::int32_t>> &&
              !encodable<std::vector<std::vector<std::int32_t>>> && !encodable<std::uint16_t>);

// Formats.
static_assert(uses_binary_format<std::int32_t>() && uses_binary_format<app::mood>());
static_assert(!uses_binary_format<nlohmann::json>());
static_assert(uses_binary_format<std::vector<std::int64_t>>() &&
              uses_binary_format<std::vector<std::optional<double>>>() &&
              uses_binary_format<std::vector<numeric>>() &&
              uses_binary_format<std::vector<std::vector<std::byte>>>());
static_assert(!uses_binary_format<std::vector<std::string>>() &&
              !uses_binary_format<std::vector<app::mood>>() &&
              !uses_binary_format<std::vector<nlohmann::json>>() &&
              !uses_binary_format<std::vector<inet>>());
static_assert(uses_binary_encoding<std::string_view>() &&
              !uses_binary_encoding<std::span<const std::string>>() &&
              uses_binary_encoding<std::span<const std::int32_t>>());

// Names and OIDs for parameters.
static_assert(type_traits<std::int64_t>::type_name == "int8" &&
              type_traits<std::int64_t>::type_oid == 20);
static_assert(type_traits<std::vector<std::int32_t>>::type_name == "_int4" &&
              type_traits<std::vector<std::int32_t>>::type_oid == 1007);
static_assert(type_traits<std::vector<std::optional<std::string>>>::type_name == "_text" &&
              type_traits<std::vector<std::optional<std::string>>>::type_oid == 1009);
static_assert(type_traits<std::vector<app::mood>>::type_name == "_mood" &&
              type_traits<std::vector<app::mood>>::type_oid == 0);
static_assert(type_traits<std::vector<app::billing::state>>::type_name == "billing._state");
static_assert(type_traits<std::vector<app::holder::level>>::type_name == "public._level");
static_assert(type_traits<app::mood>::type_name == "mood" && type_traits<app::mood>::type_oid == 0);
static_assert(type_traits<std::vector<std::chrono::sys_days>>::type_oid == 1182);
static_assert(type_traits<std::span<const uuid>>::type_oid == 2951);

// C++ names for diagnostics, the same on every compiler.
static_assert(cpp_type_name<std::int16_t> == "std::int16_t");
static_assert(cpp_type_name<std::int32_t> == "std::int32_t");
static_assert(cpp_type_name<std::int64_t> == "std::int64_t");
static_assert(cpp_type_name<std::string> == "std::string");
static_assert(cpp_type_name<std::string_view> == "std::string_view");
static_assert(cpp_type_name<const char*> == "const char*");
static_assert(cpp_type_name<double> == "double" && cpp_type_name<bool> == "bool");
static_assert(cpp_type_name<char[4]> == "char[4]" && cpp_type_name<char[1]> == "char[1]" &&
              cpp_type_name<char[1234]> == "char[1234]");
static_assert(cpp_type_name<std::vector<std::string>> == "std::vector<std::string>");
static_assert(cpp_type_name<std::vector<std::byte>> == "std::vector<std::byte>");
static_assert(cpp_type_name<std::optional<std::int64_t>> == "std::optional<std::int64_t>");
static_assert(cpp_type_name<std::optional<std::vector<std::optional<std::int32_t>>>> ==
              "std::optional<std::vector<std::optional<std::int32_t>>>");
static_assert(cpp_type_name<std::span<const std::int64_t>> == "std::span<const std::int64_t>");
static_assert(cpp_type_name<uuid> == "sqlx::pg::uuid");
static_assert(cpp_type_name<numeric> == "sqlx::pg::numeric");
static_assert(cpp_type_name<interval> == "sqlx::pg::interval");
static_assert(cpp_type_name<inet> == "sqlx::pg::inet");
static_assert(cpp_type_name<time_of_day> == "sqlx::pg::time_of_day");
static_assert(cpp_type_name<nlohmann::json> == "nlohmann::json");
static_assert(cpp_type_name<std::chrono::sys_days> == "std::chrono::sys_days");
static_assert(cpp_type_name<std::chrono::sys_time<microseconds>> ==
              "std::chrono::sys_time<std::chrono::microseconds>");
static_assert(cpp_type_name<std::chrono::local_time<microseconds>> ==
              "std::chrono::local_time<std::chrono::microseconds>");
static_assert(cpp_type_name<app::mood> == "app::mood");
static_assert(cpp_type_name<app::holder::level> == "app::holder::level");
static_assert(cpp_type_name<app::billing::state> == "app::billing::state");
static_assert(cpp_type_name<global_color> == "global_color");
static_assert(cpp_type_name<std::vector<app::mood>> == "std::vector<app::mood>");
static_assert(cpp_type_name<std::optional<app::mood>> == "std::optional<app::mood>");

// The enum macro's labels are the enumerator names.
static_assert(detail::enum_labels<app::letter>().size() == 69);
static_assert(detail::enum_labels<app::letter>()[68].second == "q2");
static_assert(detail::enum_labels<app::letter>()[68].first == app::letter::q2);
static_assert(detail::enum_labels<app::mood>()[1].second == "neutral");

static_assert(std::is_convertible_v<std::int64_t, numeric> &&
              std::is_convertible_v<unsigned short, numeric> &&
              !std::is_constructible_v<numeric, bool> && !std::is_constructible_v<numeric, char> &&
              !std::is_convertible_v<std::string_view, numeric> &&
              std::is_constructible_v<numeric, std::string_view>);

// Parsing at compile time.
static_assert(uuid::parse("00000000-0000-0000-0000-000000000001").bytes()[15] == 1);

// ---- integers, floats, bool ---------------------------------------------------------------

TEST(integers, exact_bytes) {
  EXPECT_EQ(enc_hex(std::int16_t{1}), "00 01");
  EXPECT_EQ(enc_hex(std::int16_t{-2}), "ff fe");
  EXPECT_EQ(enc_hex(std::int32_t{0x01020304}), "01 02 03 04");
  EXPECT_EQ(enc_hex(std::int32_t{-1}), "ff ff ff ff");
  EXPECT_EQ(enc_hex(std::int64_t{0x0102030405060708}), "01 02 03 04 05 06 07 08");
}

template <typename T>
void expect_integer_edges() {
  for (const T v :
       {std::numeric_limits<T>::min(), static_cast<T>(std::numeric_limits<T>::min() + 1), T{-1},
        T{0}, T{1}, static_cast<T>(std::numeric_limits<T>::max() - 1),
        std::numeric_limits<T>::max()}) {
    EXPECT_EQ(round_trip(v), v);
  }
}

TEST(integers, edges_round_trip) {
  expect_integer_edges<std::int16_t>();
  expect_integer_edges<std::int32_t>();
  expect_integer_edges<std::int64_t>();
  EXPECT_EQ(dec<std::int64_t>(hex("80 00 00 00 00 00 00 00")),
            std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(dec<std::int16_t>(hex("7f ff")), 32767);
}

TEST(integers, wrong_size_is_a_decode_error) {
  EXPECT_TRUE(
      contains(decode_error_of([] { (void)dec<std::int32_t>(hex("00 00 00 00 00 00 00 01")); }),
               "int4: expected 4 bytes, got 8"));
  EXPECT_TRUE(contains(decode_error_of([] { (void)dec<std::int64_t>(hex("00 01")); }), "int8"));
  EXPECT_TRUE(contains(decode_error_of([] { (void)dec<std::int16_t>(""); }), "int2"));
}

TEST(floats, exact_bytes) {
  EXPECT_EQ(enc_hex(1.0f), "3f 80 00 00");
  EXPECT_EQ(enc_hex(-2.5), "c0 04 00 00 00 00 00 00");
  EXPECT_EQ(enc_hex(std::numeric_limits<double>::infinity()), "7f f0 00 00 00 00 00 00");
  EXPECT_EQ(enc_hex(-std::numeric_limits<float>::infinity()), "ff 80 00 00");
}

template <typename T>
void expect_float_edges() {
  using limits = std::numeric_limits<T>;
  for (const T v :
       {T(0), T(1), T(-1), limits::max(), limits::lowest(), limits::min(), limits::denorm_min(),
        limits::epsilon(), limits::infinity(), -limits::infinity(), T(0.1), T(-3.14159)}) {
    EXPECT_EQ(round_trip(v), v);
  }
  EXPECT_TRUE(std::isnan(round_trip(limits::quiet_NaN())));
  const T negative_zero = round_trip(T(-0.0));
  EXPECT_EQ(negative_zero, T(0));
  EXPECT_TRUE(std::signbit(negative_zero));
}

TEST(floats, edges_round_trip) {
  expect_float_edges<float>();
  expect_float_edges<double>();
  EXPECT_TRUE(std::isnan(dec<double>(hex("7f f8 00 00 00 00 00 00"))));
  EXPECT_TRUE(std::isnan(dec<float>(hex("7f c0 00 00"))));
  EXPECT_TRUE(contains(decode_error_of([] { (void)dec<float>(hex("00 00 00 00 00 00 00 00")); }),
                       "float4"));
}

TEST(boolean, bytes) {
  EXPECT_EQ(enc_hex(true), "01");
  EXPECT_EQ(enc_hex(false), "00");
  EXPECT_TRUE(dec<bool>(hex("01")));
  EXPECT_FALSE(dec<bool>(hex("00")));
  EXPECT_TRUE(contains(decode_error_of([] { (void)dec<bool>(hex("02")); }), "bool"));
  EXPECT_TRUE(contains(decode_error_of([] { (void)dec<bool>(hex("01 00")); }), "bool"));
  EXPECT_TRUE(contains(decode_error_of([] { (void)dec<bool>(""); }), "bool"));
}

// ---- text, bytea ----------------------------------------------------------------------------

TEST(text, raw_bytes_both_ways) {
  const std::string utf8 = "Grüße, 世界! \xF0\x9F\x98\x80 \xF0\x9D\x84\x9E";  // 2-, 3- and 4-byte
  EXPECT_EQ(enc(utf8), utf8);
  EXPECT_EQ(round_trip(utf8), utf8);
  EXPECT_EQ(round_trip(std::string()), "");
  EXPECT_EQ(enc(std::string()), "");
  const std::string long_text(100000, 'x');
  EXPECT_EQ(round_trip(long_text), long_text);
  EXPECT_EQ(enc(std::string_view("view")), "view");
  EXPECT_EQ(enc<const char*>("pointer"), "pointer");
  EXPECT_EQ(enc("literal"), "literal");  // char[8], without its terminator
  const char buffer[6] = {'a', 'b', '\0', 'c', 'd', 'e'};
  EXPECT_EQ(enc(buffer), "ab");
  std::string appended = "prefix";
  type_traits<std::string>::encode("+more", appended);
  EXPECT_EQ(appended, "prefix+more");
}

TEST(text, null_pointer_is_refused) {
  EXPECT_TRUE(contains(error_of([] { (void)enc<const char*>(nullptr); }), "std::nullopt"));
}

TEST(bytea, bytes_both_ways) {
  std::vector<std::byte> all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<std::byte>(i));
  EXPECT_EQ(round_trip(all), all);
  EXPECT_EQ(enc(all).size(), 256u);
  EXPECT_EQ(enc(all)[255], '\xff');
  EXPECT_TRUE(round_trip(std::vector<std::byte>{}).empty());
  EXPECT_EQ(enc(std::vector<std::byte>{}), "");
  const std::array<std::byte, 3> raw{std::byte{0}, std::byte{0x7f}, std::byte{0xff}};
  EXPECT_EQ(enc_hex(std::span<const std::byte>(raw)), "00 7f ff");
}

// ---- uuid -----------------------------------------------------------------------------------

TEST(uuid, parse_and_format) {
  const auto u = uuid::parse("A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11");
  EXPECT_EQ(u.to_string(), "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
  EXPECT_EQ(uuid::parse("a0eebc999c0b4ef8bb6d6bb9bd380a11"), u);
  EXPECT_EQ(uuid::parse("{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}"), u);
  EXPECT_EQ(uuid().to_string(), "00000000-0000-0000-0000-000000000000");
  EXPECT_EQ(uuid::parse("ffffffff-ffff-ffff-ffff-ffffffffffff").to_string(),
            "ffffffff-ffff-ffff-ffff-ffffffffffff");
  for (const std::string_view bad :
       {"", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a111",
        "a0eebc99x9c0b-4ef8-bb6d-6bb9bd380a11", "g0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
        "a0eebc999c0b4ef8bb6d6bb9bd380a1z", "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
        "a0eebc99-9c0b4-ef8-bb6d-6bb9bd380a11"}) {
    EXPECT_TRUE(contains(error_of([&] { (void)uuid::parse(bad); }), "invalid uuid")) << bad;
  }
}

TEST(uuid, wire_and_comparisons) {
  const auto u = uuid::parse("00112233-4455-6677-8899-aabbccddeeff");
  EXPECT_EQ(enc_hex(u), "00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff");
  EXPECT_EQ(round_trip(u), u);
  EXPECT_LT(uuid(), u);
  EXPECT_LT(u, uuid::parse("00112233-4455-6677-8899-aabbccddef00"));
  EXPECT_NE(u, uuid());
  std::unordered_set<uuid> set{u, uuid(), u};
  EXPECT_EQ(set.size(), 2u);
  EXPECT_TRUE(contains(decode_error_of([] { (void)dec<uuid>(std::string(15, '\0')); }), "uuid"));
}

// ---- dates and times ------------------------------------------------------------------------

using sys_us = std::chrono::sys_time<microseconds>;
using local_us = std::chrono::local_time<microseconds>;
constexpr std::int64_t pg_epoch_us = 946'684'800'000'000;

TEST(timestamptz, epoch_and_precision) {
  const sys_us pg_epoch = std::chrono::sys_days(std::chrono::year(2000) / 1 / 1);
  EXPECT_EQ(enc_hex(pg_epoch), "00 00 00 00 00 00 00 00");
  EXPECT_EQ(enc_hex(pg_epoch + 1us), "00 00 00 00 00 00 00 01");
  EXPECT_EQ(enc_hex(pg_epoch - 1us), "ff ff ff ff ff ff ff ff");
  EXPECT_EQ(dec<std::int64_t>(enc(sys_us{})), -pg_epoch_us);  // 1970-01-01
  for (const sys_us v : {sys_us{}, pg_epoch, pg_epoch + 1us, pg_epoch - 1us,
                         sys_us(std::chrono::sys_days(std::chrono::year(1900) / 2 / 28)) + 13h +
                             1min + 59s + 999999us,
                         sys_us(std::chrono::sys_days(std::chrono::year(-4713) / 11 / 24)),
                         sys_us(std::chrono::sys_days(std::chrono::year(294246) / 12 / 31)) + 23h +
                             59min + 59s + 999999us,
                         sys_us::max() - 1us, sys_us::min() + microseconds(pg_epoch_us + 1)}) {
    EXPECT_EQ(round_trip(v), v) << v.time_since_epoch().count();
  }
}

TEST(timestamptz, infinity_maps_to_max_and_min) {
  EXPECT_EQ(enc_hex(sys_us::max()), "7f ff ff ff ff ff ff ff");
  EXPECT_EQ(enc_hex(sys_us::min()), "80 00 00 00 00 00 00 00");
  EXPECT_EQ(dec<sys_us>(hex("7f ff ff ff ff ff ff ff")), sys_us::max());
  EXPECT_EQ(dec<sys_us>(hex("80 00 00 00 00 00 00 00")), sys_us::min());
  EXPECT_EQ(round_trip(local_us::max()), local_us::max());
  EXPECT_EQ(round_trip(local_us::min()), local_us::min());
  using sys_ns = std::chrono::sys_time<std::chrono::nanoseconds>;
  EXPECT_EQ(enc_hex(sys_ns::max()), "7f ff ff ff ff ff ff ff");
  EXPECT_EQ(dec<sys_ns>(hex("80 00 00 00 00 00 00 00")), sys_ns::min());
  EXPECT_EQ(enc_hex(std::chrono::sys_seconds::max()), "7f ff ff ff ff ff ff ff");
}

TEST(timestamptz, values_beyond_the_cpp_range) {
  // 294276-12-31T23:59:59.999999, PostgreSQL's last timestamp, is past what
  // sys_time<microseconds> holds (it ends in 294247).
  std::string far;
  write_be(far, std::int64_t{9'223'371'331'199'999'999});
  EXPECT_TRUE(contains(decode_error_of([&] { (void)dec<sys_us>(far); }), "range"));
  // Near sys_us::min() the shift to PostgreSQL's epoch would overflow: refused, not wrapped.
  EXPECT_TRUE(contains(error_of([] { (void)enc(sys_us::min() + 1us); }), "out of range"));
  // Nanoseconds reach only 2262.
  using sys_ns = std::chrono::sys_time<std::chrono::nanoseconds>;
  const sys_us year_3000 = std::chrono::sys_days(std::chrono::year(3000) / 1 / 1);
  EXPECT_TRUE(contains(decode_error_of([&] { (void)dec<sys_ns>(enc(year_3000)); }), "range"));
  // Seconds this large overflow microseconds.
  const std::chrono::sys_seconds huge(
      std::chrono::seconds(std::numeric_limits<std::int64_t>::max() / 2));
  EXPECT_TRUE(contains(error_of([&] { (void)enc(huge); }), "out of range"));
}

TEST(timestamptz, other_durations_as_parameters) {
  using sys_ns = std::chrono::sys_time<std::chrono::nanoseconds>;
  const sys_us pg_epoch = std::chrono::sys_days(std::chrono::year(2000) / 1 / 1);
  // Finer than microseconds is floored, also before the epoch.
  EXPECT_EQ(enc(sys_ns(pg_epoch) + std::chrono::nanoseconds(1999)), enc(pg_epoch + 1us));
  EXPECT_EQ(enc(sys_ns(pg_epoch) - std::chrono::nanoseconds(1)), enc(pg_epoch - 1us));
  EXPECT_EQ(enc(std::chrono::sys_seconds(std::chrono::seconds(946'684'801))), enc(pg_epoch + 1s));
  EXPECT_EQ(enc(std::chrono::time_point_cast<std::chrono::milliseconds>(pg_epoch) - 1ms),
            enc(pg_epoch - 1000us));
  // Decoding into nanoseconds is exact.
  EXPECT_EQ(dec<sys_ns>(enc(pg_epoch + 5us)), sys_ns(pg_epoch) + std::chrono::nanoseconds(5000));
  const auto now = std::chrono::system_clock::now();
  EXPECT_EQ(dec<sys_us>(enc(now)), std::chrono::floor<microseconds>(now));
}

TEST(timestamp, same_wire_as_timestamptz) {
  const local_us t =
      std::chrono::local_days(std::chrono::year(2021) / 3 / 4) + 5h + 6min + 7s + 8us;
  const sys_us u = std::chrono::sys_days(std::chrono::year(2021) / 3 / 4) + 5h + 6min + 7s + 8us;
  EXPECT_EQ(enc(t), enc(u));
  EXPECT_EQ(round_trip(t), t);
  EXPECT_EQ(round_trip(local_us{}), local_us{});
}

TEST(date, epoch_infinity_and_range) {
  using std::chrono::sys_days;
  const sys_days pg_epoch = std::chrono::year(2000) / 1 / 1;
  EXPECT_EQ(enc_hex(pg_epoch), "00 00 00 00");
  EXPECT_EQ(enc_hex(pg_epoch - std::chrono::days(1)), "ff ff ff ff");
  EXPECT_EQ(dec<std::int32_t>(enc(sys_days{})), -10957);
  EXPECT_EQ(enc_hex(sys_days::max()), "7f ff ff ff");
  EXPECT_EQ(enc_hex(sys_days::min()), "80 00 00 00");
  EXPECT_EQ(dec<sys_days>(hex("7f ff ff ff")), sys_days::max());
  EXPECT_EQ(dec<sys_days>(hex("80 00 00 00")), sys_days::min());
  for (const sys_days d :
       {sys_days{}, pg_epoch, sys_days(std::chrono::year(-4713) / 11 / 24),
        sys_days(std::chrono::year(1582) / 10 / 15), sys_days(std::chrono::year(2024) / 2 / 29),
        sys_days(std::chrono::year(32767) / 12 / 31)}) {
    EXPECT_EQ(round_trip(d), d);
  }
  // Far beyond PostgreSQL's dates and the int32 wire format.
  EXPECT_TRUE(contains(error_of([] {
                         (void)enc(
                             std::chrono::sys_days(std::chrono::days(std::int64_t{3'000'000'000})));
                       }),
                       "out of range"));
  EXPECT_TRUE(contains(decode_error_of([] { (void)dec<sys_days>(hex("00 00 00")); }), "date"));
}

TEST(time, values_and_limits) {
  EXPECT_EQ(enc_hex(time_of_day()), "00 00 00 00 00 00 00 00");
  const time_of_day t(13h, 45min, 6s, 500000us);
  EXPECT_EQ(dec<std::int64_t>(enc(t)), ((13 * 60 + 45) * 60 + 6) * 1'000'000LL + 500000);
  EXPECT_EQ(round_trip(t), t);
  EXPECT_EQ(t.to_string(), "13:45:06.5");
  EXPECT_EQ(time_of_day(microseconds(1)).to_string(), "00:00:00.000001");
  EXPECT_EQ(time_of_day(24h, 0min, 0s).to_string(), "24:00:00");
  EXPECT_EQ(round_trip(time_of_day(24h, 0min, 0s)), time_of_day(24h, 0min, 0s));
  EXPECT_EQ(t.to_hh_mm_ss().minutes(), 45min);
  EXPECT_LT(time_of_day(), t);
  EXPECT_TRUE(contains(error_of([] { (void)time_of_day(24h + 1us); }), "out of range"));
  EXPECT_TRUE(contains(error_of([] { (void)time_of_day(-1us); }), "out of range"));
  EXPECT_TRUE(
      contains(decode_error_of([] { (void)dec<time_of_day>(enc(std::int64_t{-1})); }), "time"));
  EXPECT_TRUE(contains(
      decode_error_of([] { (void)dec<time_of_day>(enc(std::int64_t{86'400'000'001})); }), "time"));
}

TEST(interval, wire_order_and_extremes) {
  EXPECT_EQ(enc_hex(interval{1, 2, 3}), "00 00 00 00 00 00 00 03 00 00 00 02 00 00 00 01");
  for (const interval v :
       {interval{}, interval{-14, -3, -4'000'000},
        interval{std::numeric_limits<std::int32_t>::max(), std::numeric_limits<std::int32_t>::max(),
                 std::numeric_limits<std::int64_t>::max()},
        interval{std::numeric_limits<std::int32_t>::min(), std::numeric_limits<std::int32_t>::min(),
                 std::numeric_limits<std::int64_t>::min()},
        interval::from(90min)}) {
    EXPECT_EQ(round_trip(v), v);
  }
  EXPECT_EQ(interval::from(90min).microseconds, 5'400'000'000);
  EXPECT_NE((interval{0, 1, 0}), (interval{0, 0, 86'400'000'000}));
  EXPECT_TRUE(
      contains(decode_error_of([] { (void)dec<interval>(std::string(12, '\0')); }), "interval"));
}

// ---- numeric --------------------------------------------------------------------------------

TEST(numeric, canonical_text) {
  const std::vector<std::pair<std::string_view, std::string_view>> cases = {
      {"0", "0"},
      {"-0", "0"},
      {"-0.00", "0.00"},
      {"+1.50", "1.50"},
      {".5", "0.5"},
      {"5.", "5"},
      {"007.10", "7.10"},
      {"-123.4500", "-123.4500"},
      {"1e-20", "0.00000000000000000001"},
      {"1E3", "1000"},
      {"1.5e3", "1500"},
      {"1.50e1", "15.0"},
      {"12.345e-2", "0.12345"},
      {"-0.0001e+2", "-0.01"},
      {"0e5", "0"},
      {"0.000e-2", "0.00000"},
      {"123456789012345678901234567890.123456789", "123456789012345678901234567890.123456789"},
      {"NaN", "NaN"},
      {"nan", "NaN"},
      {"Infinity", "Infinity"},
      {"+inf", "Infinity"},
      {"-INFINITY", "-Infinity"},
  };
  for (const auto& [input, canonical] : cases) {
    EXPECT_EQ(numeric(input).to_string(), canonical) << input;
  }
  EXPECT_EQ(numeric().to_string(), "0");
  EXPECT_EQ(numeric(std::numeric_limits<std::int64_t>::min()).to_string(), "-9223372036854775808");
  EXPECT_EQ(numeric(std::numeric_limits<std::uint64_t>::max()).to_string(), "18446744073709551615");
  EXPECT_EQ(numeric(42).to_string(), "42");
  EXPECT_EQ(numeric("1.50").scale(), 2u);
  EXPECT_EQ(numeric("12").scale(), 0u);
  EXPECT_TRUE(numeric::nan().is_nan());
  EXPECT_TRUE(numeric("-inf").is_infinite());
  EXPECT_EQ(numeric("1.5"), numeric("1.5"));
  EXPECT_NE(numeric("1.5"), numeric("1.50"));
  // Limits: 16383 digits after the point, 131072 before.
  EXPECT_EQ(numeric("1e-16383").scale(), 16383u);
  EXPECT_EQ(numeric("1e131071").to_string().size(), 131072u);
}

TEST(numeric, invalid_text_is_refused) {
  for (const std::string_view bad :
       {"",          "-",        "+",        ".",    "abc",       "1.2.3", "1e",
        "1e+",       "--1",      "1 ",       " 1",   "1,5",       "-NaN",  "0x10",
        "1e1000001", "1e-16384", "1e131072", "1.5f", "Infinityy", "1_000"}) {
    EXPECT_TRUE(contains(error_of([&] { (void)numeric(bad); }), "invalid numeric")) << bad;
  }
}

TEST(numeric, binary_format) {
  // ndigits, weight, sign, dscale, digits.
  EXPECT_EQ(enc_hex(numeric("0")), "00 00 00 00 00 00 00 00");
  EXPECT_EQ(enc_hex(numeric("0.00")), "00 00 00 00 00 00 00 02");
  EXPECT_EQ(enc_hex(numeric("1")), "00 01 00 00 00 00 00 00 00 01");
  EXPECT_EQ(enc_hex(numeric("10000")), "00 01 00 01 00 00 00 00 00 01");
  EXPECT_EQ(enc_hex(numeric("-123.4500")), "00 02 00 00 40 00 00 04 00 7b 11 94");
  EXPECT_EQ(enc_hex(numeric("0.5")), "00 01 ff ff 00 00 00 01 13 88");
  EXPECT_EQ(enc_hex(numeric("1e-20")), "00 01 ff fb 00 00 00 14 00 01");
  EXPECT_EQ(enc_hex(numeric("12345678.9")), "00 03 00 01 00 00 00 01 04 d2 16 2e 23 28");
  EXPECT_EQ(enc_hex(numeric::nan()), "00 00 00 00 c0 00 00 00");
  EXPECT_EQ(enc_hex(numeric::infinity()), "00 00 00 00 d0 00 00 00");
  EXPECT_EQ(enc_hex(numeric::negative_infinity()), "00 00 00 00 f0 00 00 00");
}

TEST(numeric, round_trips_exactly) {
  for (const std::string_view text : {"0",
                                      "0.00",
                                      "1",
                                      "-1",
                                      "10000",
                                      "9999",
                                      "99999999",
                                      "100000000",
                                      "0.0001",
                                      "0.00010",
                                      "-0.00000000000000000001",
                                      "123456789012345678901234567890.123456789",
                                      "-999999999999999999999999999999999999.999999999999999999999",
                                      "3.14159265358979323846",
                                      "1000000000000000000000000000000000000000",
                                      "0.1000",
                                      "NaN",
                                      "Infinity",
                                      "-Infinity",
                                      "9223372036854775807",
                                      "-9223372036854775808"}) {
    EXPECT_EQ(round_trip(numeric(text)).to_string(), text);
  }
  const numeric big("1e131071");
  EXPECT_EQ(round_trip(big), big);
  const numeric tiny("1e-16383");
  EXPECT_EQ(round_trip(tiny), tiny);
}

TEST(numeric, decodes_unnormalised_input) {
  // Leading and trailing zero digits, digits hidden by dscale (truncated, as the server does).
  EXPECT_EQ(dec<numeric>(hex("00 03 00 01 00 00 00 00 00 00 00 05 00 00")).to_string(), "5");
  EXPECT_EQ(dec<numeric>(hex("00 02 00 00 00 00 00 01 00 01 13 88")).to_string(), "1.5");
  EXPECT_EQ(dec<numeric>(hex("00 02 00 00 00 00 00 00 00 01 13 88")).to_string(), "1");
  EXPECT_EQ(dec<numeric>(hex("00 01 00 00 40 00 00 02 00 00")).to_string(), "0.00");
  EXPECT_EQ(dec<numeric>(hex("00 01 00 02 00 00 00 00 00 07")).to_string(), "700000000");
}

TEST(numeric, malformed_binary_is_a_decode_error) {
  for (const std::string_view bad :
       {"", "00 00 00 00 00 00", "00 01 00 00 00 00 00 00", "00 01 00 00 00 00 00 00 27 10",
        "00 00 00 00 12 34 00 00", "ff ff 00 00 00 00 00 00", "00 00 00 00 00 00 40 00",
        "00 00 00 00 00 00 00 00 00"}) {
    EXPECT_TRUE(contains(decode_error_of([&] { (void)dec<numeric>(hex(bad)); }), "numeric")) << bad;
  }
}

TEST(numeric, to_double) {
  EXPECT_EQ(numeric("1.5").to_double(), 1.5);
  EXPECT_EQ(numeric("-0.25").to_double(), -0.25);
  EXPECT_EQ(numeric("123456789").to_double(), 123456789.0);
  EXPECT_TRUE(std::isnan(numeric::nan().to_double()));
  EXPECT_EQ(numeric::infinity().to_double(), std::numeric_limits<double>::infinity());
  EXPECT_EQ(numeric::negative_infinity().to_double(), -std::numeric_limits<double>::infinity());
  EXPECT_EQ(numeric("1e400").to_double(), std::numeric_limits<double>::infinity());
  EXPECT_EQ(numeric("-1e400").to_double(), -std::numeric_limits<double>::infinity());
  EXPECT_EQ(numeric("1e-400").to_double(), 0.0);
}

// ---- json ------------------------------------------------------------------------------------

TEST(json, text_and_jsonb_binary) {
  const auto doc = nlohmann::json::parse(
      R"({"a": [1, 2.5, null, true, {"b": "ü😀"}], "c": {"d": {"e": []}}, "big": 9007199254740993})");
  EXPECT_EQ(round_trip(doc), doc);
  EXPECT_EQ(enc(nlohmann::json{{"k", "v"}}), R"({"k":"v"})");
  EXPECT_EQ(dec<nlohmann::json>(R"( {"k": [1, 2]} )"), (nlohmann::json{{"k", {1, 2}}}));
  // jsonb binary: version byte 1, then the text.
  EXPECT_EQ(dec<nlohmann::json>(std::string("\x01") + R"({"k": "v"})"),
            (nlohmann::json{{"k", "v"}}));
  EXPECT_EQ(dec<nlohmann::json>("null"), nlohmann::json());
  EXPECT_EQ(enc(nlohmann::json()), "null");
  EXPECT_EQ(dec<nlohmann::json>("\"text\""), nlohmann::json("text"));
  EXPECT_EQ(dec<nlohmann::json>("9223372036854775807"),
            nlohmann::json(std::int64_t{9223372036854775807}));
}

TEST(json, malformed_is_a_decode_error) {
  for (const std::string_view bad : {"", "{", "{\"a\":}", "\x01", "\x02{}", "[1,]"}) {
    EXPECT_TRUE(contains(decode_error_of([&] { (void)dec<nlohmann::json>(bad); }), "json")) << bad;
  }
  EXPECT_TRUE(contains(error_of([] { (void)enc(nlohmann::json("\xff\xfe")); }), "JSON"));
}

// ---- inet ------------------------------------------------------------------------------------

TEST(inet, parse_and_format_as_postgres) {
  const std::vector<std::pair<std::string_view, std::string_view>> cases = {
      {"192.168.0.1", "192.168.0.1"},
      {"192.168.0.1/32", "192.168.0.1"},
      {"192.168.0.1/24", "192.168.0.1/24"},
      {"0.0.0.0/0", "0.0.0.0/0"},
      {"255.255.255.255", "255.255.255.255"},
      {"::1", "::1"},
      {"::", "::"},
      {"::/0", "::/0"},
      {"2001:DB8::1", "2001:db8::1"},
      {"2001:0db8:0000:0000:0000:0000:0000:0001/64", "2001:db8::1/64"},
      {"2001:db8:0:1:0:0:0:1", "2001:db8:0:1::1"},
      {"2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"},
      {"1:0:2:3:4:5:6:7", "1:0:2:3:4:5:6:7"},
      {"1::", "1::"},
      {"fe80::1:2:3:4:5:6", "fe80:0:1:2:3:4:5:6"},
      {"::ffff:10.0.0.1", "::ffff:10.0.0.1"},
      {"::ffff:a00:1", "::ffff:10.0.0.1"},
      {"::10.0.0.1", "::10.0.0.1"},
      {"1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:102:304"},
      {"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"},
  };
  for (const auto& [input, text] : cases) {
    EXPECT_EQ(inet::parse(input).to_string(), text) << input;
    EXPECT_FALSE(inet::parse(input).is_cidr());
    EXPECT_EQ(round_trip(inet::parse(input)), inet::parse(input)) << input;
  }
  EXPECT_EQ(inet::parse_cidr("10.0.0.0/8").to_string(), "10.0.0.0/8");
  EXPECT_EQ(inet::parse_cidr("10.1.2.3").to_string(), "10.1.2.3/32");
  EXPECT_EQ(inet::parse_cidr("2001:db8::/32").to_string(), "2001:db8::/32");
  EXPECT_TRUE(inet::parse_cidr("10.0.0.0/8").is_cidr());
  EXPECT_EQ(inet().to_string(), "0.0.0.0");
  EXPECT_EQ(inet::parse("10.0.0.1").family(), inet::address_family::v4);
  EXPECT_EQ(inet::parse("::1").family(), inet::address_family::v6);
  EXPECT_EQ(inet::parse("::1").address().size(), 16u);
  EXPECT_EQ(inet::parse("10.0.0.1/8").prefix_length(), 8);
  EXPECT_NE(inet::parse("10.0.0.0/8"), inet::parse_cidr("10.0.0.0/8"));
}

TEST(inet, invalid_text_is_refused) {
  for (const std::string_view bad :
       {"",         "1.2.3",      "1.2.3.4.5",         "256.1.1.1",         "1.2.3.4/33",
        "1.2.3.4/", "1.2.3.4/-1", "01.2.3.4",          "1.2.3.4 ",          "::1/129",
        ":1",       "1:::2",      "1::2::3",           "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7",
        "12345::",  "g::",        "1:2:3:4:5:6:7:8::", "::1.2.3",           "1.2.3.4::",
        "abc"}) {
    EXPECT_TRUE(contains(error_of([&] { (void)inet::parse(bad); }), "invalid inet")) << bad;
  }
  EXPECT_TRUE(
      contains(error_of([] { (void)inet::parse_cidr("10.0.0.1/8"); }), "right of its prefix"));
  EXPECT_TRUE(
      contains(error_of([] { (void)inet::parse_cidr("2001:db8::1/32"); }), "right of its prefix"));
}

TEST(inet, wire_format) {
  EXPECT_EQ(enc_hex(inet::parse("192.168.0.1/24")), "02 18 00 04 c0 a8 00 01");
  EXPECT_EQ(enc_hex(inet::parse_cidr("10.0.0.0/8")), "02 08 01 04 0a 00 00 00");
  EXPECT_EQ(enc_hex(inet::parse("::1")),
            "03 80 00 10 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 01");
  EXPECT_EQ(dec<inet>(hex("02 08 01 04 0a 00 00 00")), inet::parse_cidr("10.0.0.0/8"));
  for (const std::string_view bad :
       {"", "02 20 00 04 01 02 03", "02 20 00 04 01 02 03 04 05", "04 20 00 04 01 02 03 04",
        "02 21 00 04 01 02 03 04", "02 20 00 10 01 02 03 04", "02 08 01 04 0a 00 00 01",
        "02 20 02 04 01 02 03 04"}) {
    EXPECT_TRUE(contains(decode_error_of([&] { (void)dec<inet>(hex(bad)); }), "inet")) << bad;
  }
}

// ---- arrays ----------------------------------------------------------------------------------

TEST(arrays, binary_layout) {
  // ndim 1, no nulls, element OID 23, size 2, lower bound 1, then length + value per element.
  EXPECT_EQ(enc_hex(std::vector<std::int32_t>{1, -1}),
            "00 00 00 01 00 00 00 00 00 00 00 17 00 00 00 02 00 00 00 01 "
            "00 00 00 04 00 00 00 01 00 00 00 04 ff ff ff ff");
  // Empty: ndim 0.
  EXPECT_EQ(enc_hex(std::vector<std::int64_t>{}), "00 00 00 00 00 00 00 00 00 00 00 14");
  // NULL element: length -1 and the has-nulls flag.
  EXPECT_EQ(enc_hex(std::vector<std::optional<std::int16_t>>{std::nullopt, std::int16_t{7}}),
            "00 00 00 01 00 00 00 01 00 00 00 15 00 00 00 02 00 00 00 01 "
            "ff ff ff ff 00 00 00 02 00 07");
  const std::array<std::int64_t, 1> one{5};
  EXPECT_EQ(enc(std::span<const std::int64_t>(one)), enc(std::vector<std::int64_t>{5}));
  std::array<std::int64_t, 1> mutable_one{5};
  EXPECT_EQ(enc(std::span<std::int64_t>(mutable_one)), enc(std::vector<std::int64_t>{5}));
}

TEST(arrays, binary_round_trips) {
  const std::vector<std::optional<std::int32_t>> with_nulls{
      std::nullopt, 1, std::nullopt, std::numeric_limits<std::int32_t>::min()};
  EXPECT_EQ(round_trip(with_nulls), with_nulls);
  EXPECT_EQ(round_trip(std::vector<std::optional<std::int32_t>>{std::nullopt}),
            (std::vector<std::optional<std::int32_t>>{std::nullopt}));
  EXPECT_TRUE(round_trip(std::vector<double>{}).empty());
  const std::vector<bool> bools{true, false, true};
  EXPECT_EQ(round_trip(bools), bools);
  const std::vector<numeric> numbers{numeric("1.50"), numeric::nan(), numeric("-1e-20")};
  EXPECT_EQ(round_trip(numbers), numbers);
  const std::vector<std::vector<std::byte>> blobs{{}, {std::byte{1}, std::byte{0}}};
  EXPECT_EQ(round_trip(blobs), blobs);
  const std::vector<uuid> ids{uuid(), uuid::parse("00112233-4455-6677-8899-aabbccddeeff")};
  EXPECT_EQ(round_trip(ids), ids);
  const std::vector<sys_us> times{sys_us::min(), sys_us{}, sys_us::max()};
  EXPECT_EQ(round_trip(times), times);
  const std::vector<interval> intervals{interval{1, 2, 3}, interval{}};
  EXPECT_EQ(round_trip(intervals), intervals);
}

TEST(arrays, binary_decoding_checks) {
  // A NULL element needs std::optional elements.
  const auto with_null = enc(std::vector<std::optional<std::int32_t>>{1, std::nullopt});
  const auto message = decode_error_of([&] { (void)dec<std::vector<std::int32_t>>(with_null); });
  EXPECT_TRUE(contains(message, "NULL element at index 1")) << message;
  EXPECT_TRUE(contains(message, "std::vector<std::optional<std::int32_t>>")) << message;
  // Two dimensions: {{1},{2}}.
  const auto two_d =
      hex("00 00 00 02 00 00 00 00 00 00 00 17 00 00 00 02 00 00 00 01 00 00 00 01 00 00 00 01 "
          "00 00 00 04 00 00 00 01 00 00 00 04 00 00 00 02");
  const auto multi = decode_error_of([&] { (void)dec<std::vector<std::int32_t>>(two_d); });
  EXPECT_TRUE(contains(multi, "multi-dimensional array (2 dimensions)")) << multi;
  EXPECT_TRUE(contains(multi, "std::vector<std::int32_t>")) << multi;
  // Lower bounds other than 1 are fine: [0:0]={5}.
  EXPECT_EQ(dec<std::vector<std::int32_t>>(hex("00 00 00 01 00 00 00 00 00 00 00 17 00 00 00 01 "
                                               "00 00 00 00 00 00 00 04 00 00 00 05")),
            (std::vector<std::int32_t>{5}));
  for (const std::string_view bad :
       {"00 00 00 01", "ff ff ff ff 00 00 00 00 00 00 00 17",
        "00 00 00 00 00 00 00 00 00 00 00 17 00",
        "00 00 00 01 00 00 00 00 00 00 00 17 00 00 00 02 00 00 00 01 00 00 00 04 00 00 00 01",
        "00 00 00 01 00 00 00 00 00 00 00 17 7f ff ff ff 00 00 00 01",
        "00 00 00 01 00 00 00 00 00 00 00 17 ff ff ff ff 00 00 00 01",
        "00 00 00 01 00 00 00 02 00 00 00 17 00 00 00 00 00 00 00 01",
        "00 00 00 01 00 00 00 00 00 00 00 17 00 00 00 01 00 00 00 01 ff ff ff fe",
        "00 00 00 01 00 00 00 00 00 00 00 17 00 00 00 01 00 00 00 01 00 00 00 02 00 05",
        "00 00 00 01 00 00 00 00 00 00 00 17 00 00 00 01 00 00 00 01 00 00 00 04 00 00 00 05 00"}) {
    EXPECT_TRUE(
        contains(decode_error_of([&] { (void)dec<std::vector<std::int32_t>>(hex(bad)); }), "int4"))
        << bad;
  }
  // An int array in text format cannot be decoded (its elements are binary only).
  EXPECT_TRUE(contains(decode_error_of([] { (void)dec<std::vector<std::int32_t>>("{1,2}"); }),
                       "text format"));
}

TEST(arrays, text_format_for_strings) {
  const std::vector<std::optional<std::string>> values{
      "a",     "",  "NULL", std::nullopt, "with \"quotes\"", "back\\slash", "{braces},comma",
      " pad ", "ü😀"};
  const std::string text = enc(values);
  EXPECT_EQ(
      text,
      R"({"a","","NULL",NULL,"with \"quotes\"","back\\slash","{braces},comma"," pad ","ü😀"})");
  EXPECT_EQ(round_trip(values), values);
  EXPECT_EQ(enc(std::vector<std::string>{}), "{}");
  EXPECT_TRUE(dec<std::vector<std::string>>("{}").empty());
  EXPECT_EQ(enc(std::vector<std::string_view>{"x", "y"}), R"({"x","y"})");
  const std::array<const char*, 2> pointers{"p", "q\""};
  EXPECT_EQ(enc(std::span<const char* const>(pointers)), R"({"p","q\""})");
}

TEST(arrays, text_format_as_postgres_prints_it) {
  using strings = std::vector<std::optional<std::string>>;
  EXPECT_EQ(dec<strings>(R"({a,"b c",NULL,"NULL",null,"",\"q\",x\,y})"),
            (strings{"a", "b c", std::nullopt, "NULL", std::nullopt, "", "\"q\"", "x,y"}));
  EXPECT_EQ(dec<strings>(" { a b , \"c\" } "), (strings{"a b", "c"}));
  EXPECT_EQ(dec<strings>("[0:1]={x,y}"), (strings{"x", "y"}));
  EXPECT_EQ(dec<strings>(R"({"a\\b"})"), (strings{"a\\b"}));
  // Binary string arrays decode too (a runtime fetching everything in binary).
  std::string binary;
  write_be(binary, std::int32_t{1});
  write_be(binary, std::int32_t{1});
  write_be(binary, std::uint32_t{1043});
  write_be(binary, std::int32_t{2});
  write_be(binary, std::int32_t{1});
  write_be(binary, std::int32_t{-1});
  write_be(binary, std::int32_t{3});
  binary += "abc";
  EXPECT_EQ(dec<strings>(binary), (strings{std::nullopt, "abc"}));
  EXPECT_TRUE(dec<strings>(hex("00 00 00 00 00 00 00 00 00 00 00 19")).empty());
}

TEST(arrays, malformed_text_is_a_decode_error) {
  const auto multi = decode_error_of([] { (void)dec<std::vector<std::string>>("{{a,b},{c,d}}"); });
  EXPECT_TRUE(contains(multi, "multi-dimensional")) << multi;
  EXPECT_TRUE(
      contains(decode_error_of([] { (void)dec<std::vector<std::string>>("[1:2][1:1]={{a},{b}}"); }),
               "multi-dimensional"));
  EXPECT_TRUE(contains(decode_error_of([] { (void)dec<std::vector<std::string>>("{a,NULL}"); }),
                       "NULL element at index 1"));
  for (const std::string_view bad :
       {"{", "{a", "{a,", "{\"a}", "{a}x", "{,}", "{a,,b}", "{a\"b}", "[1:2]{a,b}", "{a\\"}) {
    EXPECT_TRUE(
        contains(decode_error_of([&] { (void)dec<std::vector<std::string>>(bad); }), "_text"))
        << bad;
  }
}

TEST(arrays, json_and_inet_arrays_travel_as_text) {
  const std::vector<nlohmann::json> docs{nlohmann::json{{"a", 1}}, nlohmann::json("x,\"y\""),
                                         nlohmann::json()};
  EXPECT_EQ(enc(docs), R"({"{\"a\":1}","\"x,\\\"y\\\"\"","null"})");
  EXPECT_EQ(round_trip(docs), docs);
  const std::vector<inet> nets{inet::parse("10.0.0.1"), inet::parse("::1/64")};
  EXPECT_EQ(enc(nets), R"({"10.0.0.1","::1/64"})");
  EXPECT_EQ(round_trip(nets), nets);
}

// ---- enums -----------------------------------------------------------------------------------

TEST(enums, labels_both_ways) {
  EXPECT_EQ(enc(app::mood::grumpy), "grumpy");
  EXPECT_EQ(dec<app::mood>("happy"), app::mood::happy);
  EXPECT_EQ(round_trip(app::mood::neutral), app::mood::neutral);
  EXPECT_EQ(enc(app::billing::paid), "it's \"paid\", really");
  EXPECT_EQ(dec<app::billing::state>("void"), app::billing::void_);
  EXPECT_EQ(enc(app::letter::q2), "q2");
  EXPECT_EQ(dec<app::letter>("a1"), app::letter::a1);
  EXPECT_EQ(enc(app::holder::level::high), "high");
  EXPECT_EQ(enc(global_color::green), "green");
}

TEST(enums, unknown_label_names_label_and_enum) {
  const auto message = decode_error_of([] { (void)dec<app::mood>("ecstatic"); });
  EXPECT_TRUE(contains(message, "\"ecstatic\"")) << message;
  EXPECT_TRUE(contains(message, "mood")) << message;
  EXPECT_TRUE(contains(message, "app::mood")) << message;
  EXPECT_TRUE(contains(decode_error_of([] { (void)dec<app::mood>("Happy"); }), "Happy"));
  EXPECT_TRUE(contains(decode_error_of([] { (void)dec<app::mood>(""); }), "mood"));
  EXPECT_TRUE(contains(error_of([] { (void)enc(static_cast<app::mood>(42)); }), "42"));
}

TEST(enums, arrays_of_enums_travel_as_text) {
  const std::vector<std::optional<app::mood>> moods{app::mood::happy, std::nullopt,
                                                    app::mood::grumpy};
  EXPECT_EQ(enc(moods), R"({"happy",NULL,"grumpy"})");
  EXPECT_EQ(round_trip(moods), moods);
  EXPECT_EQ(dec<std::vector<app::mood>>("{neutral,happy}"),
            (std::vector<app::mood>{app::mood::neutral, app::mood::happy}));
  const std::vector<app::billing::state> states{app::billing::paid, app::billing::open};
  EXPECT_EQ(enc(states), R"({"it's \"paid\", really","open"})");
  EXPECT_EQ(round_trip(states), states);
  // As the server prints them, and in binary (element = label bytes).
  EXPECT_EQ(dec<std::vector<app::billing::state>>(R"({"it's \"paid\", really",void})"),
            (std::vector<app::billing::state>{app::billing::paid, app::billing::void_}));
  std::string binary;
  write_be(binary, std::int32_t{1});
  write_be(binary, std::int32_t{0});
  write_be(binary, std::uint32_t{16385});
  write_be(binary, std::int32_t{1});
  write_be(binary, std::int32_t{1});
  write_be(binary, std::int32_t{7});
  binary += "neutral";
  EXPECT_EQ(dec<std::vector<app::mood>>(binary), std::vector<app::mood>{app::mood::neutral});
  EXPECT_TRUE(contains(decode_error_of([] { (void)dec<std::vector<app::mood>>("{happy,sad}"); }),
                       "\"sad\""));
}

}  // namespace
