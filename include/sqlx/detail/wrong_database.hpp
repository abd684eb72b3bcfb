// A checked query run on the other database's executor (a SQLite query on a PostgreSQL
// connection, or the reverse). Without query-check it is the header's static_assert
// (check_executor in query.hpp). Under query-check (SQLX_CPP_QUERY_CHECK, docs/query-check.md)
// it is query-check's finding, reported at the executor argument: the query classes then get
// these overloads for the other database's executors, which compile to nothing and carry a
// marker parameter query-check recognizes, so the compile shows query-check's one error
// instead of the static_assert's instantiation backtrace.
#pragma once

#include "sqlx/detail/query_metadata.hpp"

namespace sqlx::detail {
inline constexpr bool query_check_reports_wrong_database =
#if defined(SQLX_CPP_QUERY_CHECK)
    true;
#else
    false;
#endif
}  // namespace sqlx::detail

#if defined(SQLX_CPP_QUERY_CHECK)
#include <cstdlib>
#include <optional>
#include <vector>

namespace sqlx::detail {

// The marker: the database the query was prepared for.
template <database QueryDb>
struct wrong_database_executor {};

}  // namespace sqlx::detail

// In a query class whose rows are `Row`, prepared for `QueryDb` (postgres or sqlite), whose
// other database's executors satisfy `OtherExecutor`.
#define SQLX_DETAIL_WRONG_DATABASE_TERMINALS(Row, QueryDb, OtherExecutor)                          \
  template <OtherExecutor E>                                                                       \
  ::sqlx::execute_result execute(                                                                  \
      E&, ::sqlx::detail::wrong_database_executor<::sqlx::detail::database::QueryDb> = {}) const { \
    return {};                                                                                     \
  }                                                                                                \
  template <OtherExecutor E>                                                                       \
  Row fetch_one(                                                                                   \
      E&, ::sqlx::detail::wrong_database_executor<::sqlx::detail::database::QueryDb> = {}) const { \
    std::abort();                                                                                  \
  }                                                                                                \
  template <OtherExecutor E>                                                                       \
  std::optional<Row> fetch_optional(                                                               \
      E&, ::sqlx::detail::wrong_database_executor<::sqlx::detail::database::QueryDb> = {}) const { \
    return std::nullopt;                                                                           \
  }                                                                                                \
  template <OtherExecutor E>                                                                       \
  std::vector<Row> fetch_all(                                                                      \
      E&, ::sqlx::detail::wrong_database_executor<::sqlx::detail::database::QueryDb> = {}) const { \
    return {};                                                                                     \
  }                                                                                                \
  template <OtherExecutor E, typename F>                                                           \
  void fetch(E&, F,                                                                                \
             ::sqlx::detail::wrong_database_executor<::sqlx::detail::database::QueryDb> = {})      \
      const {}
#else
#define SQLX_DETAIL_WRONG_DATABASE_TERMINALS(Row, QueryDb, OtherExecutor)
#endif
