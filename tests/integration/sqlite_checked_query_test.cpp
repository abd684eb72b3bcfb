// Checked queries on SQLite: the macros against metadata written as the generated header
// writes it for SQLite queries (`db`, SQLite type names, "" for a parameter of unknown type),
// run on a real database file: rows into structs, anonymous rows, scalars, streaming, NULLs,
// the result-shape check on first use and after a schema change.
#include <gtest/gtest.h>

#include <sqlx/sqlite.hpp>
#include <sqlx/sqlite/checked_query.hpp>
#include <string>
#include <vector>

#include "support/db_dir.hpp"
#include "support/expect_throw.hpp"
#include "support/sqlite_feeds_metadata.hpp"  // FEEDS_BY_GUILD

#define FEED_NAMES \
  "SELECT id, name FROM feeds WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id"
#define COUNT_FEEDS "SELECT count(*) AS n FROM feeds"
#define INSERT_FEED "INSERT INTO feeds (guild, name, score) VALUES (?, ?, ?)"
#define SELECT_STAR "SELECT * FROM feeds ORDER BY id"

namespace sqlx::detail {

namespace feeds = test::sqlite_feeds;

template <typename Deferred = void>
struct sqlite_test_row_id_name {
  std::int64_t id;
  std::string name;
};

template <typename Deferred = void>
struct sqlite_test_row_star {
  std::int64_t id;
  std::int64_t guild;
  std::string name;
  std::optional<double> score;
};

template <>
struct query_metadata<query_hash(FEED_NAMES)> : feeds::known_sqlite_query {
  static constexpr std::string_view text = FEED_NAMES;
  static constexpr std::array<std::string_view, 1> parameters{{""}};  // not inferred
  static constexpr std::array<column_info, 2> columns{{feeds::id, feeds::name}};
  template <typename Deferred = void>
  using column_types = std::tuple<std::int64_t, std::string>;
  template <typename Deferred = void>
  using row = sqlite_test_row_id_name<Deferred>;
};

template <>
struct query_metadata<query_hash(COUNT_FEEDS)> : feeds::known_sqlite_query {
  static constexpr std::string_view text = COUNT_FEEDS;
  static constexpr std::array<std::string_view, 0> parameters{};
  static constexpr std::array<column_info, 1> columns{
      {feeds::column("n", "INTEGER", nullability::not_null)}};
  template <typename Deferred = void>
  using column_types = std::tuple<std::int64_t>;
  template <typename Deferred = void>
  struct row {};
};

template <>
struct query_metadata<query_hash(INSERT_FEED)> : feeds::known_sqlite_query {
  static constexpr std::string_view text = INSERT_FEED;
  static constexpr std::array<std::string_view, 3> parameters{{"INTEGER", "TEXT", "REAL"}};
  static constexpr std::array<column_info, 0> columns{};
  template <typename Deferred = void>
  using column_types = std::tuple<>;
  template <typename Deferred = void>
  struct row {};
};

// Recorded before the table gained a column: the shape check must refuse it.
template <>
struct query_metadata<query_hash(SELECT_STAR)> : feeds::known_sqlite_query {
  static constexpr std::string_view text = SELECT_STAR;
  static constexpr std::array<std::string_view, 0> parameters{};
  static constexpr std::array<column_info, 4> columns{
      {feeds::id, feeds::guild, feeds::name, feeds::score}};
  template <typename Deferred = void>
  using column_types = std::tuple<std::int64_t, std::int64_t, std::string, std::optional<double>>;
  template <typename Deferred = void>
  using row = sqlite_test_row_star<Deferred>;
};

}  // namespace sqlx::detail

// Row structs live in a named namespace: clang's -Wundefined-internal rejects the field-name
// reflection of a struct with internal linkage.
namespace sqlite_checked_query_test {
struct feed {
  std::int64_t id;
  std::string name;
  std::optional<double> score;
};
}  // namespace sqlite_checked_query_test

namespace {

using sqlite_checked_query_test::feed;

class SqliteCheckedQuery : public ::testing::Test {
 protected:
  sqlx::test::db_dir dir;
  sqlx::sqlite::connection db =
      sqlx::sqlite::connection::connect("sqlite://" + dir.file("app.db") + "?mode=rwc");

  void SetUp() override {
    db.execute(
        "CREATE TABLE feeds (id INTEGER PRIMARY KEY, guild INTEGER NOT NULL, name TEXT NOT NULL, "
        "score REAL)");
    EXPECT_EQ((SQLX_QUERY(INSERT_FEED, 1, "alpha", 1.5).execute(db).rows_affected()), 1U);
    EXPECT_EQ(
        (SQLX_QUERY(INSERT_FEED, 1, std::string("beta"), std::nullopt).execute(db).rows_affected()),
        1U);
    (void)SQLX_QUERY(INSERT_FEED, 2, "gamma", std::optional<double>(3)).execute(db);
  }
};

TEST_F(SqliteCheckedQuery, RowsIntoStructs) {
  const auto feeds = SQLX_QUERY_AS(feed, FEEDS_BY_GUILD, std::int64_t{1}).fetch_all(db);
  ASSERT_EQ(feeds.size(), 2U);
  EXPECT_EQ(feeds[0].name, "alpha");
  EXPECT_EQ(feeds[0].score, 1.5);
  EXPECT_EQ(feeds[1].name, "beta");
  EXPECT_EQ(feeds[1].score, std::nullopt);
  const auto first = SQLX_QUERY_AS(feed, FEEDS_BY_GUILD, 2).fetch_one(db);
  EXPECT_EQ(first.name, "gamma");
  EXPECT_FALSE((SQLX_QUERY_AS(feed, FEEDS_BY_GUILD, 9).fetch_optional(db).has_value()));
  EXPECT_THROW((void)(SQLX_QUERY_AS(feed, FEEDS_BY_GUILD, 9).fetch_one(db)), sqlx::row_not_found);
}

TEST_F(SqliteCheckedQuery, AnonymousRowsScalarsAndLists) {
  const auto rows = SQLX_QUERY(FEED_NAMES, std::vector<std::int64_t>{3, 1}).fetch_all(db);
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[0].id, 1);
  EXPECT_EQ(rows[1].name, "gamma");
  EXPECT_EQ((SQLX_QUERY_SCALAR(COUNT_FEEDS).fetch_one(db)), 3);
}

TEST_F(SqliteCheckedQuery, Streams) {
  std::vector<std::string> names;
  SQLX_QUERY_AS(feed, FEEDS_BY_GUILD, 1).fetch(db, [&](feed&& f) { names.push_back(f.name); });
  EXPECT_EQ(names, (std::vector<std::string>{"alpha", "beta"}));
  // A query object runs again with the same (copied) arguments.
  const auto query = SQLX_QUERY(INSERT_FEED, 3, std::string("delta"), 0.5);
  (void)query.execute(db);
  (void)query.execute(db);
  EXPECT_EQ((SQLX_QUERY_SCALAR(COUNT_FEEDS).fetch_one(db)), 5);
}

TEST_F(SqliteCheckedQuery, StaleShapeIsRefusedOnFirstUseAndAfterASchemaChange) {
  // Matches today's table.
  EXPECT_EQ((SQLX_QUERY(SELECT_STAR).fetch_all(db).size()), 3U);
  db.execute("ALTER TABLE feeds ADD COLUMN extra TEXT");
  // The cached statement is prepared again by SQLite at its next step: checked again.
  const auto after_change = sqlx::test::expect_throw<sqlx::stale_metadata_error>(
      [&] { (void)SQLX_QUERY(SELECT_STAR).fetch_all(db); });
  EXPECT_NE(after_change.find("SQLite returns 5 columns, .sqlx-cpp/ says 4"), std::string::npos)
      << after_change;
  // A new connection: refused at prepare.
  auto other = sqlx::sqlite::connection::connect("sqlite://" + dir.file("app.db"));
  EXPECT_THROW((void)(SQLX_QUERY(SELECT_STAR).fetch_all(other)), sqlx::stale_metadata_error);
}

}  // namespace
