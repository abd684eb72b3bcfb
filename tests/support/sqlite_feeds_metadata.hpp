// SQLite metadata written by hand as the generated header writes it, for the tests of SQLite
// checked queries (tests/integration/sqlite_checked_query_test.cpp) and their compile-failure
// cases (tests/compile/sqlite_fail/metadata.hpp): the `feeds` table's columns and the query
// both use, FEEDS_BY_GUILD.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <sqlx/sqlite.hpp>
#include <sqlx/sqlite/checked_query.hpp>
#include <string>
#include <string_view>
#include <tuple>

#define FEEDS_BY_GUILD "SELECT id, name, score FROM feeds WHERE guild = ?1 ORDER BY id"

namespace sqlx::test::sqlite_feeds {

// A plain column of `feeds`, as sqlcheck prepare records it.
[[nodiscard]] constexpr detail::column_info column(std::string_view name, std::string_view type,
                                                   detail::nullability nullable) {
  return {.label = name,
          .name = name,
          .pg_type = type,
          .nullable = nullable,
          .override_type = "",
          .identifier = true,
          .has_cpp_type = true};
}

inline constexpr detail::column_info id = column("id", "INTEGER", detail::nullability::not_null);
inline constexpr detail::column_info guild =
    column("guild", "INTEGER", detail::nullability::not_null);
inline constexpr detail::column_info name = column("name", "TEXT", detail::nullability::not_null);
inline constexpr detail::column_info score = column("score", "REAL", detail::nullability::nullable);

// What every SQLite query's metadata says alike.
struct known_sqlite_query {
  static constexpr bool known = true;
  static constexpr detail::database db = detail::database::sqlite;
};

template <typename Deferred = void>
struct feeds_by_guild_row {
  std::int64_t id;
  std::string name;
  std::optional<double> score;
};

}  // namespace sqlx::test::sqlite_feeds

template <>
struct sqlx::detail::query_metadata<sqlx::detail::query_hash(FEEDS_BY_GUILD)>
    : sqlx::test::sqlite_feeds::known_sqlite_query {
  static constexpr std::string_view text = FEEDS_BY_GUILD;
  static constexpr std::array<std::string_view, 1> parameters{{"INTEGER"}};
  static constexpr std::array<column_info, 3> columns{
      {test::sqlite_feeds::id, test::sqlite_feeds::name, test::sqlite_feeds::score}};
  template <typename Deferred = void>
  using column_types = std::tuple<std::int64_t, std::string, std::optional<double>>;
  template <typename Deferred = void>
  using row = test::sqlite_feeds::feeds_by_guild_row<Deferred>;
};
