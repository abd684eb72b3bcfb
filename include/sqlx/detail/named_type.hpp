// The registry behind SQLX_PG_TYPE / SQLX_PG_ENUM (the public sqlx/pg/named_type.hpp): which
// C++ type a column override ("x: T") names. The generated header looks names up here.
#pragma once

#include <string_view>
#include <type_traits>

#include "sqlx/detail/fixed_string.hpp"
#include "sqlx/pg/types/common.hpp"

namespace sqlx::detail {

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
