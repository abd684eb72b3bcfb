// Dates and times, stored as TEXT the way sqlx writes them (docs/sqlite.md, "Dates and
// times"): std::chrono::sys_time as RFC 3339 with the offset ("2024-05-01T12:30:00.25+00:00",
// sqlx's DateTime<Utc>), std::chrono::local_time as "2024-05-01 12:30:00.25" (NaiveDateTime),
// std::chrono::sys_days as "2024-05-01" (NaiveDate), sqlx::pg::time_of_day as "12:30:00.25"
// (NaiveTime). Reading also accepts SQLite's own forms (a space or a "T", with or without
// seconds, fraction or offset), integers (Unix seconds) and reals (Julian days) for date-times.
#pragma once

#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "sqlx/pg/types/chrono.hpp"
#include "sqlx/sqlite/types/scalars.hpp"

namespace sqlx::sqlite {
namespace detail {

enum class datetime_form : unsigned char { rfc3339_utc, naive };

// Microseconds since the Unix epoch <-> text (src/runtime/sqlite/chrono.cpp).
[[nodiscard]] std::string format_datetime(std::int64_t micros, datetime_form form);
[[nodiscard]] std::string format_date(std::int64_t days);
// Reads a date-time column of any of the accepted forms; `naive` ignores an offset instead of
// applying it. Throws decode_error naming `cpp_type`.
[[nodiscard]] std::int64_t read_datetime(sqlite3_stmt* stmt, int column, bool naive,
                                         std::string_view cpp_type);
[[nodiscard]] std::int64_t read_date(sqlite3_stmt* stmt, int column);
[[nodiscard]] std::int64_t read_time(sqlite3_stmt* stmt, int column);

inline int bind_owned_text(sqlite3_stmt* stmt, int index, const std::string& text) noexcept {
  return sqlite3_bind_text64(stmt, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

template <typename Clock, typename D, datetime_form Form>
struct datetime_codec {
  using time_point = std::chrono::time_point<Clock, D>;
  static constexpr std::string_view type_name = "DATETIME";
  [[nodiscard]] static constexpr bool accepts(std::string_view type) noexcept {
    return is_one_of(type, "DATETIME", "TEXT", "INTEGER");
  }
  static int bind(sqlite3_stmt* stmt, int index, const time_point& value) {
    const auto micros =
        std::chrono::floor<std::chrono::microseconds>(value.time_since_epoch()).count();
    return bind_owned_text(stmt, index, format_datetime(micros, Form));
  }
  [[nodiscard]] static time_point read(sqlite3_stmt* stmt, int column) {
    const std::chrono::microseconds micros(
        read_datetime(stmt, column, Form == datetime_form::naive, pg::cpp_type_name<time_point>));
    return time_point(std::chrono::floor<D>(micros));
  }
};

}  // namespace detail

template <typename D>
struct type_traits<std::chrono::time_point<std::chrono::system_clock, D>>
    : detail::datetime_codec<std::chrono::system_clock, D, detail::datetime_form::rfc3339_utc> {};
template <typename D>
struct type_traits<std::chrono::time_point<std::chrono::local_t, D>>
    : detail::datetime_codec<std::chrono::local_t, D, detail::datetime_form::naive> {};

template <>
struct type_traits<std::chrono::sys_days> {
  static constexpr std::string_view type_name = "DATE";
  [[nodiscard]] static constexpr bool accepts(std::string_view type) noexcept {
    return detail::is_one_of(type, "DATE", "TEXT");
  }
  static int bind(sqlite3_stmt* stmt, int index, const std::chrono::sys_days& value) {
    return detail::bind_owned_text(stmt, index,
                                   detail::format_date(value.time_since_epoch().count()));
  }
  [[nodiscard]] static std::chrono::sys_days read(sqlite3_stmt* stmt, int column) {
    return std::chrono::sys_days(std::chrono::days(detail::read_date(stmt, column)));
  }
};

template <>
struct type_traits<pg::time_of_day> {
  static constexpr std::string_view type_name = "TIME";
  [[nodiscard]] static constexpr bool accepts(std::string_view type) noexcept {
    return detail::is_one_of(type, "TIME", "TEXT");
  }
  static int bind(sqlite3_stmt* stmt, int index, const pg::time_of_day& value) {
    return detail::bind_owned_text(stmt, index, value.to_string());
  }
  [[nodiscard]] static pg::time_of_day read(sqlite3_stmt* stmt, int column) {
    return pg::time_of_day(std::chrono::microseconds(detail::read_time(stmt, column)));
  }
};

}  // namespace sqlx::sqlite
