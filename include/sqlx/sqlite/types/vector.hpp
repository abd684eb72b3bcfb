// std::vector<T> (T an integer, floating point, bool or string type) as a JSON array in TEXT,
// for an IN list: `WHERE id IN (SELECT value FROM json_each(?))` (docs/sqlite.md, "Lists").
// json_each is built into SQLite since 3.38; carray is an extension Debian does not ship.
// Reading accepts a JSON array (json_group_array(...)).
#pragma once

#include <sqlite3.h>

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "sqlx/sqlite/types/json.hpp"

namespace sqlx::sqlite {
namespace detail {

template <typename T>
inline constexpr bool json_list_element =
    std::is_arithmetic_v<T> || std::is_same_v<T, std::string> ||
    std::is_same_v<T, std::string_view> || std::is_same_v<T, const char*>;

[[noreturn]] void throw_not_a_list(std::string_view text, std::string_view why);

}  // namespace detail

template <typename T>
requires detail::json_list_element<T>
struct type_traits<std::vector<T>> {
  static constexpr std::string_view type_name = "TEXT";
  [[nodiscard]] static constexpr bool accepts(std::string_view type) noexcept {
    return type == "TEXT";
  }
  static int bind(sqlite3_stmt* stmt, int index, const std::vector<T>& values) {
    nlohmann::json array = nlohmann::json::array();
    for (const T& value : values) {
      if constexpr (std::is_same_v<T, std::string_view>) {
        array.push_back(std::string(value));
      } else {
        array.push_back(value);
      }
    }
    return detail::bind_owned_text(stmt, index, array.dump());
  }
  [[nodiscard]] static std::vector<T> read(sqlite3_stmt* stmt, int column) requires(
      !std::is_same_v<T, std::string_view> && !std::is_same_v<T, const char*>) {
    const std::string_view text = detail::text_codec_base::column_text(stmt, column);
    const nlohmann::json array = detail::parse_json(text);
    if (!array.is_array()) detail::throw_not_a_list(text, "not a JSON array");
    std::vector<T> out;
    out.reserve(array.size());
    try {
      for (const auto& item : array) out.push_back(item.template get<T>());
    } catch (const nlohmann::json::exception& e) {
      detail::throw_not_a_list(text, e.what());
    }
    return out;
  }
};

}  // namespace sqlx::sqlite
