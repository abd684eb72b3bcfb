// text, varchar, bpchar and name as std::string; std::string_view and const char* as
// parameters only. The binary format of all four is the raw bytes (in the database encoding,
// normally UTF-8), so one codec serves them all.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "sqlx/error.hpp"
#include "sqlx/pg/builtin_types.hpp"
#include "sqlx/pg/type_traits.hpp"
#include "sqlx/pg/types/common.hpp"

namespace sqlx::pg {
namespace detail {

struct text_codec_base {
  static constexpr std::string_view type_name = "text";
  static constexpr oid type_oid = codec_type_oid("text");

  [[nodiscard]] static constexpr bool accepts(std::string_view pg_type) noexcept {
    return is_builtin(pg_type, "text") || is_builtin(pg_type, "varchar") ||
           is_builtin(pg_type, "bpchar") || is_builtin(pg_type, "name");
  }
};

}  // namespace detail

// A string accepts four PostgreSQL types, so an array of strings cannot name one element
// OID; such arrays travel as text (see array.hpp).
template <>
inline constexpr bool array_element_prefers_text<std::string> = true;
template <>
inline constexpr bool array_element_prefers_text<std::string_view> = true;
template <>
inline constexpr bool array_element_prefers_text<const char*> = true;

template <>
struct type_traits<std::string> : detail::text_codec_base {
  static void encode(const std::string& value, std::string& out) { out += value; }
  [[nodiscard]] static std::string decode(std::string_view bytes) { return std::string(bytes); }
};

// Parameter only: a decoded view would point into a result that is freed after decoding.
template <>
struct type_traits<std::string_view> : detail::text_codec_base {
  static void encode(const std::string_view& value, std::string& out) { out += value; }
};

// Parameter only. A null pointer is refused rather than sent as NULL: NULL is spelled
// std::nullopt, and a null `const char*` is far more often a bug than an intent.
template <>
struct type_traits<const char*> : detail::text_codec_base {
  static void encode(const char* const& value, std::string& out) {
    if (value == nullptr)
      throw sqlx::error("null const char* parameter (use std::nullopt for NULL)");
    out += value;
  }
};

// Parameter only: a string literal passed straight through (`"abc"` deduces as char[4]).
// Stops at the first NUL, which for a literal is its terminator.
template <std::size_t N>
struct type_traits<char[N]> : detail::text_codec_base {
  static void encode(const char (&value)[N], std::string& out) {
    std::size_t size = 0;
    while (size < N && value[size] != '\0') ++size;
    out.append(value, size);
  }
};

}  // namespace sqlx::pg
