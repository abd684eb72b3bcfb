// PostgreSQL enums as C++ enums. Declare the mapping once, at namespace scope in the enum's
// own namespace:
//
//   enum class mood { happy, neutral, grumpy };
//   SQLX_PG_ENUM(mood, "mood", happy, neutral, grumpy)   // labels = enumerator names
//
// or, when labels are not valid identifiers, specialise sqlx::pg::enum_traits:
//
//   template <> struct sqlx::pg::enum_traits<app::state> {
//     static constexpr std::string_view type_name = "billing.state";
//     static constexpr std::array labels{std::pair{app::state::open, std::string_view("open")},
//                                        std::pair{app::state::paid, std::string_view("paid")}};
//   };
//
// The binary format of an enum value is its label's bytes. Its OID is assigned when the
// type is created, so type_oid is 0 (the server infers it), and arrays of enums travel in
// text format (see array.hpp).
#pragma once

#include <array>
#include <concepts>
#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "sqlx/error.hpp"
#include "sqlx/pg/named_type.hpp"
#include "sqlx/pg/type_traits.hpp"
#include "sqlx/pg/types/common.hpp"
#include "sqlx/pg/wire.hpp"

namespace sqlx::pg {

// Specialise with `static constexpr std::string_view type_name` (the PostgreSQL enum,
// unqualified or schema-qualified) and `static constexpr std::array<std::pair<E,
// std::string_view>, N> labels`. Left undefined: an enum maps only when declared.
template <typename E>
struct enum_traits;

// What SQLX_PG_ENUM's hook returns: the same two facts as enum_traits.
template <typename E, std::size_t N>
struct enum_info {
  std::string_view type_name;
  std::array<std::pair<E, std::string_view>, N> labels;
};

namespace detail {

// Splits SQLX_PG_ENUM's stringised enumerator list ("happy, neutral,\n grumpy") into labels.
// Runs at compile time; a throw there is a compile error naming the problem.
template <typename E, std::size_t N>
constexpr enum_info<E, N> make_enum_info(std::string_view type_name, const E (&values)[N],
                                         std::string_view names) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  enum_info<E, N> info{type_name, {}};
  std::size_t at = 0;
  for (std::size_t i = 0; i < N; ++i) {
    std::size_t end = names.find(',', at);
    if (end == std::string_view::npos) end = names.size();
    std::string_view label = names.substr(at, end - at);
    while (!label.empty() && is_space(label.front())) label.remove_prefix(1);
    while (!label.empty() && is_space(label.back())) label.remove_suffix(1);
    for (const char c : label) {
      const bool identifier =
          c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!identifier) {
        throw "SQLX_PG_ENUM takes plain enumerator names (use enum_traits for other labels)";
      }
    }
    info.labels[i] = {values[i], label};
    at = end + 1;
  }
  return info;
}

// Lets ordinary lookup find *a* function of this name, so `sqlx_pg_enum_info(p)` below is
// always a call resolved by argument-dependent lookup in the enum's namespace.
void sqlx_pg_enum_info() = delete;

template <typename E>
concept has_enum_hook = std::is_enum_v<E> && requires(E* p) {
  sqlx_pg_enum_info(p);
};

template <typename E>
concept has_enum_traits = std::is_enum_v<E> && requires {
  { enum_traits<E>::type_name } -> std::convertible_to<std::string_view>;
  enum_traits<E>::labels.size();
};

template <typename E>
concept pg_enum = has_enum_traits<E> || has_enum_hook<E>;

template <typename E>
inline constexpr auto enum_hook_info = sqlx_pg_enum_info(static_cast<E*>(nullptr));

// enum_traits wins over the macro when both exist.
template <pg_enum E>
constexpr const auto& enum_labels() noexcept {
  if constexpr (has_enum_traits<E>) {
    return enum_traits<E>::labels;
  } else {
    return enum_hook_info<E>.labels;
  }
}

template <pg_enum E>
constexpr std::string_view enum_type_name() noexcept {
  if constexpr (has_enum_traits<E>) {
    return enum_traits<E>::type_name;
  } else {
    return enum_hook_info<E>.type_name;
  }
}

// Labels must be non-empty and distinct, and so must the values they map, or decoding and
// encoding would be ambiguous.
template <pg_enum E>
constexpr bool enum_labels_valid() noexcept {
  const auto& labels = enum_labels<E>();
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (labels[i].second.empty()) return false;
    for (std::size_t j = i + 1; j < labels.size(); ++j) {
      if (labels[i].first == labels[j].first || labels[i].second == labels[j].second) {
        return false;
      }
    }
  }
  return labels.size() != 0;
}

}  // namespace detail

template <detail::pg_enum E>
struct type_traits<E> {
  static_assert(detail::enum_labels_valid<E>(),
                "a PostgreSQL enum mapping needs at least one label, and distinct non-empty "
                "labels for distinct enumerators");

  static constexpr std::string_view type_name = detail::enum_type_name<E>();
  static constexpr oid type_oid = 0;
  static constexpr bool binary = true;

  // The name as `.sqlx-cpp/` has it ("public.mood") or as declared ("mood"): compared
  // unqualified, since the declaration need not name the schema.
  [[nodiscard]] static constexpr bool accepts(std::string_view pg_type) noexcept {
    return same_text(unqualified_type_name(pg_type), unqualified_type_name(type_name));
  }

  static void encode(const E& value, std::string& out) {
    for (const auto& [enumerator, label] : detail::enum_labels<E>()) {
      if (enumerator == value) {
        out += label;
        return;
      }
    }
    throw sqlx::error("value " + std::to_string(static_cast<std::underlying_type_t<E>>(value)) +
                      " of " + std::string(cpp_type_name<E>) + " has no label in PostgreSQL enum " +
                      std::string(type_name));
  }

  [[nodiscard]] static E decode(std::string_view bytes) {
    for (const auto& [enumerator, label] : detail::enum_labels<E>()) {
      if (label == bytes) return enumerator;
    }
    throw decode_error("unknown label \"" + std::string(bytes) + "\" of PostgreSQL enum " +
                       std::string(type_name) + " (no enumerator of " +
                       std::string(cpp_type_name<E>) + " maps to it)");
  }
};

}  // namespace sqlx::pg

// Maps the C++ enum `Type` to the PostgreSQL enum `pg_name` ("mood" or "schema.mood"), label
// by label: each enumerator's name is its label. Use it at namespace scope, in the namespace
// that declares `Type` (argument-dependent lookup finds the mapping there), after the enum.
// It defines a constexpr function `sqlx_pg_enum_info(Type*)`; nothing is specialised in
// namespace sqlx, so it works from any namespace. No limit on the number of enumerators.
// It also makes `Type` nameable in column overrides (`AS "x: Type"`), see SQLX_PG_TYPE.
#define SQLX_PG_ENUM(Type, pg_name, ...)                                                   \
  [[maybe_unused]] constexpr auto sqlx_pg_enum_info(Type*) {                               \
    using enum Type;                                                                       \
    constexpr Type sqlx_pg_enum_values[] = {__VA_ARGS__};                                  \
    return ::sqlx::pg::detail::make_enum_info(pg_name, sqlx_pg_enum_values, #__VA_ARGS__); \
  }                                                                                        \
  SQLX_PG_TYPE(Type)
