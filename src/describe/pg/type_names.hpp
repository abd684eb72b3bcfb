// sqlx's names for PostgreSQL's built-in types ("Int8", "TextArray", ...), so that our files
// spell type_info exactly as sqlx's `.sqlx/` files do.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace sqlx::core {

struct builtin_type {
  std::uint32_t oid;
  std::string_view sqlx_name;  // sqlx's PgType variant
  std::string_view pg_name;    // pg_type.typname
};

// The built-in type sqlx has a name for; nullopt for anything else (user types and the
// built-in types sqlx spells as Custom, such as tsvector).
[[nodiscard]] std::optional<builtin_type> find_builtin_type(std::uint32_t oid);

// The built-in type sqlx spells `sqlx_name` ("Int8" -> int8): reads sqlx's own files, which
// have no PostgreSQL names.
[[nodiscard]] std::optional<builtin_type> find_builtin_type_by_sqlx_name(
    std::string_view sqlx_name);

}  // namespace sqlx::core
