// A string usable as a template argument: the labels a failed check puts into the name of the
// function it reports with (query text, "$2", "int8", "std::int32_t"), which compilers print.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sqlx/detail/fnv1a.hpp"

namespace sqlx::detail {

template <std::size_t N>
struct fixed_string {
  char value[N]{};

  constexpr fixed_string() = default;
  consteval fixed_string(const char (&text)[N]) {
    for (std::size_t i = 0; i < N; ++i) value[i] = text[i];
  }
  // u8"..." literals: the bytes are UTF-8 already.
  consteval fixed_string(const char8_t (&text)[N]) {
    for (std::size_t i = 0; i < N; ++i) value[i] = static_cast<char>(text[i]);
  }
  // Holds a computed string (a type name, "$2") cut to the capacity.
  // (An element-wise loop: clang then prints the argument as a string in diagnostics.)
  constexpr explicit fixed_string(std::string_view text) {
    for (std::size_t i = 0; i < N; ++i) value[i] = i + 1 < N && i < text.size() ? text[i] : '\0';
  }

  [[nodiscard]] constexpr std::string_view view() const {
    return std::string_view(value, std::char_traits<char>::length(value));
  }
};

template <std::size_t N>
fixed_string(const char (&)[N]) -> fixed_string<N>;
template <std::size_t N>
fixed_string(const char8_t (&)[N]) -> fixed_string<N>;

// A short computed string for diagnostics ("$2", "int8", "std::int32_t").
using label = fixed_string<64>;

// FNV-1a of a query literal's value (without its terminating NUL): the key of its
// query_metadata specialization. The text is compared as well (checked_sql).
template <typename Char, std::size_t N>
constexpr std::uint64_t query_hash(const Char (&text)[N]) {
  return fnv1a(text, N - 1);
}

}  // namespace sqlx::detail
