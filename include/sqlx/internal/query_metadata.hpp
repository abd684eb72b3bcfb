// What the generated header (from `.sqlx-cpp/`) says about each query. The header
// specializes query_metadata<hash of the text> once per query; sqlx_cpp_check() writes it.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <type_traits>

#include "sqlx/internal/fixed_string.hpp"
#include "sqlx/pg/types/common.hpp"

namespace sqlx::detail {

enum class nullability : unsigned char { not_null, nullable };

struct column_info {
  std::string_view label;          // the raw label, override suffix included ("id!", "m: Mood")
  std::string_view name;           // the label without the override ("id", "m")
  std::string_view pg_type;        // as in .sqlx-cpp: "int8", "_text", "public.mood"
  nullability nullable;            // after the "!"/"?" overrides; unknown counts as nullable
  std::string_view override_type;  // "Mood" for "m: Mood", else empty
  bool identifier;                 // `name` can be a member of an anonymous row
  bool has_cpp_type;               // a built-in type or an override: something to read it into
};

// Unknown queries: `known` is false, and the checks say to run `sqlcheck prepare`. (The empty
// members let the checks treat every query alike.)
template <std::uint64_t Hash>
struct query_metadata {
  static constexpr bool known = false;
  static constexpr std::string_view text{};
  static constexpr std::array<std::string_view, 0> parameters{};
  static constexpr std::array<column_info, 0> columns{};
};

// Registry of C++ types named in "x: T" overrides, filled by SQLX_PG_TYPE / SQLX_PG_ENUM at
// the point where the type exists: the generated header is included before user types are
// declared, so an override's type is looked up only where the query is used. A registration
// instantiates named_type_registration, whose friend definition makes the look-up resolve.
template <label Name>
struct named_type_key {
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnon-template-friend"
#endif
  friend constexpr auto sqlx_named_type(named_type_key);
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
};

template <label Name, typename T>
struct named_type_registration {
  friend constexpr auto sqlx_named_type(named_type_key<Name>) { return static_cast<T*>(nullptr); }
};

// Registers T under its fully qualified name and under the name written in the macro.
template <typename T, label WrittenAs>
struct named_type_registrar {
  static constexpr label qualified = label(::sqlx::pg::cpp_type_name<T>);
  static constexpr bool registered = [] {
    static_cast<void>(sizeof(named_type_registration<qualified, T>));
    if constexpr (WrittenAs.view() != qualified.view()) {
      static_cast<void>(sizeof(named_type_registration<WrittenAs, T>));
    }
    return true;
  }();
};

// The C++ type registered as `Name`; `Deferred` delays the look-up to the point of use.
template <label Name, typename Deferred>
using named_type = std::remove_pointer_t<decltype(sqlx_named_type(
    std::conditional_t<sizeof(Deferred*) != 0, named_type_key<Name>, void>{}))>;

}  // namespace sqlx::detail

// Makes T nameable in a column override ("x: T"), by its qualified name or as written here.
#define SQLX_PG_TYPE(T)                                                        \
  static_assert(::sqlx::detail::named_type_registrar<T, ::sqlx::detail::label( \
                                                            std::string_view(#T))>::registered);
