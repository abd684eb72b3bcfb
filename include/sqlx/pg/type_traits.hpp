// How a C++ type travels to and from PostgreSQL: the binary wire format and which PostgreSQL
// types it may stand for. Specialize sqlx::pg::type_traits<T> to add a type, and, when its
// arrays must travel in text format, array_element_text<T> / array_element_prefers_text<T>
// below (docs/types.md, "Adding a type"). SQLX_PG_TYPE (named_type.hpp) makes the type
// nameable in a column override; sqlx/pg/wire.hpp has the big-endian helpers.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace sqlx::pg {

using oid = std::uint32_t;

// The primary template is left undefined: a type is usable only with a specialization.
//
// A specialization provides:
//   static constexpr std::string_view type_name;     // the PostgreSQL type for error messages
//                                                    // and for parameters ("int8", "_text")
//   static constexpr oid type_oid;                   // its OID, 0 when only known at run time
//   static constexpr bool accepts(std::string_view pg_type);
//       // whether a value of this C++ type can be read from / sent as `pg_type`, the type's
//       // name as `.sqlx-cpp/` spells it in "pg_type" ("int8", "_text", "public.mood");
//       // must be usable in constant expressions: the checked queries call it at compile time
//   static void encode(const T& value, std::string& out);  // appends the wire bytes
//   static T decode(std::string_view bytes);               // parses the wire bytes
//   static constexpr bool binary = true;  // optional: false when encode/decode use text format
template <typename T>
struct type_traits;

template <typename T>
concept has_type_traits = requires(const T& value, std::string& out, std::string_view bytes) {
  { type_traits<T>::type_name } -> std::convertible_to<std::string_view>;
  { type_traits<T>::type_oid } -> std::convertible_to<oid>;
  { type_traits<T>::accepts(std::string_view{}) } -> std::same_as<bool>;
  type_traits<T>::encode(value, out);
  { type_traits<T>::decode(bytes) } -> std::same_as<T>;
};

// Whether T's values go over the wire in binary (format 1) or text (format 0).
template <has_type_traits T>
constexpr bool uses_binary_format() {
  if constexpr (requires { type_traits<T>::binary; }) {
    return type_traits<T>::binary;
  } else {
    return true;
  }
}

// How an element type travels inside an array whose text format is used (see
// types/array.hpp). The default writes the element's binary encoding as its text: right for
// types whose binary format *is* their text (strings, enum labels, JSON); specialise it when
// it is not (inet).
template <typename T>
struct array_element_text {
  static void write(const T& value, std::string& out) { type_traits<T>::encode(value, out); }
  [[nodiscard]] static T read(std::string_view text) { return type_traits<T>::decode(text); }
};

// True for element types that must make arrays travel in text format although the element
// has a binary format and an OID: binary arrays carry the element OID and the server refuses
// a mismatch, so an element type that accepts several PostgreSQL types (text/varchar/...,
// inet/cidr) cannot know which OID to write. Text arrays let the server pick.
template <typename T>
inline constexpr bool array_element_prefers_text = false;

// String equality for the compile-time checks, which compare type names and column labels of
// every checked query: the length first (most names differ in it), then the characters, with
// clang's __builtin_memcmp where it can (g++ evaluates it only on string literals).
constexpr bool same_text(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
#if defined(__clang__)
  return a.empty() || __builtin_memcmp(a.data(), b.data(), a.size()) == 0;
#else
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
#endif
}

// The unqualified name of a possibly schema-qualified type name: "public.mood" -> "mood".
constexpr std::string_view unqualified_type_name(std::string_view pg_type) {
  const auto dot = pg_type.rfind('.');
  return dot == std::string_view::npos ? pg_type : pg_type.substr(dot + 1);
}

}  // namespace sqlx::pg
