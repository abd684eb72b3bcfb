// SQLX_QUERY_AS into nested structs on SQLite (docs/nested-structs.md): metadata prepared from
// migrations/ into .sqlx-cpp/ here (CTest sqlite_nested_metadata_current), run on a real
// database file.
#include <gtest/gtest.h>

#include <sqlx/sqlite.hpp>
#include <sqlx/sqlx.hpp>

#include "sqlx/migrate.hpp"
#include "support/db_dir.hpp"

// Row structs live in a named namespace: clang's -Wundefined-internal rejects the field-name
// reflection of a struct with internal linkage.
namespace sqlite_nested_test {

struct author_t {
  std::int64_t id;                 // the group's key
  std::string name;                // NOT NULL in authors: NULL only when the author is missing
  std::optional<std::string> bio;  // nullable in authors: optional even when present
};
struct book_row {
  std::string title;
  std::optional<author_t> author;
};

struct title_part {
  std::string title;
};
struct deep_row {
  std::int64_t id;
  struct {
    title_part names;
  } book;
};

}  // namespace sqlite_nested_test

namespace {

using sqlite_nested_test::book_row;
using sqlite_nested_test::deep_row;

class SqliteNestedStructs : public ::testing::Test {
 protected:
  sqlx::test::db_dir dir;
  sqlx::sqlite::connection db =
      sqlx::sqlite::connection::connect("sqlite://" + dir.file("books.db") + "?mode=rwc");

  void SetUp() override {
    (void)sqlx::migrator::from_directory(std::filesystem::path(SQLX_CPP_SOURCE_DIR) /
                                         "tests/sqlite/nested/migrations")
        .run(db);
    db.execute(
        "INSERT INTO authors (id, name, bio) VALUES (1, 'Le Guin', NULL);"
        "INSERT INTO books (id, title, author_id) VALUES (1, 'Earthsea', 1), (2, 'Anonymous', "
        "NULL)");
  }
};

TEST_F(SqliteNestedStructs, AnOuterJoinedStructIsPresentWhenItsKeyIsNotNull) {
  const auto rows =
      SQLX_QUERY_AS(book_row,
                    "SELECT b.title, a.id AS \"author.id\", a.name AS \"author.name\", "
                    "a.bio AS \"author.bio\" "
                    "FROM books b LEFT JOIN authors a ON a.id = b.author_id "
                    "ORDER BY b.id")
          .fetch_all(db);
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[0].title, "Earthsea");
  ASSERT_TRUE(rows[0].author.has_value());
  EXPECT_EQ(rows[0].author->id, 1);
  EXPECT_EQ(rows[0].author->name, "Le Guin");
  EXPECT_FALSE(rows[0].author->bio.has_value());
  EXPECT_EQ(rows[1].title, "Anonymous");
  EXPECT_FALSE(rows[1].author.has_value());
}

TEST_F(SqliteNestedStructs, PathsNest) {
  const auto row =
      SQLX_QUERY_AS(deep_row, "SELECT title AS \"book.names.title\", id FROM books WHERE id = ?", 1)
          .fetch_one(db);
  EXPECT_EQ(row.id, 1);
  EXPECT_EQ(row.book.names.title, "Earthsea");
}

}  // namespace
