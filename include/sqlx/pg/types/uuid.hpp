// uuid as sqlx::pg::uuid: 16 bytes in network order, exactly the binary wire format.
#pragma once

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "sqlx/detail/fnv1a.hpp"
#include "sqlx/error.hpp"
#include "sqlx/pg/builtin_types.hpp"
#include "sqlx/pg/type_traits.hpp"
#include "sqlx/pg/types/common.hpp"
#include "sqlx/pg/wire.hpp"

namespace sqlx::pg {
namespace detail {

[[noreturn]] inline void throw_bad_uuid(std::string_view text) {
  throw sqlx::error("invalid uuid \"" + std::string(text) +
                    "\": expected 32 hex digits, as xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx");
}

}  // namespace detail

class uuid {
 public:
  using bytes_type = std::array<std::uint8_t, 16>;

  // The nil uuid 00000000-0000-0000-0000-000000000000.
  constexpr uuid() noexcept = default;
  constexpr explicit uuid(const bytes_type& bytes) noexcept : bytes_(bytes) {}

  [[nodiscard]] constexpr const bytes_type& bytes() const noexcept { return bytes_; }

  // Lower-case 8-4-4-4-12 form, as PostgreSQL prints it.
  [[nodiscard]] std::string to_string() const {
    constexpr std::string_view digits = "0123456789abcdef";
    std::string text;
    text.reserve(36);
    for (std::size_t i = 0; i < bytes_.size(); ++i) {
      if (i == 4 || i == 6 || i == 8 || i == 10) text.push_back('-');
      text.push_back(digits[bytes_[i] >> 4]);
      text.push_back(digits[bytes_[i] & 0xF]);
    }
    return text;
  }

  // Accepts the canonical form and the plain 32-digit form, either case, optionally in
  // braces; throws sqlx::error on anything else (hyphens anywhere else included, since a
  // misplaced hyphen usually means a truncated or concatenated value).
  [[nodiscard]] static constexpr uuid parse(std::string_view text) {
    std::string_view body = text;
    if (body.size() >= 2 && body.front() == '{' && body.back() == '}') {
      body = body.substr(1, body.size() - 2);
    }
    const bool hyphenated = body.size() == 36;
    if (!hyphenated && body.size() != 32) detail::throw_bad_uuid(text);
    bytes_type bytes{};
    std::size_t at = 0;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
      if (hyphenated && (i == 4 || i == 6 || i == 8 || i == 10)) {
        if (body[at] != '-') detail::throw_bad_uuid(text);
        ++at;
      }
      const int high = detail::hex_digit_value(body[at]);
      const int low = detail::hex_digit_value(body[at + 1]);
      if (high < 0 || low < 0) detail::throw_bad_uuid(text);
      bytes[i] = static_cast<std::uint8_t>(high * 16 + low);
      at += 2;
    }
    return uuid(bytes);
  }

  friend constexpr bool operator==(const uuid&, const uuid&) noexcept = default;
  friend constexpr auto operator<=>(const uuid&, const uuid&) noexcept = default;

 private:
  bytes_type bytes_{};
};

template <>
inline constexpr std::string_view cpp_type_name<uuid> = "sqlx::pg::uuid";

template <>
struct type_traits<uuid> {
  static constexpr std::string_view type_name = "uuid";
  static constexpr oid type_oid = codec_type_oid("uuid");

  [[nodiscard]] static constexpr bool accepts(std::string_view pg_type) noexcept {
    return detail::is_builtin(pg_type, "uuid");
  }

  static void encode(const uuid& value, std::string& out) {
    for (const auto byte : value.bytes()) out.push_back(static_cast<char>(byte));
  }

  [[nodiscard]] static uuid decode(std::string_view bytes) {
    expect_size(bytes, 16, "uuid");
    uuid::bytes_type raw{};
    for (std::size_t i = 0; i < raw.size(); ++i) raw[i] = static_cast<std::uint8_t>(bytes[i]);
    return uuid(raw);
  }
};

}  // namespace sqlx::pg

// std::hash is declared by <string> (<functional> would cost every checked-query translation
// unit its compile time).
template <>
struct std::hash<sqlx::pg::uuid> {
  [[nodiscard]] std::size_t operator()(const sqlx::pg::uuid& value) const noexcept {
    // FNV-1a over the bytes: uuids are already well distributed, this only folds them.
    return static_cast<std::size_t>(
        sqlx::detail::fnv1a(value.bytes().data(), value.bytes().size()));
  }
};
