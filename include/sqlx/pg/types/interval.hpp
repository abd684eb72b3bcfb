// interval as sqlx::pg::interval: PostgreSQL keeps months, days and microseconds apart
// (a month is not a fixed number of days, nor a day a fixed number of hours across DST), so
// the C++ type does too rather than collapsing them into one std::chrono duration.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "sqlx/pg/builtin_types.hpp"
#include "sqlx/pg/type_traits.hpp"
#include "sqlx/pg/types/common.hpp"
#include "sqlx/pg/wire.hpp"

namespace sqlx::pg {

struct interval {
  std::int32_t months = 0;
  std::int32_t days = 0;
  std::int64_t microseconds = 0;

  // An interval of a fixed length ('90 minutes'), for durations that have no month/day part.
  [[nodiscard]] static constexpr interval from(std::chrono::microseconds length) noexcept {
    return interval{0, 0, length.count()};
  }

  // Field-wise equality: '1 day' and '24 hours' differ here although PostgreSQL's `=` calls
  // them equal, because they behave differently when added to a timestamptz.
  friend constexpr bool operator==(const interval&, const interval&) noexcept = default;
};

template <>
inline constexpr std::string_view cpp_type_name<interval> = "sqlx::pg::interval";

template <>
struct type_traits<interval> {
  static constexpr std::string_view type_name = "interval";
  static constexpr oid type_oid = codec_type_oid("interval");

  [[nodiscard]] static constexpr bool accepts(std::string_view pg_type) noexcept {
    return detail::is_builtin(pg_type, "interval");
  }

  // Wire order: int64 microseconds, int32 days, int32 months.
  static void encode(const interval& value, std::string& out) {
    write_be(out, value.microseconds);
    write_be(out, value.days);
    write_be(out, value.months);
  }

  [[nodiscard]] static interval decode(std::string_view bytes) {
    expect_size(bytes, 16, "interval");
    interval value;
    value.microseconds = read_be<std::int64_t>(bytes.data());
    value.days = read_be<std::int32_t>(bytes.data() + 8);
    value.months = read_be<std::int32_t>(bytes.data() + 12);
    return value;
  }
};

}  // namespace sqlx::pg
