// sqlx::pg::uuid as a 16-byte BLOB, as sqlx stores uuid::Uuid on SQLite. Reading also
// accepts the 36-character text form (sqlx's Hyphenated).
#pragma once

#include <sqlite3.h>

#include <string_view>

#include "sqlx/pg/types/uuid.hpp"
#include "sqlx/sqlite/types/scalars.hpp"

namespace sqlx::sqlite {
namespace detail {
[[nodiscard]] pg::uuid read_uuid(sqlite3_stmt* stmt, int column);
}  // namespace detail

template <>
struct type_traits<pg::uuid> {
  static constexpr std::string_view type_name = "BLOB";
  [[nodiscard]] static constexpr bool accepts(std::string_view type) noexcept {
    return detail::is_one_of(type, "BLOB", "TEXT");
  }
  static int bind(sqlite3_stmt* stmt, int index, const pg::uuid& value) noexcept {
    return sqlite3_bind_blob(stmt, index, value.bytes().data(), 16, SQLITE_TRANSIENT);
  }
  [[nodiscard]] static pg::uuid read(sqlite3_stmt* stmt, int column) {
    return detail::read_uuid(stmt, column);
  }
};

}  // namespace sqlx::sqlite
