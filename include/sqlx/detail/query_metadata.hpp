// What the generated header (from `.sqlx-cpp/`) says about each query. The header
// specializes query_metadata<hash of the text> once per query; sqlx_cpp_check() writes it.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <type_traits>

#include "sqlx/detail/fixed_string.hpp"
#include "sqlx/detail/named_type.hpp"
#include "sqlx/pg/types/common.hpp"

namespace sqlx::detail {

enum class nullability : unsigned char { not_null, nullable };

// The database a query was described on. The generated header says `db` for SQLite queries
// only, so that PostgreSQL's headers stay as they were: no `db` means PostgreSQL.
enum class database : unsigned char { postgres, sqlite };

struct column_info {
  std::string_view label;          // the raw label, override suffix included ("id!", "m: Mood")
  std::string_view name;           // the label without the override ("id", "m")
  std::string_view pg_type;        // as in .sqlx-cpp: "int8", "_text", "public.mood"; for a
                                   // SQLite query its SQLite type: "INTEGER", "DATETIME"
  nullability nullable;            // after the "!"/"?" overrides; unknown counts as nullable
  std::string_view override_type;  // "Mood" for "m: Mood", else empty
  bool identifier;                 // `name` can be a member of an anonymous row
  bool has_cpp_type;               // a built-in type or an override: something to read it into
  // Nested structs (detail/nested_fields.hpp): set when the column is NULL only when this
  // outer-joined row ("c", a FROM item) is missing; written only for path labels ("a.b").
  std::string_view outer_row{};
  // A whole-row column labelled "author.*": the fields of its composite type (name, pg_type,
  // nullable in a present row), each filling the leaf "author.<name>" of a nested struct.
  const column_info* fields = nullptr;
  std::size_t field_count = 0;
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

template <typename Meta>
constexpr database database_of() noexcept {
  if constexpr (requires { Meta::db; }) {
    return Meta::db;
  } else {
    return database::postgres;
  }
}

}  // namespace sqlx::detail
