// sqlx's names for PostgreSQL's built-in types ("Int8", "TextArray", ...), so that our files
// spell type_info exactly as sqlx's `.sqlx/` files do. They live in the one table of built-in
// types, include/sqlx/pg/builtin_types.hpp, which the runtime and the codecs read too; the
// tools reach it through these names.
#pragma once

#include "sqlx/pg/builtin_types.hpp"

namespace sqlx::core {

// The built-in type sqlx has a name for, by OID or by PostgreSQL name; nullptr for anything
// else (user types and the built-in types sqlx spells as Custom, such as tsvector).
using pg::builtin_type;
using pg::find_builtin_type;

// The built-in type sqlx spells `sqlx_name` ("Int8" -> int8): reads sqlx's own files, which
// have no PostgreSQL names.
using pg::find_builtin_type_by_sqlx_name;

}  // namespace sqlx::core
