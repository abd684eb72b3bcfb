// Field names of a plain aggregate, without registration: the structured-binding count and
// the compiler's pretty function name for a pointer to each field (g++ >= 12, clang >= 15).
#pragma once

#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

namespace sqlx::detail {

// Converts to anything: probes how many initializers an aggregate takes.
struct any_initializer {
  template <typename T>
  operator T() const noexcept;  // never defined: only used in unevaluated contexts
};

template <typename T, std::size_t... I>
constexpr bool initializable_with(std::index_sequence<I...>) {
  return requires {
    T{(static_cast<void>(I), any_initializer{})...};
  };
}

// The number of fields of aggregate T (up to 32).
template <typename T, std::size_t N = 0>
constexpr std::size_t field_count() {
  if constexpr (N > 32) {
    return N;  // too many fields: reported by the caller
  } else if constexpr (initializable_with<T>(std::make_index_sequence<N + 1>{})) {
    return field_count<T, N + 1>();
  } else {
    return N;
  }
}

// References to the fields of `value`, as a tuple.
template <std::size_t N, typename T>
constexpr auto tie_fields(T& value) {
  // clang-format off
  if constexpr (N == 0) { return std::tie(); }
#define SQLX_TIE(n, ...) else if constexpr (N == n) { auto& [__VA_ARGS__] = value; return std::tie(__VA_ARGS__); }
  SQLX_TIE(1, a1)
  SQLX_TIE(2, a1, a2)
  SQLX_TIE(3, a1, a2, a3)
  SQLX_TIE(4, a1, a2, a3, a4)
  SQLX_TIE(5, a1, a2, a3, a4, a5)
  SQLX_TIE(6, a1, a2, a3, a4, a5, a6)
  SQLX_TIE(7, a1, a2, a3, a4, a5, a6, a7)
  SQLX_TIE(8, a1, a2, a3, a4, a5, a6, a7, a8)
  SQLX_TIE(9, a1, a2, a3, a4, a5, a6, a7, a8, a9)
  SQLX_TIE(10, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10)
  SQLX_TIE(11, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11)
  SQLX_TIE(12, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12)
  SQLX_TIE(13, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13)
  SQLX_TIE(14, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14)
  SQLX_TIE(15, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15)
  SQLX_TIE(16, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16)
  SQLX_TIE(17, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17)
  SQLX_TIE(18, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18)
  SQLX_TIE(19, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18, a19)
  SQLX_TIE(20, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18, a19, a20)
#undef SQLX_TIE
  else { static_assert(N <= 20, "sqlx: SQLX_QUERY_AS supports structs of up to 20 fields"); }
  // clang-format on
}

template <typename T>
struct reflection_object {
  T value;
};

#if defined(__clang__)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wundefined-var-template"
#endif
// Never defined: only its fields' addresses are used, in constant expressions.
template <typename T>
extern const reflection_object<T> reflection_object_v;

template <auto Pointer>
consteval std::string_view pretty_name_of() {
  return __PRETTY_FUNCTION__;
}

// g++: "... [with auto Pointer = (& reflection_object_v<T>.(...)::value.(...)::name); ...]"
// clang: "... [Pointer = &reflection_object_v.value.name]" -> "name"
consteval std::string_view field_name_from_pretty(std::string_view pretty) {
  constexpr std::string_view marker = "Pointer = ";
  std::string_view value = pretty.substr(pretty.find(marker) + marker.size());
  value = value.substr(0, value.find_first_of(";]"));
  while (!value.empty() && (value.back() == ')' || value.back() == ' ')) value.remove_suffix(1);
  return value.substr(value.find_last_of(".:") + 1);
}

template <typename T, std::size_t I>
consteval std::string_view field_name() {
  constexpr auto count = field_count<T>();
  return field_name_from_pretty(
      pretty_name_of<&std::get<I>(tie_fields<count>(reflection_object_v<T>.value))>());
}

#if defined(__clang__)
#pragma clang diagnostic pop
#endif

template <typename T, std::size_t I>
using field_type =
    std::remove_cvref_t<decltype(std::get<I>(tie_fields<field_count<T>()>(std::declval<T&>())))>;

}  // namespace sqlx::detail
