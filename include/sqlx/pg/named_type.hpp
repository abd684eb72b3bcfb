// SQLX_PG_TYPE: makes a C++ type nameable in a column override (`AS "x: T"`), a public
// customisation point written after a type that has sqlx::pg::type_traits (type_traits.hpp;
// SQLX_PG_ENUM does it for enums). See docs/checked-queries.md, "Nullability and overrides".
#pragma once

#include <string_view>

#include "sqlx/detail/named_type.hpp"

// Makes T nameable in a column override ("x: T"), by its qualified name or as written here.
#define SQLX_PG_TYPE(T)                                                        \
  static_assert(::sqlx::detail::named_type_registrar<T, ::sqlx::detail::label( \
                                                            std::string_view(#T))>::registered);
