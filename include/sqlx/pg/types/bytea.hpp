// bytea as std::vector<std::byte>; std::span<const std::byte> as a parameter. The binary
// format is the bytes themselves (no hex/escape text encoding involved).
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sqlx/pg/builtin_types.hpp"
#include "sqlx/pg/type_traits.hpp"
#include "sqlx/pg/types/common.hpp"

namespace sqlx::pg {
namespace detail {

struct bytea_codec_base {
  static constexpr std::string_view type_name = "bytea";
  static constexpr oid type_oid = codec_type_oid("bytea");

  [[nodiscard]] static constexpr bool accepts(std::string_view pg_type) noexcept {
    return is_builtin(pg_type, "bytea");
  }

  static void append(std::span<const std::byte> bytes, std::string& out) {
    out.append(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  }
};

}  // namespace detail

template <>
struct type_traits<std::vector<std::byte>> : detail::bytea_codec_base {
  static void encode(const std::vector<std::byte>& value, std::string& out) { append(value, out); }

  [[nodiscard]] static std::vector<std::byte> decode(std::string_view bytes) {
    const auto* first = reinterpret_cast<const std::byte*>(bytes.data());
    return {first, first + bytes.size()};
  }
};

// Parameter only (a view cannot outlive the result it would be decoded from). More
// specialised than the span-of-elements array traits, so a byte span is bytea, not an array.
template <>
struct type_traits<std::span<const std::byte>> : detail::bytea_codec_base {
  static void encode(const std::span<const std::byte>& value, std::string& out) {
    append(value, out);
  }
};

}  // namespace sqlx::pg
