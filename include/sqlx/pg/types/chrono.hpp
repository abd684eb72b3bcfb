// Dates and times as std::chrono types.
//
//   timestamptz  std::chrono::sys_time<std::chrono::microseconds>  (UTC instant)
//   timestamp    std::chrono::local_time<std::chrono::microseconds> (no time zone)
//   date         std::chrono::sys_days
//   time         sqlx::pg::time_of_day
//
// On the wire a timestamp is int64 microseconds and a date int32 days, both counted from
// PostgreSQL's epoch 2000-01-01 (std::chrono counts from 1970-01-01). PostgreSQL's
// 'infinity' and '-infinity' are INT64/INT32 max and min on the wire; they map to the C++
// type's time_point::max() and time_point::min() and back, so they survive a round trip.
// Parameters may use any sys_time/local_time of an integral duration finer than a day
// (system_clock::now() included); finer than microseconds is floored, as the server keeps
// microseconds only. Results decode into microseconds or finer.
#pragma once

#include <chrono>
#include <compare>
#include <cstdint>
#include <limits>
#include <ratio>
#include <string>
#include <string_view>

#include "sqlx/error.hpp"
#include "sqlx/pg/builtin_types.hpp"
#include "sqlx/pg/type_traits.hpp"
#include "sqlx/pg/types/common.hpp"
#include "sqlx/pg/wire.hpp"

namespace sqlx::pg {
namespace detail {

// 2000-01-01T00:00:00 counted from 1970-01-01T00:00:00.
inline constexpr std::int64_t pg_epoch_unix_us = 946'684'800'000'000;
inline constexpr std::int64_t pg_epoch_unix_days = 10'957;

inline constexpr std::int64_t int64_max = std::numeric_limits<std::int64_t>::max();
inline constexpr std::int64_t int64_min = std::numeric_limits<std::int64_t>::min();

// Durations a timestamp parameter may have: integral ticks shorter than a day (a day is a
// date) that convert to microseconds by one multiplication or one division.
template <typename D>
concept timestamp_duration = std::signed_integral<typename D::rep> &&
                                 sizeof(typename D::rep) <= sizeof(std::int64_t) &&
                             std::ratio_less_v<typename D::period, std::ratio<86400>> &&
                             (std::ratio_divide<typename D::period, std::micro>::num == 1 ||
                              std::ratio_divide<typename D::period, std::micro>::den == 1);

// Durations a timestamp result may be decoded into: a microsecond is a whole number of ticks,
// so decoding never loses precision.
template <typename D>
concept exact_timestamp_duration =
    timestamp_duration<D> && std::ratio_divide<std::micro, typename D::period>::den == 1;

[[noreturn]] inline void throw_out_of_range(std::string_view pg_type) {
  throw sqlx::error(std::string(pg_type) +
                    " parameter out of range (and not time_point::max()/min(), which mean "
                    "infinity)");
}

constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
  const std::int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

// Ticks of D since 1970 -> microseconds since 2000, never one of the infinity sentinels.
template <typename D>
std::int64_t timestamp_to_wire(std::int64_t ticks, std::string_view pg_type) {
  using to_micro = std::ratio_divide<typename D::period, std::micro>;
  std::int64_t us = 0;
  if constexpr (to_micro::den == 1) {
    constexpr std::int64_t factor = to_micro::num;
    if (ticks > int64_max / factor || ticks < int64_min / factor) throw_out_of_range(pg_type);
    us = ticks * factor;
  } else {
    us = floor_div(ticks, to_micro::den);
  }
  if (us <= int64_min + pg_epoch_unix_us) throw_out_of_range(pg_type);
  return us - pg_epoch_unix_us;
}

// Microseconds since 2000 (finite) -> ticks of D since 1970.
template <typename D>
typename D::rep timestamp_from_wire(std::int64_t wire, std::string_view pg_type) {
  using from_micro = std::ratio_divide<std::micro, typename D::period>;
  constexpr std::int64_t factor = from_micro::num;
  using rep = typename D::rep;
  // PostgreSQL's timestamps reach 294276 AD; a 64-bit count of microseconds since 1970 only
  // reaches 294247 AD, and nanoseconds only 2262 AD.
  if (wire > int64_max - pg_epoch_unix_us) {
    throw_decode_error(pg_type, "value beyond the range of the C++ time_point");
  }
  const std::int64_t us = wire + pg_epoch_unix_us;
  if (us > int64_max / factor || us < int64_min / factor) {
    throw_decode_error(pg_type, "value beyond the range of the C++ time_point");
  }
  const std::int64_t ticks = us * factor;
  if (ticks > std::numeric_limits<rep>::max() || ticks < std::numeric_limits<rep>::min()) {
    throw_decode_error(pg_type, "value beyond the range of the C++ time_point");
  }
  return static_cast<rep>(ticks);
}

// decode() only for durations that hold a microsecond exactly: coarser time points are
// parameters only.
template <typename Clock, typename D, const std::string_view& Name,
          bool = exact_timestamp_duration<D>>
struct timestamp_decoder {};

template <typename Clock, typename D, const std::string_view& Name>
struct timestamp_decoder<Clock, D, Name, true> {
  using time_point = std::chrono::time_point<Clock, D>;

  [[nodiscard]] static time_point decode(std::string_view bytes) {
    expect_size(bytes, 8, Name);
    const auto wire = read_be<std::int64_t>(bytes.data());
    if (wire == int64_max) return time_point::max();
    if (wire == int64_min) return time_point::min();
    return time_point(D(timestamp_from_wire<D>(wire, Name)));
  }
};

template <typename Clock, typename D, const std::string_view& Name>
struct timestamp_codec : timestamp_decoder<Clock, D, Name> {
  using time_point = std::chrono::time_point<Clock, D>;

  static constexpr std::string_view type_name = Name;
  static constexpr oid type_oid = codec_type_oid(Name);

  [[nodiscard]] static constexpr bool accepts(std::string_view pg_type) noexcept {
    return is_builtin(pg_type, Name);
  }

  static void encode(const time_point& value, std::string& out) {
    if (value == time_point::max()) {
      write_be(out, int64_max);
    } else if (value == time_point::min()) {
      write_be(out, int64_min);
    } else {
      write_be(out, timestamp_to_wire<D>(
                        static_cast<std::int64_t>(value.time_since_epoch().count()), Name));
    }
  }
};

inline constexpr std::string_view timestamptz_name = "timestamptz";
inline constexpr std::string_view timestamp_name = "timestamp";

}  // namespace detail

template <detail::timestamp_duration D>
struct type_traits<std::chrono::time_point<std::chrono::system_clock, D>>
    : detail::timestamp_codec<std::chrono::system_clock, D, detail::timestamptz_name> {};

template <detail::timestamp_duration D>
struct type_traits<std::chrono::time_point<std::chrono::local_t, D>>
    : detail::timestamp_codec<std::chrono::local_t, D, detail::timestamp_name> {};

// date: int32 days since 2000-01-01.
template <>
struct type_traits<std::chrono::sys_days> {
  static constexpr std::string_view type_name = "date";
  static constexpr oid type_oid = codec_type_oid("date");

  [[nodiscard]] static constexpr bool accepts(std::string_view pg_type) noexcept {
    return detail::is_builtin(pg_type, "date");
  }

  static void encode(const std::chrono::sys_days& value, std::string& out) {
    constexpr auto int32_max = std::numeric_limits<std::int32_t>::max();
    constexpr auto int32_min = std::numeric_limits<std::int32_t>::min();
    if (value == std::chrono::sys_days::max()) {
      write_be(out, int32_max);
    } else if (value == std::chrono::sys_days::min()) {
      write_be(out, int32_min);
    } else {
      const auto days =
          static_cast<std::int64_t>(value.time_since_epoch().count()) - detail::pg_epoch_unix_days;
      // The sentinels themselves are reserved for infinity.
      if (days >= int32_max || days <= int32_min) detail::throw_out_of_range("date");
      write_be(out, static_cast<std::int32_t>(days));
    }
  }

  [[nodiscard]] static std::chrono::sys_days decode(std::string_view bytes) {
    expect_size(bytes, 4, "date");
    const auto wire = read_be<std::int32_t>(bytes.data());
    if (wire == std::numeric_limits<std::int32_t>::max()) return std::chrono::sys_days::max();
    if (wire == std::numeric_limits<std::int32_t>::min()) return std::chrono::sys_days::min();
    using rep = std::chrono::days::rep;
    const std::int64_t days = std::int64_t{wire} + detail::pg_epoch_unix_days;
    if (days > std::numeric_limits<rep>::max() || days < std::numeric_limits<rep>::min()) {
      throw_decode_error("date", "value beyond the range of std::chrono::sys_days");
    }
    return std::chrono::sys_days(std::chrono::days(static_cast<rep>(days)));
  }
};

// A time of day without time zone: microseconds since midnight, 00:00:00 to 24:00:00
// inclusive (PostgreSQL accepts 24:00:00 as the end of a day). A class rather than a bare
// duration so that it cannot be confused with an interval.
class time_of_day {
 public:
  static constexpr std::chrono::microseconds end_of_day = std::chrono::hours(24);

  constexpr time_of_day() noexcept = default;

  // Throws sqlx::error outside [00:00:00, 24:00:00].
  constexpr explicit time_of_day(std::chrono::microseconds since_midnight)
      : since_midnight_(since_midnight) {
    if (since_midnight < std::chrono::microseconds::zero() || since_midnight > end_of_day) {
      throw_out_of_range();
    }
  }
  constexpr time_of_day(std::chrono::hours h, std::chrono::minutes m, std::chrono::seconds s,
                        std::chrono::microseconds us = {})
      : time_of_day(h + m + s + us) {}

  [[nodiscard]] constexpr std::chrono::microseconds since_midnight() const noexcept {
    return since_midnight_;
  }
  [[nodiscard]] constexpr std::chrono::hh_mm_ss<std::chrono::microseconds> to_hh_mm_ss()
      const noexcept {
    return std::chrono::hh_mm_ss<std::chrono::microseconds>(since_midnight_);
  }

  // "HH:MM:SS" plus the fraction without trailing zeros, as PostgreSQL prints it.
  [[nodiscard]] std::string to_string() const {
    const auto us = since_midnight_.count();
    const auto total_seconds = us / 1'000'000;
    auto fraction = us % 1'000'000;
    std::string text;
    auto two = [&](std::int64_t v) {
      text.push_back(static_cast<char>('0' + v / 10));
      text.push_back(static_cast<char>('0' + v % 10));
    };
    two(total_seconds / 3600);
    text.push_back(':');
    two(total_seconds / 60 % 60);
    text.push_back(':');
    two(total_seconds % 60);
    if (fraction != 0) {
      text.push_back('.');
      for (std::int64_t scale = 100'000; scale > 0 && fraction != 0; scale /= 10) {
        text.push_back(static_cast<char>('0' + fraction / scale));
        fraction %= scale;
      }
    }
    return text;
  }

  friend constexpr auto operator<=>(const time_of_day&, const time_of_day&) noexcept = default;

 private:
  [[noreturn]] static void throw_out_of_range() {
    throw sqlx::error("time of day out of range: must be within 00:00:00 and 24:00:00");
  }

  std::chrono::microseconds since_midnight_{};
};

template <>
struct type_traits<time_of_day> {
  static constexpr std::string_view type_name = "time";
  static constexpr oid type_oid = codec_type_oid("time");

  [[nodiscard]] static constexpr bool accepts(std::string_view pg_type) noexcept {
    return detail::is_builtin(pg_type, "time");
  }

  static void encode(const time_of_day& value, std::string& out) {
    write_be(out, static_cast<std::int64_t>(value.since_midnight().count()));
  }

  [[nodiscard]] static time_of_day decode(std::string_view bytes) {
    expect_size(bytes, 8, "time");
    const std::chrono::microseconds us(read_be<std::int64_t>(bytes.data()));
    if (us < std::chrono::microseconds::zero() || us > time_of_day::end_of_day) {
      throw_decode_error("time", "value outside 00:00:00..24:00:00");
    }
    return time_of_day(us);
  }
};

template <>
inline constexpr std::string_view cpp_type_name<std::chrono::sys_time<std::chrono::microseconds>> =
    "std::chrono::sys_time<std::chrono::microseconds>";
template <>
inline constexpr std::string_view cpp_type_name<std::chrono::sys_time<std::chrono::nanoseconds>> =
    "std::chrono::sys_time<std::chrono::nanoseconds>";
template <>
inline constexpr std::string_view cpp_type_name<std::chrono::sys_time<std::chrono::milliseconds>> =
    "std::chrono::sys_time<std::chrono::milliseconds>";
template <>
inline constexpr std::string_view cpp_type_name<std::chrono::sys_seconds> =
    "std::chrono::sys_seconds";
template <>
inline constexpr std::string_view
    cpp_type_name<std::chrono::local_time<std::chrono::microseconds>> =
        "std::chrono::local_time<std::chrono::microseconds>";
template <>
inline constexpr std::string_view cpp_type_name<std::chrono::local_time<std::chrono::nanoseconds>> =
    "std::chrono::local_time<std::chrono::nanoseconds>";
template <>
inline constexpr std::string_view
    cpp_type_name<std::chrono::local_time<std::chrono::milliseconds>> =
        "std::chrono::local_time<std::chrono::milliseconds>";
template <>
inline constexpr std::string_view cpp_type_name<std::chrono::local_seconds> =
    "std::chrono::local_seconds";
template <>
inline constexpr std::string_view cpp_type_name<std::chrono::sys_days> = "std::chrono::sys_days";
template <>
inline constexpr std::string_view cpp_type_name<time_of_day> = "sqlx::pg::time_of_day";

}  // namespace sqlx::pg
