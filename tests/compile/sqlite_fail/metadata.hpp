// SQLite queries' metadata as the generated header writes it, for the SQLite compile-failure
// cases (the metadata of a query is what the checks read; these are hand-written until the
// project's .sqlx-cpp/ has SQLite queries).
#pragma once

#include <sqlx/sqlite.hpp>
#include <sqlx/sqlite/checked_query.hpp>
#include <sqlx/sqlx.hpp>

#include "../../support/sqlite_feeds_metadata.hpp"  // FEEDS_BY_GUILD

#define BOOKS_WITH_AUTHORS                                                                     \
  "SELECT b.title, a.id AS \"author.id\", a.name AS \"author.name\", a.bio AS \"author.bio\" " \
  "FROM books b LEFT JOIN authors a ON a.id = b.author_id ORDER BY b.id"

namespace sqlx::detail {

// Nested structs: as sqlcheck prepare writes it (tests/sqlite/nested/.sqlx-cpp/).
template <>
struct query_metadata<query_hash(BOOKS_WITH_AUTHORS)> : test::sqlite_feeds::known_sqlite_query {
  static constexpr std::string_view text = BOOKS_WITH_AUTHORS;
  static constexpr std::array<std::string_view, 0> parameters{};
  static constexpr std::array<column_info, 4> columns{{{.label = "title",
                                                        .name = "title",
                                                        .pg_type = "TEXT",
                                                        .nullable = nullability::not_null,
                                                        .override_type = "",
                                                        .identifier = true,
                                                        .has_cpp_type = true},
                                                       {.label = "author.id",
                                                        .name = "author.id",
                                                        .pg_type = "INTEGER",
                                                        .nullable = nullability::nullable,
                                                        .override_type = "",
                                                        .identifier = false,
                                                        .has_cpp_type = true,
                                                        .outer_row = "a"},
                                                       {.label = "author.name",
                                                        .name = "author.name",
                                                        .pg_type = "TEXT",
                                                        .nullable = nullability::nullable,
                                                        .override_type = "",
                                                        .identifier = false,
                                                        .has_cpp_type = true,
                                                        .outer_row = "a"},
                                                       {.label = "author.bio",
                                                        .name = "author.bio",
                                                        .pg_type = "TEXT",
                                                        .nullable = nullability::nullable,
                                                        .override_type = "",
                                                        .identifier = false,
                                                        .has_cpp_type = true}}};
  template <typename Deferred = void>
  using column_types = std::tuple<std::string, std::optional<std::int64_t>,
                                  std::optional<std::string>, std::optional<std::string>>;
  template <typename Deferred = void>
  struct row {};
};

}  // namespace sqlx::detail
