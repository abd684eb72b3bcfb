// bool: one byte, 0 or 1.
#pragma once

#include <string>
#include <string_view>

#include "sqlx/pg/builtin_types.hpp"
#include "sqlx/pg/type_traits.hpp"
#include "sqlx/pg/types/common.hpp"
#include "sqlx/pg/wire.hpp"

namespace sqlx::pg {

template <>
struct type_traits<bool> {
  static constexpr std::string_view type_name = "bool";
  static constexpr oid type_oid = codec_type_oid("bool");

  [[nodiscard]] static constexpr bool accepts(std::string_view pg_type) noexcept {
    return detail::is_builtin(pg_type, "bool");
  }

  static void encode(const bool& value, std::string& out) { out.push_back(value ? '\1' : '\0'); }

  [[nodiscard]] static bool decode(std::string_view bytes) {
    expect_size(bytes, 1, "bool");
    // The server only ever sends 0 or 1; anything else means we are not reading a bool.
    if (bytes[0] != '\0' && bytes[0] != '\1') {
      throw_decode_error("bool", "byte " + std::to_string(static_cast<unsigned char>(bytes[0])) +
                                     " is neither 0 nor 1");
    }
    return bytes[0] == '\1';
  }
};

}  // namespace sqlx::pg
