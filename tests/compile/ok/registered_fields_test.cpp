// SQLX_QUERY_AS into structs whose field names are registered with SQLX_FIELDS, as on a
// compiler that cannot read them: reading field names from the compiler is off in this
// translation unit, so an unregistered struct would not compile here.
#define SQLX_CPP_REFLECT_FIELD_NAMES 0

#include <gtest/gtest.h>

#include <sqlx/sqlx.hpp>

#include "sqlx/migrate.hpp"
#include "support/test_cluster.hpp"

namespace app {
// Fields in another order than the columns: matched by the registered names.
struct registered_credential {
  std::optional<std::string> anilist_username;
  std::int64_t anilist_id;
  std::string discord_user_id;
};
SQLX_FIELDS(registered_credential, anilist_username, anilist_id, discord_user_id)
}  // namespace app

namespace {
using app::registered_credential;

// The registration must name every field, in declaration order.
static_assert(sqlx::detail::names_every_field_in_order<registered_credential>(std::tuple{
    &registered_credential::anilist_username, &registered_credential::anilist_id,
    &registered_credential::discord_user_id}));
static_assert(!sqlx::detail::names_every_field_in_order<registered_credential>(std::tuple{
    &registered_credential::anilist_id, &registered_credential::anilist_username,
    &registered_credential::discord_user_id}));
static_assert(!sqlx::detail::names_every_field_in_order<registered_credential>(std::tuple{
    &registered_credential::anilist_username, &registered_credential::anilist_id}));

TEST(registered_fields, query_as_fills_a_registered_struct_by_field_name) {
  const std::string url = sqlx::test::fresh_database("registered_fields");
  auto db = sqlx::pg::connection::connect(url);
  (void)sqlx::migrator::from_directory(std::filesystem::path(SQLX_CPP_SOURCE_DIR) / "migrations")
      .run(db);
  db.execute(R"sql(
    INSERT INTO users (discord_user_id, display_name) VALUES ('d1', 'Ada'), ('d2', 'Bob');
    INSERT INTO oauth_credentials VALUES
      ('d1', 101, 'ada_al', 'token-1', now() + interval '1 day'),
      ('d2', 102, NULL, 'token-2', now() + interval '1 day');
  )sql");

  std::optional<registered_credential> c =
      SQLX_QUERY_AS(registered_credential,
                    "SELECT discord_user_id, anilist_id, anilist_username "
                    "FROM oauth_credentials WHERE discord_user_id = $1",
                    std::string_view("d1"))
          .fetch_optional(db);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->discord_user_id, "d1");
  EXPECT_EQ(c->anilist_id, 101);
  EXPECT_EQ(c->anilist_username, "ada_al");
}

}  // namespace
