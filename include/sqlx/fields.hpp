// SQLX_FIELDS: registers the field names of a struct read by SQLX_QUERY_AS, for compilers that
// cannot read them (docs/checked-queries.md). A public customisation point: user code writes
// it after its struct. (SQLX_CPP_REFLECT_FIELD_NAMES, 0 or 1, defined before the first sqlx
// include, overrides the compiler detection in detail/reflect.hpp.)
#pragma once

#include <array>
#include <string_view>
#include <tuple>

#include "sqlx/detail/reflect.hpp"

#define SQLX_DETAIL_PARENS ()
#define SQLX_DETAIL_EXPAND(...) \
  SQLX_DETAIL_EXPAND3(SQLX_DETAIL_EXPAND3(SQLX_DETAIL_EXPAND3(SQLX_DETAIL_EXPAND3(__VA_ARGS__))))
#define SQLX_DETAIL_EXPAND3(...) \
  SQLX_DETAIL_EXPAND2(SQLX_DETAIL_EXPAND2(SQLX_DETAIL_EXPAND2(SQLX_DETAIL_EXPAND2(__VA_ARGS__))))
#define SQLX_DETAIL_EXPAND2(...) \
  SQLX_DETAIL_EXPAND1(SQLX_DETAIL_EXPAND1(SQLX_DETAIL_EXPAND1(SQLX_DETAIL_EXPAND1(__VA_ARGS__))))
#define SQLX_DETAIL_EXPAND1(...) __VA_ARGS__
// m(arg, x) for each x, each followed by a comma (the preprocessor rescans up to 64 times).
#define SQLX_DETAIL_FOR_EACH(m, arg, ...) \
  __VA_OPT__(SQLX_DETAIL_EXPAND(SQLX_DETAIL_FOR_EACH_STEP(m, arg, __VA_ARGS__)))
#define SQLX_DETAIL_FOR_EACH_STEP(m, arg, x, ...) \
  m(arg, x), __VA_OPT__(SQLX_DETAIL_FOR_EACH_AGAIN SQLX_DETAIL_PARENS(m, arg, __VA_ARGS__))
#define SQLX_DETAIL_FOR_EACH_AGAIN() SQLX_DETAIL_FOR_EACH_STEP
#define SQLX_DETAIL_FIELD_NAME(Type, field) #field
#define SQLX_DETAIL_FIELD_POINTER(Type, field) &Type::field

// Registers the field names of the plain aggregate `Type` for SQLX_QUERY_AS, for compilers
// that cannot read them (g++ 12 and clang 14 can; there a registration only makes the names
// explicit). Every field, in declaration order - checked at compile time. Use it at namespace
// scope, in the namespace that declares `Type` (argument-dependent lookup finds it there).
#define SQLX_FIELDS(Type, ...)                                                             \
  [[maybe_unused]] constexpr auto sqlx_field_names(const Type*) {                          \
    return std::to_array<std::string_view>(                                                \
        {SQLX_DETAIL_FOR_EACH(SQLX_DETAIL_FIELD_NAME, Type, __VA_ARGS__)});                \
  }                                                                                        \
  static_assert(                                                                           \
      ::sqlx::detail::names_every_field_in_order<Type>(                                    \
          std::tuple{SQLX_DETAIL_FOR_EACH(SQLX_DETAIL_FIELD_POINTER, Type, __VA_ARGS__)}), \
      "SQLX_FIELDS(" #Type ", ...) must name every field of " #Type ", in declaration order");
