// The customisation points docs/types.md and docs/checked-queries.md tell users to use, written
// as a user would: each public header on its own (no <sqlx/sqlx.hpp>, nothing from detail/),
// so a customisation point that slips back under detail/ fails this build.
#include <gtest/gtest.h>

#include <cstdint>
#include <sqlx/fields.hpp>
#include <sqlx/pg/named_type.hpp>
#include <sqlx/pg/type_traits.hpp>
#include <sqlx/pg/types/array.hpp>
#include <sqlx/pg/wire.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace app {

// A user type over int8 whose arrays travel as text, with its own element text.
struct cents {
  std::int64_t value;
  friend bool operator==(const cents&, const cents&) = default;
};

struct credential {
  std::string discord_user_id;
  std::int64_t anilist_id;
};
SQLX_FIELDS(credential, discord_user_id, anilist_id)

}  // namespace app

template <>
struct sqlx::pg::type_traits<app::cents> {
  static constexpr std::string_view type_name = "int8";
  static constexpr oid type_oid = 20;
  static constexpr bool accepts(std::string_view pg_type) { return pg_type == "int8"; }
  static void encode(const app::cents& c, std::string& out) { write_be(out, c.value); }
  static app::cents decode(std::string_view bytes) {
    wire_reader in(bytes, "cents");
    const auto value = in.read<std::int64_t>();
    in.expect_end();
    return {value};
  }
};

template <>
inline constexpr bool sqlx::pg::array_element_prefers_text<app::cents> = true;

template <>
struct sqlx::pg::array_element_text<app::cents> {
  static void write(const app::cents& c, std::string& out) { out += std::to_string(c.value); }
  static app::cents read(std::string_view text) { return {std::stoll(std::string(text))}; }
};

SQLX_PG_TYPE(app::cents)

namespace {

using cents_array = sqlx::pg::type_traits<std::vector<app::cents>>;

static_assert(sqlx::pg::has_type_traits<app::cents>);
static_assert(!cents_array::binary, "array_element_prefers_text makes the array text");
static_assert(cents_array::accepts("_int8"));

TEST(CustomisationPoints, UserTypeEncodesWithTheWireHelpers) {
  std::string bytes;
  sqlx::pg::type_traits<app::cents>::encode({1234}, bytes);
  EXPECT_EQ(bytes.size(), 8U);
  EXPECT_EQ(sqlx::pg::type_traits<app::cents>::decode(bytes), app::cents{1234});
  EXPECT_THROW(static_cast<void>(sqlx::pg::type_traits<app::cents>::decode("abc")),
               sqlx::decode_error);
}

TEST(CustomisationPoints, ArraysUseTheElementText) {
  std::string text;
  cents_array::encode({{1}, {-20}}, text);
  EXPECT_EQ(text, R"({"1","-20"})");
  EXPECT_EQ(cents_array::decode("{7,8}"), (std::vector<app::cents>{{7}, {8}}));
}

}  // namespace
