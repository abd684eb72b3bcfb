// The out-of-line halves of the SQLite codecs: dates and times as text, JSON, uuid.
#include <chrono>
#include <cmath>
#include <string>

#include "sqlx/sqlite/types.hpp"

namespace sqlx::sqlite::detail {
namespace {

constexpr std::int64_t micros_per_second = 1'000'000;
constexpr std::int64_t micros_per_day = 86'400 * micros_per_second;

void append_digits(std::string& out, std::int64_t value, int width) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  if (value < 0) out.push_back('-');
  for (int i = static_cast<int>(digits.size()); i < width; ++i) out.push_back('0');
  out += digits;
}

// ".f" as chrono's %.f writes it: nothing for whole seconds, else 3, 6 digits.
void append_fraction(std::string& out, std::int64_t micros) {
  if (micros == 0) return;
  out.push_back('.');
  if (micros % 1000 == 0) {
    append_digits(out, micros / 1000, 3);
  } else {
    append_digits(out, micros, 6);
  }
}

void append_time(std::string& out, std::int64_t micros_of_day) {
  const std::int64_t seconds = micros_of_day / micros_per_second;
  append_digits(out, seconds / 3600, 2);
  out.push_back(':');
  append_digits(out, seconds / 60 % 60, 2);
  out.push_back(':');
  append_digits(out, seconds % 60, 2);
  append_fraction(out, micros_of_day % micros_per_second);
}

[[noreturn]] void bad_value(std::string_view text, std::string_view what) {
  throw decode_error("cannot read SQLite value \"" + std::string(text) + "\" as " +
                     std::string(what));
}

// A small cursor over the text of a date or time.
struct cursor {
  std::string_view text;
  std::size_t at = 0;
  bool ok = true;

  std::int64_t digits(std::size_t count) {
    std::int64_t value = 0;
    for (std::size_t i = 0; i < count; ++i, ++at) {
      if (at >= text.size() || text[at] < '0' || text[at] > '9') {
        ok = false;
        return 0;
      }
      value = value * 10 + (text[at] - '0');
    }
    return value;
  }
  bool accept(char c) {
    if (at < text.size() && text[at] == c) {
      ++at;
      return true;
    }
    return false;
  }
  [[nodiscard]] bool done() const { return at == text.size(); }
};

[[nodiscard]] std::int64_t parse_date(cursor& c) {
  const bool negative = c.accept('-');
  std::int64_t year = c.digits(4);
  if (negative) year = -year;
  if (!c.accept('-')) c.ok = false;
  const auto month = c.digits(2);
  if (!c.accept('-')) c.ok = false;
  const auto day = c.digits(2);
  if (!c.ok) return 0;
  const std::chrono::year_month_day ymd{std::chrono::year(static_cast<int>(year)),
                                        std::chrono::month(static_cast<unsigned>(month)),
                                        std::chrono::day(static_cast<unsigned>(day))};
  if (!ymd.ok()) {
    c.ok = false;
    return 0;
  }
  return std::chrono::sys_days(ymd).time_since_epoch().count();
}

// HH:MM[:SS[.fraction]]
[[nodiscard]] std::int64_t parse_time(cursor& c) {
  const auto hours = c.digits(2);
  if (!c.accept(':')) c.ok = false;
  const auto minutes = c.digits(2);
  std::int64_t seconds = 0;
  std::int64_t micros = 0;
  if (c.accept(':')) {
    seconds = c.digits(2);
    if (c.accept('.')) {
      std::int64_t scale = 100'000;
      bool any = false;
      while (c.at < c.text.size() && c.text[c.at] >= '0' && c.text[c.at] <= '9') {
        micros += (c.text[c.at] - '0') * scale;  // digits past microseconds are dropped
        scale /= 10;
        ++c.at;
        any = true;
      }
      if (!any) c.ok = false;
    }
  }
  if (hours > 24 || minutes > 59 || seconds > 60) c.ok = false;
  return ((hours * 60 + minutes) * 60 + seconds) * micros_per_second + micros;
}

// Z, +HH:MM, -HH:MM, +HHMM, +HH: the offset in microseconds east of UTC.
[[nodiscard]] std::int64_t parse_offset(cursor& c) {
  if (c.accept('Z') || c.accept('z')) return 0;
  const bool plus = c.accept('+');
  if (!plus && !c.accept('-')) {
    c.ok = false;
    return 0;
  }
  const auto hours = c.digits(2);
  std::int64_t minutes = 0;
  if (c.accept(':')) {
    minutes = c.digits(2);
  } else if (!c.done()) {
    minutes = c.digits(2);
  }
  const std::int64_t offset = (hours * 60 + minutes) * 60 * micros_per_second;
  return plus ? offset : -offset;
}

[[nodiscard]] std::string_view column_text(sqlite3_stmt* stmt, int column) {
  return text_codec_base::column_text(stmt, column);
}

}  // namespace

std::string format_date(std::int64_t days) {
  const std::chrono::year_month_day ymd{std::chrono::sys_days(std::chrono::days(days))};
  std::string out;
  append_digits(out, static_cast<int>(ymd.year()), 4);
  out.push_back('-');
  append_digits(out, static_cast<unsigned>(ymd.month()), 2);
  out.push_back('-');
  append_digits(out, static_cast<unsigned>(ymd.day()), 2);
  return out;
}

std::string format_datetime(std::int64_t micros, datetime_form form) {
  std::int64_t days = micros / micros_per_day;
  std::int64_t of_day = micros % micros_per_day;
  if (of_day < 0) {
    of_day += micros_per_day;
    --days;
  }
  std::string out = format_date(days);
  out.push_back(form == datetime_form::naive ? ' ' : 'T');
  append_time(out, of_day);
  if (form == datetime_form::rfc3339_utc) out += "+00:00";
  return out;
}

std::int64_t read_datetime(sqlite3_stmt* stmt, int column, bool naive, std::string_view cpp_type) {
  switch (sqlite3_column_type(stmt, column)) {
    case SQLITE_INTEGER:  // Unix time in seconds, as SQLite's unixepoch()
      return sqlite3_column_int64(stmt, column) * micros_per_second;
    case SQLITE_FLOAT: {  // a Julian day number, as SQLite's julianday()
      // A double Julian day is exact to about 10 microseconds: rounded to SQLite's milliseconds.
      const double days = sqlite3_column_double(stmt, column) - 2440587.5;
      const double millis = days * 86'400'000.0;
      return static_cast<std::int64_t>(std::llround(millis)) * 1000;
    }
    default:
      break;
  }
  const std::string_view text = column_text(stmt, column);
  cursor c{text};
  std::int64_t micros = parse_date(c) * micros_per_day;
  if (c.ok && !c.done()) {
    if (!c.accept('T') && !c.accept(' ')) c.ok = false;
    micros += parse_time(c);
    if (c.ok && !c.done()) {
      c.accept(' ');
      const std::int64_t offset = parse_offset(c);
      if (!naive) micros -= offset;
    }
  }
  if (!c.ok || !c.done()) bad_value(text, cpp_type);
  return micros;
}

std::int64_t read_date(sqlite3_stmt* stmt, int column) {
  const std::string_view text = column_text(stmt, column);
  cursor c{text};
  const std::int64_t days = parse_date(c);
  if (!c.ok || !c.done()) bad_value(text, "std::chrono::sys_days (expected YYYY-MM-DD)");
  return days;
}

std::int64_t read_time(sqlite3_stmt* stmt, int column) {
  const std::string_view text = column_text(stmt, column);
  cursor c{text};
  const std::int64_t micros = parse_time(c);
  if (!c.ok || !c.done() || micros > 24 * 3600 * micros_per_second) {
    bad_value(text, "sqlx::pg::time_of_day (expected HH:MM[:SS[.ffffff]])");
  }
  return micros;
}

nlohmann::json parse_json(std::string_view text) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw decode_error(std::string("cannot read SQLite text as JSON: ") + e.what());
  }
}

pg::uuid read_uuid(sqlite3_stmt* stmt, int column) {
  if (sqlite3_column_type(stmt, column) == SQLITE_TEXT) {
    try {
      return pg::uuid::parse(column_text(stmt, column));
    } catch (const sqlx::error& e) {
      throw decode_error(e.what());
    }
  }
  const auto* data = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt, column));
  const int size = sqlite3_column_bytes(stmt, column);
  if (size != 16 || data == nullptr) {
    throw decode_error("cannot read a SQLite BLOB of " + std::to_string(size) +
                       " bytes as a uuid: expected 16");
  }
  pg::uuid::bytes_type bytes{};
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = data[i];
  return pg::uuid(bytes);
}

}  // namespace sqlx::sqlite::detail

namespace sqlx::sqlite::detail {

void throw_not_a_list(std::string_view text, std::string_view why) {
  throw decode_error("cannot read SQLite text \"" + std::string(text.substr(0, 100)) +
                     "\" as a std::vector: " + std::string(why));
}

}  // namespace sqlx::sqlite::detail
