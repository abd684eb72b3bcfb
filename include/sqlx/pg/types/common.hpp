// What every codec header shares: the `encodable` concept for parameter-only types and the
// helpers the checked-query layer calls (accepts_pg_type, cpp_type_name). (The hooks the array
// codec asks about an element type are public customisation points: type_traits.hpp.)
#pragma once

#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "sqlx/pg/type_traits.hpp"

namespace sqlx::pg {

// A type that can be sent as a parameter. has_type_traits (type_traits.hpp) additionally
// requires `decode`; parameter-only types such as std::string_view, const char* and
// std::span<const T> satisfy only this concept, because decoding into a view would leave it
// pointing into a result that is about to be freed.
template <typename T>
concept encodable = requires(const T& value, std::string& out) {
  { type_traits<T>::type_name } -> std::convertible_to<std::string_view>;
  { type_traits<T>::type_oid } -> std::convertible_to<oid>;
  { type_traits<T>::accepts(std::string_view{}) } -> std::same_as<bool>;
  type_traits<T>::encode(value, out);
};

// A type results can be read into.
template <typename T>
concept decodable = has_type_traits<T>;

// Format code for a parameter of type T: true = binary (1), false = text (0). Same rule as
// uses_binary_format() but also defined for the parameter-only types.
template <encodable T>
constexpr bool uses_binary_encoding() {
  if constexpr (requires { type_traits<T>::binary; }) {
    return type_traits<T>::binary;
  } else {
    return true;
  }
}

namespace detail {

template <typename T>
inline constexpr bool is_optional = false;
template <typename T>
inline constexpr bool is_optional<std::optional<T>> = true;

template <typename T>
struct strip_optional {
  using type = T;
};
template <typename T>
struct strip_optional<std::optional<T>> {
  using type = T;
};

// Built-in types arrive unqualified ("int4"); "pg_catalog.int4" is the same type, so accept
// it too rather than fail on a spelling.
constexpr bool is_builtin(std::string_view pg_type, std::string_view name) noexcept {
  constexpr std::string_view catalog = "pg_catalog.";
  if (pg_type.size() > catalog.size() && same_text(pg_type.substr(0, catalog.size()), catalog)) {
    pg_type.remove_prefix(catalog.size());
  }
  return same_text(pg_type, name);
}

constexpr int hex_digit_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// A string built at compile time from other compile-time strings, with static storage so
// that string_views to it can live in constexpr variables.
template <const std::string_view&... Parts>
struct joined {
  static constexpr std::size_t size = (std::size_t{0} + ... + Parts.size());
  static constexpr std::array<char, size + 1> chars = [] {
    std::array<char, size + 1> out{};
    std::size_t at = 0;
    const auto append = [&](std::string_view part) {
      for (const char c : part) out[at++] = c;
    };
    (append(Parts), ...);
    return out;
  }();
  static constexpr std::string_view value{chars.data(), size};
};

// The compiler's spelling of T, cut out of the signature of a function template specialised
// on T. The prefix and suffix around the type are measured once on a probe type (double), so
// this works for any compiler that prints the template argument verbatim (gcc, clang, MSVC).
template <typename T>
constexpr std::string_view signature() noexcept {
#if defined(__clang__) || defined(__GNUC__)
  return __PRETTY_FUNCTION__;
#elif defined(_MSC_VER)
  return __FUNCSIG__;
#else
  return "double";  // unknown compiler: the names degrade to "?" below
#endif
}
inline constexpr std::string_view probe_signature = signature<double>();
inline constexpr std::size_t signature_prefix = probe_signature.find("double");
inline constexpr std::size_t signature_suffix =
    signature_prefix == std::string_view::npos ? 0 : probe_signature.size() - signature_prefix - 6;

template <typename T>
struct compiler_type_name {
  static constexpr std::string_view raw = [] {
    const std::string_view s = signature<T>();
    if (signature_prefix == std::string_view::npos ||
        s.size() < signature_prefix + signature_suffix) {
      return std::string_view("?");
    }
    std::string_view name =
        s.substr(signature_prefix, s.size() - signature_prefix - signature_suffix);
    // MSVC writes "enum app::mood", "class x", "struct y".
    for (std::string_view tag : {"enum ", "class ", "struct "}) {
      if (name.starts_with(tag)) name.remove_prefix(tag.size());
    }
    return name;
  }();
  // Copied out of the signature so the view never depends on how the compiler stores it.
  static constexpr std::array<char, raw.size() + 1> chars = [] {
    std::array<char, raw.size() + 1> out{};
    for (std::size_t i = 0; i < raw.size(); ++i) out[i] = raw[i];
    return out;
  }();
  static constexpr std::string_view value{chars.data(), raw.size()};
};

// N in decimal, as a static string.
template <std::size_t N>
struct decimal_text {
  static constexpr std::size_t digits = [] {
    std::size_t count = 1;
    for (std::size_t n = N; n >= 10; n /= 10) ++count;
    return count;
  }();
  static constexpr std::array<char, digits + 1> chars = [] {
    std::array<char, digits + 1> out{};
    std::size_t n = N;
    for (std::size_t i = digits; i-- > 0; n /= 10) out[i] = static_cast<char>('0' + n % 10);
    return out;
  }();
  static constexpr std::string_view value{chars.data(), digits};
};

inline constexpr std::string_view char_array_open = "char[";
inline constexpr std::string_view close_bracket = "]";
inline constexpr std::string_view optional_open = "std::optional<";
inline constexpr std::string_view vector_open = "std::vector<";
inline constexpr std::string_view span_const_open = "std::span<const ";
inline constexpr std::string_view span_open = "std::span<";
inline constexpr std::string_view close_angle = ">";

}  // namespace detail

template <typename T>
using strip_optional_t = typename detail::strip_optional<T>::type;

// A readable C++ name for T in compile-time diagnostics ("std::int32_t", "std::string",
// "std::vector<std::optional<std::int64_t>>"). Types sqlx-cpp maps are spelled as users
// write them; anything else (user enums) as the compiler spells it ("app::mood").
template <typename T>
inline constexpr std::string_view cpp_type_name = detail::compiler_type_name<T>::value;

template <>
inline constexpr std::string_view cpp_type_name<std::int16_t> = "std::int16_t";
template <>
inline constexpr std::string_view cpp_type_name<std::int32_t> = "std::int32_t";
template <>
inline constexpr std::string_view cpp_type_name<std::int64_t> = "std::int64_t";
template <>
inline constexpr std::string_view cpp_type_name<float> = "float";
template <>
inline constexpr std::string_view cpp_type_name<double> = "double";
template <>
inline constexpr std::string_view cpp_type_name<bool> = "bool";
template <>
inline constexpr std::string_view cpp_type_name<std::string> = "std::string";
template <>
inline constexpr std::string_view cpp_type_name<std::string_view> = "std::string_view";
template <>
inline constexpr std::string_view cpp_type_name<const char*> = "const char*";
template <>
inline constexpr std::string_view cpp_type_name<std::byte> = "std::byte";
template <>
inline constexpr std::string_view cpp_type_name<std::nullopt_t> = "std::nullopt_t";
// Named as users write them in the compile errors that reject them (g++ would say "long
// unsigned int").
template <>
inline constexpr std::string_view cpp_type_name<std::uint8_t> = "std::uint8_t";
template <>
inline constexpr std::string_view cpp_type_name<std::uint16_t> = "std::uint16_t";
template <>
inline constexpr std::string_view cpp_type_name<std::uint32_t> = "std::uint32_t";
template <>
inline constexpr std::string_view cpp_type_name<std::uint64_t> = "std::uint64_t";
template <>
inline constexpr std::string_view cpp_type_name<char> = "char";

// A string literal argument ("abc" is char[4]); compilers disagree on the spacing.
template <std::size_t N>
inline constexpr std::string_view cpp_type_name<char[N]> =
    detail::joined<detail::char_array_open, detail::decimal_text<N>::value,
                   detail::close_bracket>::value;

template <typename T>
inline constexpr std::string_view cpp_type_name<std::optional<T>> =
    detail::joined<detail::optional_open, cpp_type_name<T>, detail::close_angle>::value;
template <typename T>
inline constexpr std::string_view cpp_type_name<std::vector<T>> =
    detail::joined<detail::vector_open, cpp_type_name<T>, detail::close_angle>::value;
template <typename T>
inline constexpr std::string_view cpp_type_name<std::span<const T>> =
    detail::joined<detail::span_const_open, cpp_type_name<T>, detail::close_angle>::value;
template <typename T>
inline constexpr std::string_view cpp_type_name<std::span<T>> =
    detail::joined<detail::span_open, cpp_type_name<T>, detail::close_angle>::value;

// Whether a value of C++ type T (optionally wrapped in std::optional) may be read from or
// sent as `pg_type`, spelled as `.sqlx-cpp/` spells it. False for types without traits, so
// that the caller can report its own error (check `encodable` to tell the two cases apart).
template <typename T>
constexpr bool accepts_pg_type(std::string_view pg_type) noexcept {
  using value_type = std::remove_cvref_t<strip_optional_t<std::remove_cvref_t<T>>>;
  if constexpr (encodable<value_type>) {
    return type_traits<value_type>::accepts(pg_type);
  } else {
    return false;
  }
}

}  // namespace sqlx::pg
