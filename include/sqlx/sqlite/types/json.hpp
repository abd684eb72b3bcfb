// nlohmann::json as TEXT (as sqlx's Json<T> on SQLite): dumped when bound, parsed when read.
#pragma once

#include <sqlite3.h>

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "sqlx/pg/types/json.hpp"
#include "sqlx/sqlite/types/chrono.hpp"

namespace sqlx::sqlite {
namespace detail {
[[nodiscard]] nlohmann::json parse_json(std::string_view text);
}  // namespace detail

template <>
struct type_traits<nlohmann::json> {
  static constexpr std::string_view type_name = "TEXT";
  [[nodiscard]] static constexpr bool accepts(std::string_view type) noexcept {
    return detail::is_one_of(type, "TEXT", "BLOB");
  }
  static int bind(sqlite3_stmt* stmt, int index, const nlohmann::json& value) {
    return detail::bind_owned_text(stmt, index, value.dump());
  }
  [[nodiscard]] static nlohmann::json read(sqlite3_stmt* stmt, int column) {
    return detail::parse_json(detail::text_codec_base::column_text(stmt, column));
  }
};

}  // namespace sqlx::sqlite
