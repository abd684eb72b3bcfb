// inet and cidr as sqlx::pg::inet: an IPv4 or IPv6 address with a prefix length, plus the
// flag telling a cidr (a network: no bits set right of the prefix) from an inet (a host
// address, optionally with its network's prefix).
#pragma once

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "sqlx/error.hpp"
#include "sqlx/pg/builtin_types.hpp"
#include "sqlx/pg/type_traits.hpp"
#include "sqlx/pg/types/common.hpp"
#include "sqlx/pg/wire.hpp"

namespace sqlx::pg {

class inet {
 public:
  enum class address_family : std::uint8_t { v4 = 4, v6 = 6 };

  // 0.0.0.0 (inet, prefix 32).
  constexpr inet() noexcept = default;

  // `address` holds 4 (v4) or 16 (v6) bytes in network order. Throws sqlx::error on a wrong
  // size, a prefix longer than the address, or (cidr) bits set right of the prefix.
  inet(address_family family, std::span<const std::uint8_t> address, int prefix_length,
       bool is_cidr = false)
      : family_(family), prefix_length_(static_cast<std::uint8_t>(prefix_length)), cidr_(is_cidr) {
    if (address.size() != width(family)) invalid("address must have 4 (v4) or 16 (v6) bytes");
    if (prefix_length < 0 || prefix_length > max_prefix(family)) {
      invalid("prefix length " + std::to_string(prefix_length) + " out of range");
    }
    for (std::size_t i = 0; i < address.size(); ++i) address_[i] = address[i];
    if (cidr_ && !host_bits_zero()) invalid(to_string() + " has bits set right of its prefix");
  }

  // inet input: "192.168.0.1", "192.168.0.1/24", "::1", "fe80::1/64", "::ffff:10.0.0.1".
  // Without a prefix the address is a host (/32, /128).
  [[nodiscard]] static inet parse(std::string_view text) { return parse(text, false); }

  // cidr input: as parse(), and bits right of the prefix must be zero. Without a prefix the
  // whole address is the network (/32, /128): unlike the server, no classful defaults.
  [[nodiscard]] static inet parse_cidr(std::string_view text) { return parse(text, true); }

  [[nodiscard]] address_family family() const noexcept { return family_; }
  // 4 or 16 bytes, network order.
  [[nodiscard]] std::span<const std::uint8_t> address() const noexcept {
    return {address_.data(), width(family_)};
  }
  [[nodiscard]] int prefix_length() const noexcept { return prefix_length_; }
  [[nodiscard]] bool is_cidr() const noexcept { return cidr_; }

  // As PostgreSQL prints it: the prefix is omitted for an inet host address (/32, /128) and
  // always written for cidr; IPv6 in RFC 5952 form, IPv4-mapped/compatible as ::ffff:a.b.c.d.
  [[nodiscard]] std::string to_string() const {
    std::string text;
    if (family_ == address_family::v4) {
      append_v4(text, address_.data());
    } else {
      append_v6(text);
    }
    if (cidr_ || prefix_length_ != max_prefix(family_)) {
      text.push_back('/');
      text += std::to_string(prefix_length_);
    }
    return text;
  }

  friend bool operator==(const inet&, const inet&) noexcept = default;
  friend auto operator<=>(const inet&, const inet&) noexcept = default;

 private:
  static constexpr std::size_t width(address_family family) noexcept {
    return family == address_family::v4 ? 4 : 16;
  }
  static constexpr int max_prefix(address_family family) noexcept {
    return family == address_family::v4 ? 32 : 128;
  }

  [[noreturn]] static void invalid(const std::string& why) {
    throw sqlx::error("invalid inet/cidr value: " + why);
  }

  [[nodiscard]] bool host_bits_zero() const noexcept {
    for (std::size_t bit = prefix_length_; bit < width(family_) * 8; ++bit) {
      if ((address_[bit / 8] >> (7 - bit % 8)) & 1) return false;
    }
    return true;
  }

  static void append_v4(std::string& text, const std::uint8_t* bytes) {
    for (int i = 0; i < 4; ++i) {
      if (i != 0) text.push_back('.');
      text += std::to_string(bytes[i]);
    }
  }

  void append_v6(std::string& text) const {
    std::array<unsigned, 8> words{};
    for (std::size_t i = 0; i < 8; ++i) words[i] = address_[2 * i] * 256u + address_[2 * i + 1];
    // The longest run of zero words, the first one on a tie, compressed to "::" when it
    // spans at least two words.
    int best = -1;
    int best_len = 0;
    for (int i = 0; i < 8;) {
      if (words[static_cast<std::size_t>(i)] != 0) {
        ++i;
        continue;
      }
      int j = i;
      while (j < 8 && words[static_cast<std::size_t>(j)] == 0) ++j;
      if (j - i > best_len) {
        best = i;
        best_len = j - i;
      }
      i = j;
    }
    if (best_len < 2) best = -1;
    constexpr std::string_view hex = "0123456789abcdef";
    for (int i = 0; i < 8; ++i) {
      if (best != -1 && i >= best && i < best + best_len) {
        if (i == best) text.push_back(':');
        continue;
      }
      if (i != 0) text.push_back(':');
      // An IPv4-compatible (::a.b.c.d) or IPv4-mapped (::ffff:a.b.c.d) address ends in
      // dotted form.
      if (i == 6 && best == 0 && (best_len == 6 || (best_len == 5 && words[5] == 0xffff))) {
        append_v4(text, address_.data() + 12);
        return;
      }
      const unsigned w = words[static_cast<std::size_t>(i)];
      bool started = false;
      for (int shift = 12; shift >= 0; shift -= 4) {
        const unsigned nibble = (w >> shift) & 0xF;
        if (nibble != 0 || started || shift == 0) {
          text.push_back(hex[nibble]);
          started = true;
        }
      }
    }
    if (best != -1 && best + best_len == 8) text.push_back(':');
  }

  // Parses a decimal number of at most `max` from the front of `s`.
  static bool take_decimal(std::string_view& s, unsigned max, unsigned& value) {
    std::size_t n = 0;
    value = 0;
    while (n < s.size() && s[n] >= '0' && s[n] <= '9' && n < 3) {
      value = value * 10 + static_cast<unsigned>(s[n] - '0');
      ++n;
    }
    if (n == 0 || value > max || (n > 1 && s[0] == '0' && max == 255)) return false;
    s.remove_prefix(n);
    return true;
  }

  static bool parse_v4(std::string_view s, std::uint8_t* out) {
    for (int i = 0; i < 4; ++i) {
      if (i != 0) {
        if (s.empty() || s.front() != '.') return false;
        s.remove_prefix(1);
      }
      unsigned octet = 0;
      if (!take_decimal(s, 255, octet)) return false;
      out[i] = static_cast<std::uint8_t>(octet);
    }
    return s.empty();
  }

  static bool parse_v6(std::string_view s, std::uint8_t* out) {
    std::array<std::uint8_t, 16> bytes{};
    std::size_t filled = 0;
    int gap = -1;  // byte index where "::" was
    if (s.starts_with("::")) {
      gap = 0;
      s.remove_prefix(2);
    }
    while (!s.empty()) {
      // A dotted IPv4 tail fills the last four bytes.
      const auto next_colon = s.find(':');
      if (s.substr(0, next_colon).find('.') != std::string_view::npos) {
        if (next_colon != std::string_view::npos || filled + 4 > 16) return false;
        if (!parse_v4(s, bytes.data() + filled)) return false;
        filled += 4;
        s = {};
        break;
      }
      unsigned word = 0;
      std::size_t n = 0;
      while (n < s.size() && n < 5 && detail::hex_digit_value(s[n]) >= 0) {
        word = word * 16 + static_cast<unsigned>(detail::hex_digit_value(s[n]));
        ++n;
      }
      if (n == 0 || n > 4 || filled + 2 > 16) return false;
      bytes[filled++] = static_cast<std::uint8_t>(word >> 8);
      bytes[filled++] = static_cast<std::uint8_t>(word & 0xFF);
      s.remove_prefix(n);
      if (s.empty()) break;
      if (s.starts_with("::")) {
        if (gap != -1) return false;
        gap = static_cast<int>(filled);
        s.remove_prefix(2);
      } else if (s.front() == ':') {
        s.remove_prefix(1);
        if (s.empty()) return false;
      } else {
        return false;
      }
    }
    if (gap == -1) {
      if (filled != 16) return false;
    } else {
      if (filled > 14) return false;  // "::" stands for at least one zero word
      const auto g = static_cast<std::size_t>(gap);
      const std::size_t tail = filled - g;
      // Move the words after "::" to the end, back to front since the ranges overlap.
      for (std::size_t i = tail; i-- > 0;) bytes[16 - tail + i] = bytes[g + i];
      for (std::size_t i = g; i < 16 - tail; ++i) bytes[i] = 0;
    }
    for (std::size_t i = 0; i < 16; ++i) out[i] = bytes[i];
    return true;
  }

  static inet parse(std::string_view text, bool cidr) {
    const auto slash = text.find('/');
    const std::string_view address_text = text.substr(0, slash);
    std::array<std::uint8_t, 16> bytes{};
    address_family family = address_family::v4;
    if (address_text.find(':') != std::string_view::npos) {
      family = address_family::v6;
      if (!parse_v6(address_text, bytes.data())) {
        invalid("\"" + std::string(text) + "\" is not an IPv6 address");
      }
    } else if (!parse_v4(address_text, bytes.data())) {
      invalid("\"" + std::string(text) + "\" is not an IPv4 address");
    }
    int prefix = max_prefix(family);
    if (slash != std::string_view::npos) {
      std::string_view rest = text.substr(slash + 1);
      unsigned value = 0;
      if (!take_decimal(rest, static_cast<unsigned>(max_prefix(family)), value) || !rest.empty()) {
        invalid("\"" + std::string(text) + "\" has an invalid prefix length");
      }
      prefix = static_cast<int>(value);
    }
    return inet(family, std::span<const std::uint8_t>(bytes.data(), width(family)), prefix, cidr);
  }

  address_family family_ = address_family::v4;
  std::array<std::uint8_t, 16> address_{};  // bytes past width(family_) stay zero
  std::uint8_t prefix_length_ = 32;
  bool cidr_ = false;
};

template <>
inline constexpr std::string_view cpp_type_name<inet> = "sqlx::pg::inet";

namespace detail {

// PostgreSQL's own family codes (not the platform's AF_INET6, which varies).
inline constexpr std::uint8_t pgsql_af_inet = 2;
inline constexpr std::uint8_t pgsql_af_inet6 = 3;

}  // namespace detail

// One C++ type for inet and cidr, two element OIDs: arrays travel as text.
template <>
inline constexpr bool array_element_prefers_text<inet> = true;

template <>
struct array_element_text<inet> {
  static void write(const inet& value, std::string& out) { out += value.to_string(); }
  // The text does not say inet or cidr; a value written with a prefix is read as inet.
  [[nodiscard]] static inet read(std::string_view text) {
    try {
      return inet::parse(text);
    } catch (const sqlx::error& e) {
      throw_decode_error("inet", e.what());
    }
  }
};

// Binary format: family (2 = IPv4, 3 = IPv6), prefix bits, is_cidr, address length, address.
template <>
struct type_traits<inet> {
  static constexpr std::string_view type_name = "inet";
  static constexpr oid type_oid = codec_type_oid("inet");

  [[nodiscard]] static constexpr bool accepts(std::string_view pg_type) noexcept {
    return detail::is_builtin(pg_type, "inet") || detail::is_builtin(pg_type, "cidr");
  }

  static void encode(const inet& value, std::string& out) {
    const auto address = value.address();
    out.push_back(static_cast<char>(value.family() == inet::address_family::v4
                                        ? detail::pgsql_af_inet
                                        : detail::pgsql_af_inet6));
    out.push_back(static_cast<char>(value.prefix_length()));
    out.push_back(value.is_cidr() ? '\1' : '\0');
    out.push_back(static_cast<char>(address.size()));
    for (const auto byte : address) out.push_back(static_cast<char>(byte));
  }

  [[nodiscard]] static inet decode(std::string_view bytes) {
    wire_reader in(bytes, "inet");
    const auto family_code = in.read<std::uint8_t>();
    const auto bits = in.read<std::uint8_t>();
    const auto cidr = in.read<std::uint8_t>();
    const auto size = in.read<std::uint8_t>();
    inet::address_family family = inet::address_family::v4;
    if (family_code == detail::pgsql_af_inet6) {
      family = inet::address_family::v6;
    } else if (family_code != detail::pgsql_af_inet) {
      in.fail("unknown address family " + std::to_string(family_code));
    }
    if (size != (family == inet::address_family::v4 ? 4 : 16)) in.fail("wrong address length");
    if (cidr > 1) in.fail("invalid is_cidr flag");
    const auto address = in.take(size);
    in.expect_end();
    std::array<std::uint8_t, 16> raw{};
    for (std::size_t i = 0; i < size; ++i) raw[i] = static_cast<std::uint8_t>(address[i]);
    try {
      return inet(family, std::span<const std::uint8_t>(raw.data(), size), bits, cidr == 1);
    } catch (const sqlx::error& e) {
      in.fail(e.what());
    }
  }
};

}  // namespace sqlx::pg
