// int2/int4/int8 as std::int16_t/int32_t/int64_t. Strict as sqlx: each C++ width accepts
// exactly one PostgreSQL type, so a narrowing or widening never happens silently.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "sqlx/pg/builtin_types.hpp"
#include "sqlx/pg/type_traits.hpp"
#include "sqlx/pg/types/common.hpp"
#include "sqlx/pg/wire.hpp"

namespace sqlx::pg {
namespace detail {

template <typename T, const std::string_view& Name>
struct integer_codec {
  static constexpr std::string_view type_name = Name;
  static constexpr oid type_oid = codec_type_oid(Name);

  [[nodiscard]] static constexpr bool accepts(std::string_view pg_type) noexcept {
    return is_builtin(pg_type, Name);
  }

  static void encode(const T& value, std::string& out) { write_be(out, value); }

  [[nodiscard]] static T decode(std::string_view bytes) {
    expect_size(bytes, sizeof(T), Name);
    return read_be<T>(bytes.data());
  }
};

inline constexpr std::string_view int2_name = "int2";
inline constexpr std::string_view int4_name = "int4";
inline constexpr std::string_view int8_name = "int8";

}  // namespace detail

template <>
struct type_traits<std::int16_t> : detail::integer_codec<std::int16_t, detail::int2_name> {};
template <>
struct type_traits<std::int32_t> : detail::integer_codec<std::int32_t, detail::int4_name> {};
template <>
struct type_traits<std::int64_t> : detail::integer_codec<std::int64_t, detail::int8_name> {};

}  // namespace sqlx::pg
