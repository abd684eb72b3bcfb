// The shapes checked queries are written in, compiled against .sqlx-cpp/ and run against the
// example schema (migrations/) on a real server.
#include <gtest/gtest.h>

#include <sqlx/sqlx.hpp>

#include "sqlx/migrate.hpp"
#include "support/test_cluster.hpp"

namespace app {
enum class notification_level { all, mentions, none };
SQLX_PG_ENUM(notification_level, "notification_level", all, mentions, none)

struct credential {
  std::string discord_user_id;
  std::int64_t anilist_id;
  std::optional<std::string> anilist_username;
};

// Fields in another order than the columns: matched by name.
struct linked {
  std::optional<std::int64_t> anilist_id;
  std::string discord_user_id;
};
}  // namespace app

namespace {

class checked_query : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string url =
        sqlx::test::fresh_database(::testing::UnitTest::GetInstance()->current_test_info()->name());
    db_.emplace(sqlx::pg::connection::connect(url));
    (void)sqlx::migrator::from_directory(std::filesystem::path(SQLX_CPP_SOURCE_DIR) / "migrations")
        .run(*db_);
    db_->execute(R"sql(
      INSERT INTO users (discord_user_id, display_name, email) VALUES
        ('d1', 'Ada', 'ada@example.com'), ('d2', 'Bob', NULL), ('d3', 'Cy', NULL);
      INSERT INTO oauth_credentials VALUES
        ('d1', 101, 'ada_al', 'token-1', now() + interval '1 day'),
        ('d2', 102, NULL, 'token-2', now() + interval '1 day');
      INSERT INTO oauth_sessions (discord_user_id) VALUES ('d1'), ('d1'), ('d2');
      INSERT INTO guild_settings (guild_id, notifications, features) VALUES
        ('g1', 'all', '{"polls","quotes"}');
    )sql");
  }
  sqlx::pg::connection& db() { return *db_; }

  std::optional<sqlx::pg::connection> db_;
};

TEST_F(checked_query, anonymous_rows_have_members_named_after_the_columns) {
  auto user = SQLX_QUERY("SELECT id, display_name, email FROM users WHERE discord_user_id = $1",
                         std::string("d1"))
                  .fetch_one(db());
  static_assert(std::is_same_v<decltype(user.id), std::int64_t>);
  static_assert(std::is_same_v<decltype(user.email), std::optional<std::string>>);
  EXPECT_EQ(user.display_name, "Ada");
  EXPECT_EQ(user.email, "ada@example.com");
}

TEST_F(checked_query, fetch_optional_and_fetch_one_without_a_row) {
  const std::string missing = "nobody";
  auto none =
      SQLX_QUERY("SELECT id, display_name, email FROM users WHERE discord_user_id = $1", missing)
          .fetch_optional(db());
  EXPECT_FALSE(none.has_value());
  const auto fetch_missing = [&] {
    return SQLX_QUERY("SELECT id, display_name, email FROM users WHERE discord_user_id = $1",
                      missing)
        .fetch_one(db());
  };
  EXPECT_THROW((void)fetch_missing(), sqlx::row_not_found);
}

TEST_F(checked_query, query_as_fills_a_plain_aggregate_by_field_name) {
  std::optional<app::credential> c =
      SQLX_QUERY_AS(app::credential,
                    "SELECT discord_user_id, anilist_id, anilist_username "
                    "FROM oauth_credentials WHERE discord_user_id = $1",
                    std::string_view("d2"))
          .fetch_optional(db());
  ASSERT_TRUE(c);
  EXPECT_EQ(c->anilist_id, 102);
  EXPECT_FALSE(c->anilist_username);

  auto linked = SQLX_QUERY_AS(app::linked,
                              "SELECT discord_user_id, anilist_id FROM linked_users "
                              "ORDER BY discord_user_id")
                    .fetch_all(db());
  ASSERT_EQ(linked.size(), 3u);
  EXPECT_EQ(linked[0].anilist_id, 101);
  EXPECT_EQ(linked[2].discord_user_id, "d3");
  EXPECT_FALSE(linked[2].anilist_id);  // the view's LEFT JOIN
}

TEST_F(checked_query, vector_parameters_for_any) {
  const std::vector<std::string> ids{"d1", "d2", "zz"};
  auto all = SQLX_QUERY_AS(app::credential,
                           "SELECT discord_user_id, anilist_id, anilist_username "
                           "FROM oauth_credentials WHERE discord_user_id = ANY($1) "
                           "ORDER BY anilist_id",
                           ids)
                 .fetch_all(db());
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[1].discord_user_id, "d2");
}

TEST_F(checked_query, scalar_and_overrides) {
  std::int64_t n = SQLX_QUERY_SCALAR("SELECT count(*) AS \"n!\" FROM users").fetch_one(db());
  EXPECT_EQ(n, 3);
  std::optional<std::string> maybe =
      SQLX_QUERY_SCALAR("SELECT display_name AS \"display_name?\" FROM users WHERE id = $1",
                        std::int64_t{-1})
          .fetch_optional(db())
          .value_or(std::nullopt);
  EXPECT_FALSE(maybe);
  auto level = SQLX_QUERY_SCALAR(
                   "SELECT notifications AS \"notifications: app::notification_level\" "
                   "FROM guild_settings WHERE guild_id = $1",
                   std::string("g1"))
                   .fetch_one(db());
  static_assert(std::is_same_v<decltype(level), app::notification_level>);
  EXPECT_EQ(level, app::notification_level::all);
}

// The macros take any literal the compiler accepts: a u8 literal (its non-ASCII text is found
// and compared as its UTF-8 bytes) and a raw string.
TEST_F(checked_query, u8_and_raw_string_literals) {
  const std::string greeting =
      SQLX_QUERY_SCALAR(u8"SELECT 'h\u00e9llo' || $1::text AS \"greeting!\"", std::string("!"))
          .fetch_one(db());
  EXPECT_EQ(greeting, "h\xc3\xa9llo!");
  const std::int64_t users =
      SQLX_QUERY_SCALAR(R"sql(SELECT count(*) AS "n!" FROM users WHERE id > $1)sql",
                        std::int64_t{0})
          .fetch_one(db());
  EXPECT_EQ(users, 3);
}

TEST_F(checked_query, enums_as_parameters_and_null_parameters) {
  auto guilds = SQLX_QUERY("SELECT guild_id, features FROM guild_settings WHERE notifications = $1",
                           app::notification_level::all)
                    .fetch_all(db());
  ASSERT_EQ(guilds.size(), 1u);
  EXPECT_EQ(guilds[0].features, (std::vector<std::string>{"polls", "quotes"}));
  const auto updated = SQLX_QUERY("UPDATE users SET email = $1 WHERE discord_user_id = $2",
                                  std::nullopt, std::string("d1"))
                           .execute(db());
  EXPECT_EQ(updated.rows_affected(), 1u);
}

TEST_F(checked_query, execute_reports_rows_affected) {
  const auto gone =
      SQLX_QUERY("DELETE FROM oauth_sessions WHERE discord_user_id = $1", std::string("d1"))
          .execute(db());
  EXPECT_EQ(gone.rows_affected(), 2u);
}

TEST_F(checked_query, streaming_fetch_visits_every_row) {
  std::vector<std::string> names;
  SQLX_QUERY("SELECT id, display_name, email FROM users ORDER BY id").fetch(db(), [&](auto&& row) {
    names.push_back(row.display_name);
  });
  EXPECT_EQ(names, (std::vector<std::string>{"Ada", "Bob", "Cy"}));
}

TEST_F(checked_query, streaming_a_user_type_column_on_a_fresh_connection) {
  std::vector<app::notification_level> levels;
  SQLX_QUERY(
      "SELECT guild_id, notifications AS \"notifications: app::notification_level\" "
      "FROM guild_settings")
      .fetch(db(), [&](auto&& row) { levels.push_back(row.notifications); });
  EXPECT_EQ(levels, std::vector{app::notification_level::all});
}

TEST_F(checked_query, transactions_roll_back_unless_committed) {
  const std::string d1 = "d1";
  const auto sessions = [&] {
    return SQLX_QUERY_SCALAR("SELECT count(*) AS \"n!\" FROM oauth_sessions").fetch_one(db());
  };
  {
    auto tx = sqlx::pg::begin(db());
    const auto gone =
        SQLX_QUERY("DELETE FROM oauth_sessions WHERE discord_user_id = $1", d1).execute(tx);
    EXPECT_EQ(gone.rows_affected(), 2u);
  }  // no commit: rolled back
  EXPECT_EQ(sessions(), 3);
  {
    auto tx = sqlx::pg::begin(db());
    (void)SQLX_QUERY("DELETE FROM oauth_sessions WHERE discord_user_id = $1", d1).execute(tx);
    tx.commit();
  }
  EXPECT_EQ(sessions(), 1);
}

TEST_F(checked_query, stale_metadata_is_an_error_not_a_misdecoded_value) {
  db().execute(
      "DROP VIEW linked_users; ALTER TABLE oauth_credentials ALTER COLUMN anilist_id TYPE int4");
  try {
    (void)SQLX_QUERY_AS(app::credential,
                        "SELECT discord_user_id, anilist_id, anilist_username "
                        "FROM oauth_credentials WHERE discord_user_id = $1",
                        std::string_view("d2"))
        .fetch_optional(db());
    FAIL() << "expected stale_metadata_error";
  } catch (const sqlx::stale_metadata_error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("anilist_id"), std::string::npos) << what;
    EXPECT_NE(what.find("sqlcheck prepare"), std::string::npos) << what;
  }
}

}  // namespace
