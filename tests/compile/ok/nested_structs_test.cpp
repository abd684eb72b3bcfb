// SQLX_QUERY_AS into structs whose fields are structs (docs/nested-structs.md), compiled
// against .sqlx-cpp/ and run against the example schema (migrations/) on a real server.
#include <gtest/gtest.h>

#include <sqlx/sqlx.hpp>

#include "sqlx/migrate.hpp"
#include "support/test_cluster.hpp"

namespace app {

struct credential_part {
  std::int64_t anilist_id;                      // NOT NULL in its table: plain in the group
  std::optional<std::string> anilist_username;  // nullable in its table: stays optional
  std::string access_token;
};

// The optional side of a LEFT JOIN: present when its key (first column) is not NULL.
struct user_with_credential {
  std::string discord_user_id;
  std::string display_name;
  std::optional<credential_part> credential;
};

struct names {
  std::string display;
  std::optional<std::string> email;
};
struct account_t {
  names name;
  std::string discord;
};
// Three levels: "account.name.display".
struct deep_user {
  std::int64_t id;
  account_t account;
};

// Keyed by a column that is nullable in its own table: present when it is not NULL.
struct contact_t {
  std::string email;
};
struct user_contact {
  std::string display_name;
  std::optional<contact_t> contact;
};

// An optional group inside an optional group: each has its own key and outer row.
struct session_part {
  std::string discord_user_id;
  sqlx::pg::uuid state;
};
struct credential_with_session {
  std::int64_t anilist_id;
  std::optional<session_part> session;
};
struct user_chain {
  std::string display_name;
  std::optional<credential_with_session> credential;
};

// Registered field names (SQLX_FIELDS) work at every level.
struct registered_inner {
  std::string token;
};
SQLX_FIELDS(registered_inner, token)
struct registered_outer {
  std::string id;
  std::optional<registered_inner> cred;
};
SQLX_FIELDS(registered_outer, id, cred)

// A whole row (`c AS "credential.*"`): every column of oauth_credentials, by name.
struct credential_row {
  std::string discord_user_id;
  std::int64_t anilist_id;
  std::optional<std::string> anilist_username;
  std::string access_token;
  std::chrono::sys_time<std::chrono::microseconds> expires_at;
};
struct user_with_whole_credential {
  std::string display_name;
  std::optional<credential_row> credential;
};
// Two whole rows, one of them from the side every row has.
struct user_row {
  std::int64_t id;
  std::string discord_user_id;
  std::string display_name;
  std::optional<std::string> email;
  std::chrono::sys_time<std::chrono::microseconds> created_at;
};
struct both_rows {
  user_row user;
  std::optional<credential_row> credential;
};

}  // namespace app

namespace {

static_assert(sqlx::detail::has_embedded_struct<app::user_with_credential>);
static_assert(!sqlx::detail::has_embedded_struct<app::names>);
static_assert(sqlx::detail::leaf_count<app::deep_user>() == 4);
static_assert(sqlx::detail::leaf_names<app::deep_user>()[1] == "account.name.display");

class nested_structs : public ::testing::Test {
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
      INSERT INTO oauth_sessions (discord_user_id) VALUES ('d1');
    )sql");
  }
  sqlx::pg::connection& db() { return *db_; }

  std::optional<sqlx::pg::connection> db_;
};

TEST_F(nested_structs, an_outer_joined_struct_is_present_when_its_key_is_not_null) {
  const auto rows = SQLX_QUERY_AS(app::user_with_credential,
                                  "SELECT u.discord_user_id, u.display_name, "
                                  "c.anilist_id AS \"credential.anilist_id\", "
                                  "c.anilist_username AS \"credential.anilist_username\", "
                                  "c.access_token AS \"credential.access_token\" "
                                  "FROM users u LEFT JOIN oauth_credentials c "
                                  "ON c.discord_user_id = u.discord_user_id "
                                  "ORDER BY u.discord_user_id")
                        .fetch_all(db());
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_EQ(rows[0].display_name, "Ada");
  ASSERT_TRUE(rows[0].credential.has_value());
  EXPECT_EQ(rows[0].credential->anilist_id, 101);
  EXPECT_EQ(rows[0].credential->anilist_username, "ada_al");
  EXPECT_EQ(rows[0].credential->access_token, "token-1");
  ASSERT_TRUE(rows[1].credential.has_value());
  EXPECT_EQ(rows[1].credential->anilist_id, 102);
  EXPECT_FALSE(rows[1].credential->anilist_username.has_value());
  EXPECT_EQ(rows[2].display_name, "Cy");
  EXPECT_FALSE(rows[2].credential.has_value());
}

TEST_F(nested_structs, paths_nest_to_any_depth_in_any_column_order) {
  const auto row = SQLX_QUERY_AS(app::deep_user,
                                 "SELECT discord_user_id AS \"account.discord\", "
                                 "email AS \"account.name.email\", id, "
                                 "display_name AS \"account.name.display\" "
                                 "FROM users WHERE discord_user_id = $1",
                                 std::string("d1"))
                       .fetch_one(db());
  EXPECT_GT(row.id, 0);
  EXPECT_EQ(row.account.discord, "d1");
  EXPECT_EQ(row.account.name.display, "Ada");
  EXPECT_EQ(row.account.name.email, "ada@example.com");
}

TEST_F(nested_structs, a_group_keyed_by_a_nullable_column) {
  const auto rows = SQLX_QUERY_AS(app::user_contact,
                                  "SELECT display_name, email AS \"contact.email\" FROM users "
                                  "ORDER BY discord_user_id")
                        .fetch_all(db());
  ASSERT_EQ(rows.size(), 3U);
  ASSERT_TRUE(rows[0].contact.has_value());
  EXPECT_EQ(rows[0].contact->email, "ada@example.com");
  EXPECT_FALSE(rows[1].contact.has_value());
  EXPECT_FALSE(rows[2].contact.has_value());
}

TEST_F(nested_structs, optional_groups_nest) {
  std::vector<app::user_chain> rows;
  SQLX_QUERY_AS(app::user_chain,
                "SELECT u.display_name, c.anilist_id AS \"credential.anilist_id\", "
                "s.discord_user_id AS \"credential.session.discord_user_id\", "
                "s.state AS \"credential.session.state\" "
                "FROM users u LEFT JOIN oauth_credentials c "
                "ON c.discord_user_id = u.discord_user_id "
                "LEFT JOIN oauth_sessions s ON s.discord_user_id = c.discord_user_id "
                "ORDER BY u.discord_user_id")
      .fetch(db(), [&](app::user_chain&& row) { rows.push_back(std::move(row)); });
  ASSERT_EQ(rows.size(), 3U);
  ASSERT_TRUE(rows[0].credential.has_value());
  EXPECT_EQ(rows[0].credential->anilist_id, 101);
  ASSERT_TRUE(rows[0].credential->session.has_value());
  EXPECT_EQ(rows[0].credential->session->discord_user_id, "d1");
  EXPECT_NE(rows[0].credential->session->state, sqlx::pg::uuid());
  ASSERT_TRUE(rows[1].credential.has_value());
  EXPECT_FALSE(rows[1].credential->session.has_value());
  EXPECT_FALSE(rows[2].credential.has_value());
}

TEST_F(nested_structs, registered_field_names_nest_too) {
  const auto row = SQLX_QUERY_AS(app::registered_outer,
                                 "SELECT u.discord_user_id AS id, c.access_token AS \"cred.token\" "
                                 "FROM users u LEFT JOIN oauth_credentials c "
                                 "ON c.discord_user_id = u.discord_user_id "
                                 "WHERE u.discord_user_id = $1",
                                 std::string("d3"))
                       .fetch_optional(db());
  ASSERT_TRUE(row.has_value());
  EXPECT_EQ(row->id, "d3");
  EXPECT_FALSE(row->cred.has_value());
}

}  // namespace

namespace {

TEST_F(nested_structs, a_whole_row_fills_an_embedded_struct) {
  const auto rows = SQLX_QUERY_AS(app::user_with_whole_credential,
                                  "SELECT u.display_name, c AS \"credential.*\" "
                                  "FROM users u LEFT JOIN oauth_credentials c "
                                  "ON c.discord_user_id = u.discord_user_id "
                                  "ORDER BY u.discord_user_id")
                        .fetch_all(db());
  ASSERT_EQ(rows.size(), 3U);
  ASSERT_TRUE(rows[0].credential.has_value());
  EXPECT_EQ(rows[0].credential->discord_user_id, "d1");
  EXPECT_EQ(rows[0].credential->anilist_id, 101);
  EXPECT_EQ(rows[0].credential->anilist_username, "ada_al");
  EXPECT_EQ(rows[0].credential->access_token, "token-1");
  EXPECT_GT(rows[0].credential->expires_at, std::chrono::system_clock::now());
  ASSERT_TRUE(rows[1].credential.has_value());
  EXPECT_FALSE(rows[1].credential->anilist_username.has_value());
  EXPECT_FALSE(rows[2].credential.has_value());
}

TEST_F(nested_structs, two_whole_rows) {
  const auto row = SQLX_QUERY_AS(app::both_rows,
                                 "SELECT u AS \"user.*\", c AS \"credential.*\" "
                                 "FROM users u LEFT JOIN oauth_credentials c "
                                 "ON c.discord_user_id = u.discord_user_id "
                                 "WHERE u.discord_user_id = $1",
                                 std::string("d2"))
                       .fetch_one(db());
  EXPECT_EQ(row.user.display_name, "Bob");
  EXPECT_FALSE(row.user.email.has_value());
  ASSERT_TRUE(row.credential.has_value());
  EXPECT_EQ(row.credential->anilist_id, 102);
}

// A table that changed shape keeps its row type's OID: the record's field count tells.
TEST_F(nested_structs, a_whole_row_of_a_changed_table_is_stale_metadata) {
  db().execute("ALTER TABLE oauth_credentials ADD COLUMN scope TEXT");
  const auto run = [&] {
    return SQLX_QUERY_AS(app::user_with_whole_credential,
                         "SELECT u.display_name, c AS \"credential.*\" "
                         "FROM users u LEFT JOIN oauth_credentials c "
                         "ON c.discord_user_id = u.discord_user_id "
                         "ORDER BY u.discord_user_id")
        .fetch_all(db());
  };
  EXPECT_THROW((void)run(), sqlx::stale_metadata_error);
}

}  // namespace
