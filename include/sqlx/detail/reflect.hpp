// Field names of a plain aggregate: without registration, from the structured-binding count
// and the compiler's pretty function name for a pointer to each field (g++ >= 12, clang >= 14);
// elsewhere registered with SQLX_FIELDS (the public sqlx/fields.hpp).
#pragma once

#include <array>
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
  if constexpr (!std::is_aggregate_v<T>) {
    return 0;  // reported by field_names_as_found, in words
  } else if constexpr (N > 32) {
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
#pragma clang diagnostic ignored "-Wundefined-internal"  // a struct in an anonymous namespace
#endif
// Never defined: only its fields' addresses are used, in constant expressions.
template <typename T>
extern const reflection_object<T> reflection_object_v;

// A field's address, wrapped: clang 14 takes a pointer to a subobject as a template argument
// only inside a class-type argument (a bare one needs clang 15).
template <typename F>
struct field_address {
  const F* pointer;
};

template <field_address Field>
constexpr std::string_view pretty_name_of() {
  return __PRETTY_FUNCTION__;
}

// The name follows the last '.' or ':' of the object's path, which the compilers print as
//   g++:       Field = field_address<int>{(& reflection_object_v<T>.(...)::value.(...)::name)};
//   clang 15+: Field = field_address<int>{&reflection_object_v.value.name}]
//   clang 14:  Field = {&reflection_object_v.value.name}]
constexpr std::string_view field_name_from_pretty(std::string_view pretty) {
  // From the object's name, not from "Field = ": the field's type comes first, and may hold
  // any character ("int [3]").
  // The path ends at ")}" (g++) or "}]" (clang); "{anonymous}" may be inside it.
  std::string_view value = pretty.substr(pretty.find("reflection_object_v"));
  value =
      value.substr(0, value.find(")}") < value.find("}]") ? value.find(")}") : value.find("}]"));
  return value.substr(value.find_last_of(".:") + 1);
}

template <typename T, std::size_t I>
constexpr std::string_view reflected_field_name() {
  constexpr auto count = field_count<T>();
  constexpr auto& field = std::get<I>(tie_fields<count>(reflection_object_v<T>.value));
  using type = std::remove_reference_t<decltype(field)>;
  return field_name_from_pretty(pretty_name_of<field_address<type>{&field}>());
}

template <typename T, std::size_t I>
using field_type =
    std::remove_cvref_t<decltype(std::get<I>(tie_fields<field_count<T>()>(std::declval<T&>())))>;

// Whether `members` (pointers to members of T) name every field of T in declaration order.
template <typename T, typename... Members>
consteval bool names_every_field_in_order(std::tuple<Members...> members) {
  if constexpr (sizeof...(Members) != field_count<T>()) {
    return false;
  } else {
    const auto fields = tie_fields<sizeof...(Members)>(reflection_object_v<T>.value);
    return [&]<std::size_t... I>(std::index_sequence<I...>) {
      return ((static_cast<const void*>(&(reflection_object_v<T>.value.*std::get<I>(members))) ==
               static_cast<const void*>(&std::get<I>(fields))) &&
              ...);
    }
    (std::index_sequence_for<Members...>{});
  }
}

#if defined(__clang__)
#pragma clang diagnostic pop
#endif

// Lets ordinary lookup find *a* function of this name, so `sqlx_field_names(p)` below is a
// call resolved by argument-dependent lookup in the struct's namespace (see SQLX_FIELDS).
void sqlx_field_names() = delete;

template <typename T>
concept has_registered_fields = requires(const T* p) {
  sqlx_field_names(p);
};

// g++ 12 and clang 14 print a field's name in a pointer template argument; others may not.
#if !defined(SQLX_CPP_REFLECT_FIELD_NAMES)
#if (defined(__clang__) && __clang_major__ >= 14) || \
    (defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 12)
#define SQLX_CPP_REFLECT_FIELD_NAMES 1
#else
#define SQLX_CPP_REFLECT_FIELD_NAMES 0
#endif
#endif

// The field names of aggregate T, in declaration order: registered with SQLX_FIELDS, else
// read from the compiler.
template <typename T>
constexpr auto field_names_as_found() {
  if constexpr (!std::is_aggregate_v<T>) {
    static_assert(std::is_aggregate_v<T>,  // false here; dependent, so only when used
                  "sqlx: SQLX_QUERY_AS fills a plain aggregate struct (public fields, no "
                  "constructors, no virtual functions): this row type is not an aggregate");
    return std::array<std::string_view, 0>{};
  } else if constexpr (has_registered_fields<T>) {
    return sqlx_field_names(static_cast<const T*>(nullptr));
  } else if constexpr (SQLX_CPP_REFLECT_FIELD_NAMES) {
    return []<std::size_t... I>(std::index_sequence<I...>) {
      return std::array<std::string_view, sizeof...(I)>{reflected_field_name<T, I>()...};
    }
    (std::make_index_sequence<field_count<T>()>{});
  } else {
    static_assert(has_registered_fields<T>,  // false here; dependent, so only when used
                  "sqlx: this compiler cannot read the field names of a struct; register them "
                  "with SQLX_FIELDS(Type, field...) after the struct");
    return std::array<std::string_view, 0>{};
  }
}

// T's field names, copied once into a table of T's own: a view into the compiler's function
// name is slow to read in constant evaluation (clang), and every SQLX_QUERY_AS reads them.
template <typename T>
struct field_name_table {
  static constexpr auto found = field_names_as_found<T>();
  static constexpr std::size_t total = [] {
    std::size_t size = 0;
    for (const std::string_view name : found) size += name.size();
    return size;
  }();
  static constexpr std::array<char, total + 1> chars = [] {
    std::array<char, total + 1> out{};
    std::size_t at = 0;
    for (const std::string_view name : found) {
      for (const char c : name) out[at++] = c;
    }
    return out;
  }();
  static constexpr std::array<std::string_view, found.size()> names = [] {
    std::array<std::string_view, found.size()> out{};
    std::size_t at = 0;
    for (std::size_t i = 0; i < out.size(); ++i) {
      out[i] = std::string_view(chars.data() + at, found[i].size());
      at += found[i].size();
    }
    return out;
  }();
};

}  // namespace sqlx::detail
