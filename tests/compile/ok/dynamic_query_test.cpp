// Dynamic queries (docs/dynamic-queries.md): compiled against .sqlx-cpp/, where prepare
// described every combination, and run against the example schema on a real server. Every
// combination of each query is checked by the compiler when this file builds.
#include <gtest/gtest.h>

#include <sqlx/sqlx.hpp>

#include "sqlx/migrate.hpp"
#include "support/test_cluster.hpp"

namespace app {
struct user_row {
  std::int64_t id;
  std::string discord_user_id;
  std::string display_name;
  std::optional<std::string> email;
};
}  // namespace app

namespace {

class dynamic_query : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string url =
        sqlx::test::fresh_database(::testing::UnitTest::GetInstance()->current_test_info()->name());
    db_.emplace(sqlx::pg::connection::connect(url));
    (void)sqlx::migrator::from_directory(std::filesystem::path(SQLX_CPP_SOURCE_DIR) / "migrations")
        .run(*db_);
    db_->execute(R"sql(
      INSERT INTO users (discord_user_id, display_name, email) VALUES
        ('d1', 'Ada', 'ada@example.com'), ('d2', 'Bob', NULL), ('d3', 'Cy', 'cy@example.com');
    )sql");
  }
  sqlx::pg::connection& db() { return *db_; }

  // Two optional filters and a choice of order: 8 combinations.
  std::vector<app::user_row> search(std::optional<std::string> discord_user_id,
                                    std::optional<std::string> email_like, std::size_t order) {
    return SQLX_QUERY_AS(app::user_row,
                         "SELECT id, discord_user_id, display_name, email FROM users WHERE true "
                         "[[ AND discord_user_id = $1 ]] [[ AND email LIKE $2 ]] "
                         "ORDER BY {{ id | display_name DESC }}",
                         discord_user_id, email_like, sqlx::choice(order))
        .fetch_all(db());
  }

  static std::vector<std::string> names(const std::vector<app::user_row>& rows) {
    std::vector<std::string> out;
    for (const auto& row : rows) out.push_back(row.display_name);
    return out;
  }

  std::optional<sqlx::pg::connection> db_;
};

using names_t = std::vector<std::string>;

TEST_F(dynamic_query, each_combination_runs_its_own_statement) {
  EXPECT_EQ(names(search(std::nullopt, std::nullopt, 0)), (names_t{"Ada", "Bob", "Cy"}));
  EXPECT_EQ(names(search(std::nullopt, std::nullopt, 1)), (names_t{"Cy", "Bob", "Ada"}));
  EXPECT_EQ(names(search("d2", std::nullopt, 0)), (names_t{"Bob"}));
  EXPECT_EQ(names(search(std::nullopt, "%@example.com", 1)), (names_t{"Cy", "Ada"}));
  EXPECT_EQ(names(search("d3", "%@example.com", 0)), (names_t{"Cy"}));
  EXPECT_EQ(names(search("d2", "%@example.com", 1)), (names_t{}));
}

TEST_F(dynamic_query, the_selected_combination_is_the_sql_that_runs) {
  const std::optional<std::string> none;
  const auto q = SQLX_QUERY("SELECT id FROM users WHERE id > $1 [[ AND display_name = $2 ]]",
                            std::int64_t{0}, none);
  EXPECT_EQ(q.sql(), "SELECT id FROM users WHERE id > $1 ");
  EXPECT_EQ(q.fetch_all(db()).size(), 3U);
  const auto named = SQLX_QUERY("SELECT id FROM users WHERE id > $1 [[ AND display_name = $2 ]]",
                                std::int64_t{0}, std::optional<std::string>("Bob"));
  EXPECT_EQ(named.sql(), "SELECT id FROM users WHERE id > $1  AND display_name = $2 ");
  EXPECT_EQ(named.fetch_one(db()).id, 2);
}

TEST_F(dynamic_query, a_parameter_of_a_chosen_alternative_is_bound_only_when_chosen) {
  const auto rows = [&](std::size_t limited) {
    return SQLX_QUERY_SCALAR("SELECT id FROM users ORDER BY id {{ LIMIT $1 | }}", std::int64_t{2},
                             sqlx::choice(limited))
        .fetch_all(db());
  };
  EXPECT_EQ(rows(0), (std::vector<std::int64_t>{1, 2}));
  EXPECT_EQ(rows(1), (std::vector<std::int64_t>{1, 2, 3}));
}

TEST_F(dynamic_query, scalars_execute_and_streaming_work_for_every_combination) {
  const auto count = [&](std::optional<std::string> like) {
    return SQLX_QUERY_SCALAR(
               "SELECT count(*) AS \"n!\" FROM users WHERE true [[ AND email LIKE $1 ]]", like)
        .fetch_one(db());
  };
  EXPECT_EQ(count(std::nullopt), 3);
  EXPECT_EQ(count("ada%"), 1);

  const auto renamed = SQLX_QUERY(
                           "UPDATE users SET display_name = display_name || '!' WHERE true "
                           "[[ AND discord_user_id = $1 ]]",
                           std::optional<std::string>("d1"))
                           .execute(db());
  EXPECT_EQ(renamed.rows_affected(), 1U);

  std::vector<std::string> streamed;
  SQLX_QUERY(
      "SELECT display_name FROM users WHERE true [[ AND email IS NOT NULL AND "
      "email <> $1 ]] ORDER BY id",
      std::optional<std::string>("cy@example.com"))
      .fetch(db(), [&](auto&& row) { streamed.push_back(row.display_name); });
  EXPECT_EQ(streamed, (names_t{"Ada!"}));
}

TEST_F(dynamic_query, a_query_with_only_a_choice_takes_no_bind_argument) {
  const auto order = [&](std::size_t by) {
    return SQLX_QUERY_SCALAR("SELECT display_name FROM users ORDER BY {{ id | display_name }}",
                             sqlx::choice(by))
        .fetch_all(db());
  };
  EXPECT_EQ(order(0), (names_t{"Ada", "Bob", "Cy"}));
  db().execute("UPDATE users SET display_name = 'Zed' WHERE discord_user_id = 'd1'");
  EXPECT_EQ(order(1), (names_t{"Bob", "Cy", "Zed"}));
}

TEST_F(dynamic_query, a_choice_out_of_range_is_an_error_before_anything_runs) {
  EXPECT_THROW((void)search(std::nullopt, std::nullopt, 2), sqlx::error);
}

}  // namespace
