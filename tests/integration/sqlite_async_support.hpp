// What the SQLite async tests share: their queries' metadata, written as the generated header
// writes it for SQLite queries; a fresh database file; running a coroutine on an io_context,
// bounded in time.
#pragma once

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <future>
#include <sqlx/asio.hpp>
#include <sqlx/sqlite.hpp>
#include <sqlx/sqlite/checked_query.hpp>
#include <string>

#include "support/db_dir.hpp"
#include "support/run_async.hpp"

#define INSERT_ITEM "INSERT INTO items (id, name) VALUES (?, ?)"
#define ITEM_BY_ID "SELECT id, name FROM items WHERE id = ?"
#define ALL_ITEMS "SELECT id, name FROM items ORDER BY id"
#define COUNT_ITEMS "SELECT count(*) AS n FROM items"
// Never ends by itself: what the cancellation tests interrupt.
#define FOREVER \
  "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c) SELECT count(*) AS n FROM c"

namespace sqlx::detail {

inline constexpr column_info sqlite_async_id{.label = "id",
                                             .name = "id",
                                             .pg_type = "INTEGER",
                                             .nullable = nullability::not_null,
                                             .override_type = "",
                                             .identifier = true,
                                             .has_cpp_type = true};
inline constexpr column_info sqlite_async_name{.label = "name",
                                               .name = "name",
                                               .pg_type = "TEXT",
                                               .nullable = nullability::not_null,
                                               .override_type = "",
                                               .identifier = true,
                                               .has_cpp_type = true};
inline constexpr column_info sqlite_async_n{.label = "n",
                                            .name = "n",
                                            .pg_type = "INTEGER",
                                            .nullable = nullability::not_null,
                                            .override_type = "",
                                            .identifier = true,
                                            .has_cpp_type = true};

template <>
struct query_metadata<query_hash(INSERT_ITEM)> {
  static constexpr bool known = true;
  static constexpr database db = database::sqlite;
  static constexpr std::string_view text = INSERT_ITEM;
  static constexpr std::array<std::string_view, 2> parameters{{"INTEGER", "TEXT"}};
  static constexpr std::array<column_info, 0> columns{};
  template <typename Deferred = void>
  using column_types = std::tuple<>;
  template <typename Deferred = void>
  struct row {};
};

template <std::string_view const& Text>
struct sqlite_async_item_query {
  static constexpr bool known = true;
  static constexpr database db = database::sqlite;
  static constexpr std::string_view text = Text;
  static constexpr std::array<column_info, 2> columns{{sqlite_async_id, sqlite_async_name}};
  template <typename Deferred = void>
  using column_types = std::tuple<std::int64_t, std::string>;
  template <typename Deferred = void>
  struct row {};
};

inline constexpr std::string_view sqlite_async_item_by_id = ITEM_BY_ID;
inline constexpr std::string_view sqlite_async_all_items = ALL_ITEMS;

template <>
struct query_metadata<query_hash(ITEM_BY_ID)> : sqlite_async_item_query<sqlite_async_item_by_id> {
  static constexpr std::array<std::string_view, 1> parameters{{"INTEGER"}};
};

template <>
struct query_metadata<query_hash(ALL_ITEMS)> : sqlite_async_item_query<sqlite_async_all_items> {
  static constexpr std::array<std::string_view, 0> parameters{};
};

template <std::string_view const& Text>
struct sqlite_async_count_query {
  static constexpr bool known = true;
  static constexpr database db = database::sqlite;
  static constexpr std::string_view text = Text;
  static constexpr std::array<std::string_view, 0> parameters{};
  static constexpr std::array<column_info, 1> columns{{sqlite_async_n}};
  template <typename Deferred = void>
  using column_types = std::tuple<std::int64_t>;
  template <typename Deferred = void>
  struct row {};
};

inline constexpr std::string_view sqlite_async_count_items = COUNT_ITEMS;
inline constexpr std::string_view sqlite_async_forever = FOREVER;

template <>
struct query_metadata<query_hash(COUNT_ITEMS)>
    : sqlite_async_count_query<sqlite_async_count_items> {};
template <>
struct query_metadata<query_hash(FOREVER)> : sqlite_async_count_query<sqlite_async_forever> {};

}  // namespace sqlx::detail

// Row structs live in a named namespace: clang's -Wundefined-internal rejects the field-name
// reflection of a struct with internal linkage.
namespace sqlite_async_test {
struct item {
  std::int64_t id;
  std::string name;
};
}  // namespace sqlite_async_test

namespace sqlx::test {

namespace asio = boost::asio;

// A database file with the table `items`.
inline std::string items_database(const db_dir& dir) {
  const std::string url = "sqlite://" + dir.file("items.db") + "?mode=rwc";
  auto db = sqlite::connection::connect(url);
  db.execute("PRAGMA journal_mode = WAL");
  db.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
  return "sqlite://" + dir.file("items.db");
}

}  // namespace sqlx::test
