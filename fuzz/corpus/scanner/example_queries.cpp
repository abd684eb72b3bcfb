// The queries of the account-linking bot (examples/account_linker). `sqlcheck prepare`
// finds every SQLX_QUERY* below and records its metadata in .sqlx-cpp/.
#include <sqlx/sqlx.hpp>

#include "account_linker.hpp"

namespace account_linker {

std::optional<oauth_credential> find_credential(sqlx::pg::connection& db,
                                                const std::string& discord_user_id) {
  return SQLX_QUERY_AS(oauth_credential,
                       "SELECT discord_user_id, anilist_id, anilist_username "
                       "FROM oauth_credentials WHERE discord_user_id = $1",
                       discord_user_id)
      .fetch_optional(db);
}

std::vector<oauth_credential> find_credentials(sqlx::pg::connection& db,
                                               const std::vector<std::string>& discord_user_ids) {
  return SQLX_QUERY_AS(oauth_credential,
                       "SELECT discord_user_id, anilist_id, anilist_username "
                       "FROM oauth_credentials WHERE discord_user_id = ANY($1)",
                       discord_user_ids)
      .fetch_all(db);
}

std::int64_t register_user(sqlx::pg::connection& db, const std::string& discord_user_id,
                           const std::string& display_name) {
  return SQLX_QUERY_SCALAR(R"sql(
        INSERT INTO users (discord_user_id, display_name)
        VALUES ($1, $2)
        ON CONFLICT (discord_user_id) DO UPDATE SET display_name = EXCLUDED.display_name
        RETURNING id)sql",
                           discord_user_id, display_name)
      .fetch_one(db);
}

std::uint64_t unlink(sqlx::pg::connection& db, const std::string& discord_user_id) {
  auto tx = sqlx::pg::begin(db);
  SQLX_QUERY("DELETE FROM oauth_sessions WHERE discord_user_id = $1", discord_user_id).execute(tx);
  const std::uint64_t gone =
      SQLX_QUERY("DELETE FROM oauth_credentials WHERE discord_user_id = $1", discord_user_id)
          .execute(tx)
          .rows_affected();
  tx.commit();
  return gone;
}

std::vector<linked_user> linked_users(sqlx::pg::connection& db) {
  // The view's LEFT JOIN makes anilist_id nullable; prepare infers it through the view.
  auto rows = SQLX_QUERY(
                  "SELECT discord_user_id, display_name, anilist_id, anilist_username "
                  "FROM linked_users ORDER BY display_name")
                  .fetch_all(db);
  std::vector<linked_user> users;
  for (auto& row : rows) {
    users.push_back({row.discord_user_id, row.display_name, row.anilist_id});
  }
  return users;
}

guild_settings settings_for(sqlx::pg::connection& db, const std::string& guild_id) {
  auto row = SQLX_QUERY(
                 "SELECT guild_id, notifications AS \"notifications: notification_level\", "
                 "announce_channel, features FROM guild_settings WHERE guild_id = $1",
                 guild_id)
                 .fetch_optional(db);
  if (!row) return guild_settings{guild_id, notification_level::mentions, std::nullopt, {}};
  return guild_settings{row->guild_id, row->notifications, row->announce_channel, row->features};
}

std::int64_t count_linked(sqlx::pg::connection& db) {
  return SQLX_QUERY_SCALAR("SELECT count(*) FROM oauth_credentials").fetch_one(db);
}

}  // namespace account_linker
