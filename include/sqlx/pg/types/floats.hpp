// float4/float8 as float/double, bit-exact: NaN, infinities and -0.0 survive the round trip
// (the binary format is the IEEE 754 bit pattern, unlike text with extra_float_digits).
#pragma once

#include <bit>
#include <cstdint>
#include <string>
#include <string_view>

#include "sqlx/pg/builtin_types.hpp"
#include "sqlx/pg/type_traits.hpp"
#include "sqlx/pg/types/common.hpp"
#include "sqlx/pg/wire.hpp"

namespace sqlx::pg {
namespace detail {

template <typename T, typename Bits, const std::string_view& Name>
struct float_codec {
  static_assert(sizeof(T) == sizeof(Bits));

  static constexpr std::string_view type_name = Name;
  static constexpr oid type_oid = codec_type_oid(Name);

  [[nodiscard]] static constexpr bool accepts(std::string_view pg_type) noexcept {
    return is_builtin(pg_type, Name);
  }

  static void encode(const T& value, std::string& out) {
    write_be(out, std::bit_cast<Bits>(value));
  }

  [[nodiscard]] static T decode(std::string_view bytes) {
    expect_size(bytes, sizeof(T), Name);
    return std::bit_cast<T>(read_be<Bits>(bytes.data()));
  }
};

inline constexpr std::string_view float4_name = "float4";
inline constexpr std::string_view float8_name = "float8";

}  // namespace detail

static_assert(sizeof(float) == 4 && sizeof(double) == 8, "IEEE 754 binary32/binary64 assumed");

template <>
struct type_traits<float> : detail::float_codec<float, std::uint32_t, detail::float4_name> {};
template <>
struct type_traits<double> : detail::float_codec<double, std::uint64_t, detail::float8_name> {};

}  // namespace sqlx::pg
