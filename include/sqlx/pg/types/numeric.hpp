// numeric as sqlx::pg::numeric: an exact decimal kept as its canonical text, converted to
// and from PostgreSQL's binary format (base-10000 digits) without ever going through a
// floating-point number, so every digit and the scale (dscale) survive.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "sqlx/error.hpp"
#include "sqlx/pg/builtin_types.hpp"
#include "sqlx/pg/type_traits.hpp"
#include "sqlx/pg/types/common.hpp"
#include "sqlx/pg/wire.hpp"

namespace sqlx::pg {
namespace detail {

// PostgreSQL's limits for numeric: 131072 digits before the point, 16383 after.
inline constexpr std::size_t numeric_max_integer_digits = 131072;
inline constexpr std::size_t numeric_max_scale = 0x3FFF;

inline constexpr std::uint16_t numeric_positive = 0x0000;
inline constexpr std::uint16_t numeric_negative = 0x4000;
inline constexpr std::uint16_t numeric_nan = 0xC000;
inline constexpr std::uint16_t numeric_pos_inf = 0xD000;
inline constexpr std::uint16_t numeric_neg_inf = 0xF000;

// Integers, but not bool and the character types, which are not numbers.
template <typename I>
concept integer_number = std::integral<I> && !std::same_as<I, bool> && !std::same_as<I, char> &&
                         !std::same_as<I, wchar_t> && !std::same_as<I, char8_t> &&
                         !std::same_as<I, char16_t> && !std::same_as<I, char32_t>;

constexpr bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

}  // namespace detail

class numeric {
 public:
  // Zero, scale 0.
  numeric() = default;

  // Parses decimal text as PostgreSQL's numeric input does: an optional sign, digits with an
  // optional point, an optional exponent ("1.5e-3" is 0.0015, scale 4), or NaN, Infinity,
  // -Infinity, inf (any case). The scale is kept ("1.50" stays "1.50"). Throws sqlx::error on
  // anything else, and beyond PostgreSQL's limits (131072 digits before the point, 16383
  // after).
  explicit numeric(std::string_view text) : text_(canonical(text)) {}

  // Implicit: every integer converts exactly.
  template <detail::integer_number I>
  numeric(I value) : text_(std::to_string(value)) {}  // NOLINT(google-explicit-constructor)

  [[nodiscard]] static numeric nan() { return numeric(special{}, "NaN"); }
  [[nodiscard]] static numeric infinity() { return numeric(special{}, "Infinity"); }
  [[nodiscard]] static numeric negative_infinity() { return numeric(special{}, "-Infinity"); }

  // Canonical text: "-123.4500", "0.00", "NaN", "Infinity", "-Infinity" (as PostgreSQL prints).
  [[nodiscard]] const std::string& to_string() const noexcept { return text_; }

  // The nearest double (NaN and infinities included; huge values become infinities).
  // (Out of line, in the library: <charconv> would cost every checked-query translation unit.)
  [[nodiscard]] double to_double() const;

  [[nodiscard]] bool is_nan() const noexcept { return text_ == "NaN"; }
  [[nodiscard]] bool is_infinite() const noexcept {
    return text_ == "Infinity" || text_ == "-Infinity";
  }
  // Digits after the point (PostgreSQL's dscale); 0 for NaN and infinities.
  [[nodiscard]] std::size_t scale() const noexcept {
    if (is_nan() || is_infinite()) return 0;
    const auto point = text_.find('.');
    return point == std::string::npos ? 0 : text_.size() - point - 1;
  }

  // Equal value *and* scale: 1.5 and 1.50 differ, as their text does. (PostgreSQL's `=`
  // calls them equal; compare on the server, or to_string() with care, for that.)
  friend bool operator==(const numeric&, const numeric&) = default;

 private:
  struct special {};
  numeric(special, std::string_view text) : text_(text) {}

  [[noreturn]] static void reject(std::string_view text, std::string_view why) {
    throw sqlx::error("invalid numeric \"" + std::string(text) + "\": " + std::string(why));
  }

  static std::string canonical(std::string_view text) {
    std::string_view rest = text;
    bool negative = false;
    bool had_sign = false;
    if (!rest.empty() && (rest.front() == '+' || rest.front() == '-')) {
      negative = rest.front() == '-';
      had_sign = true;
      rest.remove_prefix(1);
    }
    if (detail::iequals(rest, "nan")) {
      if (had_sign) reject(text, "NaN has no sign");
      return "NaN";
    }
    if (detail::iequals(rest, "infinity") || detail::iequals(rest, "inf")) {
      return negative ? "-Infinity" : "Infinity";
    }

    std::string digits;  // all mantissa digits, point removed
    std::size_t integer_digits = 0;
    bool seen_point = false;
    std::size_t i = 0;
    for (; i < rest.size(); ++i) {
      const char c = rest[i];
      if (c >= '0' && c <= '9') {
        digits.push_back(c);
        if (!seen_point) ++integer_digits;
      } else if (c == '.' && !seen_point) {
        seen_point = true;
      } else {
        break;
      }
    }
    if (digits.empty()) reject(text, "no digits");

    std::int64_t exponent = 0;
    if (i < rest.size()) {
      if (rest[i] != 'e' && rest[i] != 'E') reject(text, "unexpected character");
      ++i;
      bool exponent_negative = false;
      if (i < rest.size() && (rest[i] == '+' || rest[i] == '-')) {
        exponent_negative = rest[i] == '-';
        ++i;
      }
      if (i == rest.size()) reject(text, "exponent without digits");
      for (; i < rest.size(); ++i) {
        if (rest[i] < '0' || rest[i] > '9') reject(text, "unexpected character in exponent");
        exponent = exponent * 10 + (rest[i] - '0');
        if (exponent > 1'000'000) reject(text, "exponent out of range");
      }
      if (exponent_negative) exponent = -exponent;
    }

    // Where the point goes after applying the exponent, and the scale PostgreSQL keeps:
    // the written fraction digits minus the exponent, never negative.
    const auto total = static_cast<std::int64_t>(digits.size());
    const std::int64_t point = static_cast<std::int64_t>(integer_digits) + exponent;
    const std::int64_t scale = total > point ? total - point : 0;
    if (scale > static_cast<std::int64_t>(detail::numeric_max_scale)) {
      reject(text, "more than 16383 digits after the point");
    }

    std::string integer_part;
    if (point > 0) {
      const auto from_digits = point < total ? point : total;
      integer_part.assign(digits, 0, static_cast<std::size_t>(from_digits));
      integer_part.append(static_cast<std::size_t>(point - from_digits), '0');
    }
    const auto first_nonzero = integer_part.find_first_not_of('0');
    integer_part.erase(0, first_nonzero == std::string::npos ? integer_part.size() : first_nonzero);
    if (integer_part.size() > detail::numeric_max_integer_digits) {
      reject(text, "more than 131072 digits before the point");
    }
    if (integer_part.empty()) integer_part = "0";

    std::string fraction;
    if (scale > 0) {
      // Digits after the point: zeros when the point moved left of all digits, then the rest.
      if (point < 0) fraction.append(static_cast<std::size_t>(-point), '0');
      fraction.append(digits, static_cast<std::size_t>(point > 0 ? point : 0));
    }

    const bool zero = integer_part == "0" && fraction.find_first_not_of('0') == std::string::npos;
    std::string result;
    result.reserve(integer_part.size() + fraction.size() + 2);
    if (negative && !zero) result.push_back('-');  // PostgreSQL has no negative zero
    result += integer_part;
    if (!fraction.empty()) {
      result.push_back('.');
      result += fraction;
    }
    return result;
  }

  friend struct type_traits<numeric>;

  std::string text_ = "0";
};

template <>
inline constexpr std::string_view cpp_type_name<numeric> = "sqlx::pg::numeric";

// Binary format: int16 ndigits, int16 weight, uint16 sign, uint16 dscale, then ndigits
// base-10000 digits (int16), most significant first; the value is
// sum(digit[i] * 10000^(weight - i)). Leading and trailing zero digits are not sent.
template <>
struct type_traits<numeric> {
  static constexpr std::string_view type_name = "numeric";
  static constexpr oid type_oid = codec_type_oid("numeric");

  [[nodiscard]] static constexpr bool accepts(std::string_view pg_type) noexcept {
    return detail::is_builtin(pg_type, "numeric");
  }

  static void encode(const numeric& value, std::string& out) {
    const std::string& text = value.text_;
    auto header = [&](std::int16_t ndigits, std::int16_t weight, std::uint16_t sign,
                      std::uint16_t dscale) {
      write_be(out, ndigits);
      write_be(out, weight);
      write_be(out, sign);
      write_be(out, dscale);
    };
    if (text == "NaN") return header(0, 0, detail::numeric_nan, 0);
    if (text == "Infinity") return header(0, 0, detail::numeric_pos_inf, 0);
    if (text == "-Infinity") return header(0, 0, detail::numeric_neg_inf, 0);

    std::string_view rest = text;
    const bool negative = rest.front() == '-';
    if (negative) rest.remove_prefix(1);
    const auto point = rest.find('.');
    const std::string_view integer_part = rest.substr(0, point);
    const std::string_view fraction =
        point == std::string_view::npos ? std::string_view{} : rest.substr(point + 1);

    // Groups of four decimal digits aligned on the point: the integer part padded on the
    // left, the fraction on the right.
    std::vector<std::int16_t> groups;
    groups.reserve(integer_part.size() / 4 + fraction.size() / 4 + 2);
    const std::size_t lead = (4 - integer_part.size() % 4) % 4;
    std::int16_t group = 0;
    std::size_t filled = lead;
    for (const char c : integer_part) {
      group = static_cast<std::int16_t>(group * 10 + (c - '0'));
      if (++filled == 4) {
        groups.push_back(group);
        group = 0;
        filled = 0;
      }
    }
    const auto integer_groups = static_cast<std::int64_t>(groups.size());
    for (const char c : fraction) {
      group = static_cast<std::int16_t>(group * 10 + (c - '0'));
      if (++filled == 4) {
        groups.push_back(group);
        group = 0;
        filled = 0;
      }
    }
    if (filled != 0) {
      for (; filled < 4; ++filled) group = static_cast<std::int16_t>(group * 10);
      groups.push_back(group);
    }

    std::int64_t weight = integer_groups - 1;
    std::size_t first = 0;
    while (first < groups.size() && groups[first] == 0) {
      ++first;
      --weight;
    }
    std::size_t last = groups.size();
    while (last > first && groups[last - 1] == 0) --last;
    const auto dscale = static_cast<std::uint16_t>(fraction.size());
    if (first == last) return header(0, 0, detail::numeric_positive, dscale);
    if (last - first > static_cast<std::size_t>(std::numeric_limits<std::int16_t>::max())) {
      throw sqlx::error("numeric has too many digits for PostgreSQL's binary format");
    }
    header(static_cast<std::int16_t>(last - first), static_cast<std::int16_t>(weight),
           negative ? detail::numeric_negative : detail::numeric_positive, dscale);
    for (std::size_t i = first; i < last; ++i) write_be(out, groups[i]);
  }

  [[nodiscard]] static numeric decode(std::string_view bytes) {
    wire_reader in(bytes, "numeric");
    const auto ndigits = in.read<std::int16_t>();
    const auto weight = in.read<std::int16_t>();
    const auto sign = in.read<std::uint16_t>();
    const auto dscale = in.read<std::uint16_t>();
    if (ndigits < 0) in.fail("negative digit count");
    if (dscale > detail::numeric_max_scale) in.fail("scale out of range");
    std::vector<std::int16_t> digits(static_cast<std::size_t>(ndigits));
    for (auto& digit : digits) {
      digit = in.read<std::int16_t>();
      if (digit < 0 || digit > 9999) in.fail("digit out of range 0..9999");
    }
    in.expect_end();

    switch (sign) {
      case detail::numeric_nan:
        return numeric::nan();
      case detail::numeric_pos_inf:
        return numeric::infinity();
      case detail::numeric_neg_inf:
        return numeric::negative_infinity();
      case detail::numeric_positive:
      case detail::numeric_negative:
        break;
      default:
        in.fail("invalid sign word");
    }

    auto digit_at = [&](std::int64_t index) -> int {
      return index >= 0 && index < ndigits ? digits[static_cast<std::size_t>(index)] : 0;
    };
    auto append4 = [](std::string& s, int d) {
      s.push_back(static_cast<char>('0' + d / 1000));
      s.push_back(static_cast<char>('0' + d / 100 % 10));
      s.push_back(static_cast<char>('0' + d / 10 % 10));
      s.push_back(static_cast<char>('0' + d % 10));
    };

    std::string integer_part;
    for (std::int64_t i = 0; i <= weight; ++i) append4(integer_part, digit_at(i));
    const auto first_nonzero = integer_part.find_first_not_of('0');
    integer_part.erase(0, first_nonzero == std::string::npos ? integer_part.size() : first_nonzero);
    if (integer_part.empty()) integer_part = "0";

    // Digits beyond dscale are dropped, as the server's own numeric_recv truncates them.
    std::string fraction;
    for (std::int64_t i = std::int64_t{weight} + 1; fraction.size() < dscale; ++i) {
      append4(fraction, digit_at(i));
    }
    fraction.resize(dscale);

    const bool zero = integer_part == "0" && fraction.find_first_not_of('0') == std::string::npos;
    std::string text;
    if (sign == detail::numeric_negative && !zero) text.push_back('-');
    text += integer_part;
    if (!fraction.empty()) {
      text.push_back('.');
      text += fraction;
    }
    return numeric(numeric::special{}, text);
  }
};

}  // namespace sqlx::pg
