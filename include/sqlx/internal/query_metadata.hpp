// What the generated header (from `.sqlx-cpp/`) says about each query. The header
// specializes query_metadata<hash of the text> once per query; sqlx_cpp_check() writes it.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "sqlx/internal/fixed_string.hpp"

namespace sqlx::detail {

enum class nullability : unsigned char { not_null, nullable };

struct column_info {
  std::string_view label;          // the raw label, override suffix included ("id!", "m: Mood")
  std::string_view name;           // the label without the override ("id", "m")
  std::string_view pg_type;        // as in .sqlx-cpp: "int8", "_text", "public.mood"
  nullability nullable;            // after the "!"/"?" overrides; unknown counts as nullable
  std::string_view override_type;  // "Mood" for "m: Mood", else empty
};

// Unknown queries: `known` is false, and the checks say to run `sqlcheck prepare`.
template <std::uint64_t Hash>
struct query_metadata {
  static constexpr bool known = false;
};

// Registry of C++ types named in "x: T" overrides, filled by SQLX_PG_TYPE / SQLX_PG_ENUM at
// the point where the type exists: the generated header is included before user types are
// declared, so an override's type is looked up only when the query is used. A registration
// instantiates named_type_registration, whose friend definition makes the lookup resolve.
template <fixed_string Name>
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

template <fixed_string Name, typename T>
struct named_type_registration {
  friend constexpr auto sqlx_named_type(named_type_key<Name>) { return static_cast<T*>(nullptr); }
};

// The C++ type registered as `Name`; `Deferred` delays the look-up to the point of use.
template <fixed_string Name, typename Deferred>
using named_type = std::remove_pointer_t<decltype(sqlx_named_type(
    std::conditional_t<sizeof(Deferred*) != 0, named_type_key<Name>, void>{}))>;

}  // namespace sqlx::detail

// Makes T nameable in a column override ("x: T"), spelled exactly as written here.
#define SQLX_PG_TYPE(T)                                                                 \
  static_assert(sizeof(::sqlx::detail::named_type_registration<::sqlx::detail::fixed_string{#T}, \
                                                               T>) > 0)
