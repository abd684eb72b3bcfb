// Integers, bool, floating point, text and blobs (docs/sqlite.md, "Types").
#pragma once

#include <sqlite3.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "sqlx/sqlite/type_traits.hpp"

namespace sqlx::sqlite {
namespace detail {

// Whether `type` is one of `names` (compile time).
template <typename... Names>
constexpr bool is_one_of(std::string_view type, Names... names) noexcept {
  return ((type == std::string_view(names)) || ...);
}

[[noreturn]] void throw_out_of_range(std::int64_t value, std::string_view cpp_type);

// Every integer type and bool: stored as INTEGER; sqlx accepts them for INTEGER and BOOLEAN.
template <typename T>
struct integer_codec {
  static constexpr std::string_view type_name = "INTEGER";
  [[nodiscard]] static constexpr bool accepts(std::string_view type) noexcept {
    return is_one_of(type, "INTEGER", "BOOLEAN");
  }
  static int bind(sqlite3_stmt* stmt, int index, const T& value) noexcept {
    return sqlite3_bind_int64(stmt, index, static_cast<sqlite3_int64>(value));
  }
  [[nodiscard]] static T read(sqlite3_stmt* stmt, int column) {
    const sqlite3_int64 value = sqlite3_column_int64(stmt, column);
    if constexpr (sizeof(T) < sizeof(sqlite3_int64) || std::is_unsigned_v<T>) {
      if (!std::in_range<T>(value)) throw_out_of_range(value, pg::cpp_type_name<T>);
    }
    return static_cast<T>(value);
  }
  // False for NULL (sqlite3_column_int64 reads NULL as 0: only then is the type asked).
  [[nodiscard]] static bool try_read(sqlite3_stmt* stmt, int column, T& out) {
    const sqlite3_int64 value = sqlite3_column_int64(stmt, column);
    if (value == 0 && sqlite3_column_type(stmt, column) == SQLITE_NULL) return false;
    if constexpr (sizeof(T) < sizeof(sqlite3_int64) || std::is_unsigned_v<T>) {
      if (!std::in_range<T>(value)) throw_out_of_range(value, pg::cpp_type_name<T>);
    }
    out = static_cast<T>(value);
    return true;
  }
};

template <typename T>
struct float_codec {
  static constexpr std::string_view type_name = "REAL";
  // INTEGER and NUMERIC values convert exactly enough to a double (as sqlx's f64 does).
  [[nodiscard]] static constexpr bool accepts(std::string_view type) noexcept {
    return is_one_of(type, "REAL", "NUMERIC", "INTEGER");
  }
  static int bind(sqlite3_stmt* stmt, int index, const T& value) noexcept {
    return sqlite3_bind_double(stmt, index, static_cast<double>(value));
  }
  [[nodiscard]] static T read(sqlite3_stmt* stmt, int column) noexcept {
    return static_cast<T>(sqlite3_column_double(stmt, column));
  }
  [[nodiscard]] static bool try_read(sqlite3_stmt* stmt, int column, T& out) noexcept {
    const double value = sqlite3_column_double(stmt, column);
    if (value == 0.0 && sqlite3_column_type(stmt, column) == SQLITE_NULL) return false;
    out = static_cast<T>(value);
    return true;
  }
};

// Text parameters: SQLITE_TRANSIENT would copy; the bound value outlives the statement's use
// (the query owns its arguments), so SQLITE_STATIC is safe and free.
struct text_codec_base {
  static constexpr std::string_view type_name = "TEXT";
  [[nodiscard]] static constexpr bool accepts(std::string_view type) noexcept {
    return is_one_of(type, "TEXT", "DATE", "TIME", "DATETIME", "NUMERIC");
  }
  static int bind_text(sqlite3_stmt* stmt, int index, std::string_view value) noexcept {
    return sqlite3_bind_text64(stmt, index, value.data(), value.size(), SQLITE_STATIC, SQLITE_UTF8);
  }
  [[nodiscard]] static std::string_view column_text(sqlite3_stmt* stmt, int column) noexcept {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, column));
    const auto size = static_cast<std::size_t>(sqlite3_column_bytes(stmt, column));
    return text == nullptr ? std::string_view() : std::string_view(text, size);
  }
};

struct blob_codec_base {
  static constexpr std::string_view type_name = "BLOB";
  [[nodiscard]] static constexpr bool accepts(std::string_view type) noexcept {
    return type == "BLOB";
  }
  static int bind_blob(sqlite3_stmt* stmt, int index, const void* data, std::size_t size) noexcept {
    // A zero-length blob with a null pointer would bind NULL: point at something.
    static constexpr char empty = 0;
    return sqlite3_bind_blob64(stmt, index, size == 0 ? &empty : data, size, SQLITE_STATIC);
  }
};

}  // namespace detail

template <>
struct type_traits<std::int64_t> : detail::integer_codec<std::int64_t> {};
template <>
struct type_traits<std::int32_t> : detail::integer_codec<std::int32_t> {};
template <>
struct type_traits<std::int16_t> : detail::integer_codec<std::int16_t> {};
template <>
struct type_traits<std::int8_t> : detail::integer_codec<std::int8_t> {};
template <>
struct type_traits<std::uint32_t> : detail::integer_codec<std::uint32_t> {};
template <>
struct type_traits<std::uint16_t> : detail::integer_codec<std::uint16_t> {};
template <>
struct type_traits<std::uint8_t> : detail::integer_codec<std::uint8_t> {};
// (std::uint64_t is left out, as sqlx leaves it out: SQLite's integers are signed 64-bit.)

template <>
struct type_traits<bool> {
  static constexpr std::string_view type_name = "BOOLEAN";
  [[nodiscard]] static constexpr bool accepts(std::string_view type) noexcept {
    return detail::is_one_of(type, "BOOLEAN", "INTEGER");
  }
  static int bind(sqlite3_stmt* stmt, int index, const bool& value) noexcept {
    return sqlite3_bind_int(stmt, index, value ? 1 : 0);
  }
  [[nodiscard]] static bool read(sqlite3_stmt* stmt, int column) noexcept {
    return sqlite3_column_int64(stmt, column) != 0;
  }
};

template <>
struct type_traits<double> : detail::float_codec<double> {};
template <>
struct type_traits<float> : detail::float_codec<float> {};

template <>
struct type_traits<std::string> : detail::text_codec_base {
  static int bind(sqlite3_stmt* stmt, int index, const std::string& value) noexcept {
    return bind_text(stmt, index, value);
  }
  [[nodiscard]] static std::string read(sqlite3_stmt* stmt, int column) {
    return std::string(column_text(stmt, column));
  }
  // sqlite3_column_text is a null pointer for NULL only (an empty text is "").
  [[nodiscard]] static bool try_read(sqlite3_stmt* stmt, int column, std::string& out) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, column));
    if (text == nullptr) {
      if (sqlite3_column_type(stmt, column) == SQLITE_NULL) return false;
      out.clear();  // out of memory reads as a null pointer too: SQLite's errmsg says so
      return true;
    }
    out.assign(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt, column)));
    return true;
  }
};

// Parameter-only: a view cannot outlive the row it would point into.
template <>
struct type_traits<std::string_view> : detail::text_codec_base {
  static int bind(sqlite3_stmt* stmt, int index, const std::string_view& value) noexcept {
    return bind_text(stmt, index, value);
  }
};
template <>
struct type_traits<const char*> : detail::text_codec_base {
  static int bind(sqlite3_stmt* stmt, int index, const char* const& value) noexcept {
    return bind_text(stmt, index, std::string_view(value));
  }
};
template <std::size_t N>
struct type_traits<char[N]> : detail::text_codec_base {
  static int bind(sqlite3_stmt* stmt, int index, const char (&value)[N]) noexcept {
    return bind_text(stmt, index, std::string_view(value, N - 1));
  }
};

template <>
struct type_traits<std::vector<std::byte>> : detail::blob_codec_base {
  static int bind(sqlite3_stmt* stmt, int index, const std::vector<std::byte>& value) noexcept {
    return bind_blob(stmt, index, value.data(), value.size());
  }
  [[nodiscard]] static std::vector<std::byte> read(sqlite3_stmt* stmt, int column) {
    const auto* data = static_cast<const std::byte*>(sqlite3_column_blob(stmt, column));
    const auto size = static_cast<std::size_t>(sqlite3_column_bytes(stmt, column));
    return data == nullptr ? std::vector<std::byte>() : std::vector<std::byte>(data, data + size);
  }
};
template <>
struct type_traits<std::span<const std::byte>> : detail::blob_codec_base {
  static int bind(sqlite3_stmt* stmt, int index, const std::span<const std::byte>& value) noexcept {
    return bind_blob(stmt, index, value.data(), value.size());
  }
};

}  // namespace sqlx::sqlite
