// A small service modelled on a Discord bot that links Discord users to AniList accounts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <sqlx/sqlx.hpp>

namespace account_linker {

enum class notification_level { all, mentions, none };
SQLX_PG_ENUM(notification_level, "notification_level", all, mentions, none)

struct oauth_credential {
  std::string discord_user_id;
  std::int64_t anilist_id;
  std::optional<std::string> anilist_username;
};

struct linked_user {
  std::string discord_user_id;
  std::string display_name;
  std::optional<std::int64_t> anilist_id;
};

struct guild_settings {
  std::string guild_id;
  notification_level notifications;
  std::optional<std::string> announce_channel;
  std::vector<std::string> features;
};

std::optional<oauth_credential> find_credential(sqlx::pg::connection& db,
                                                const std::string& discord_user_id);
std::vector<oauth_credential> find_credentials(sqlx::pg::connection& db,
                                               const std::vector<std::string>& discord_user_ids);
std::int64_t register_user(sqlx::pg::connection& db, const std::string& discord_user_id,
                           const std::string& display_name);
std::uint64_t unlink(sqlx::pg::connection& db, const std::string& discord_user_id);
std::vector<linked_user> linked_users(sqlx::pg::connection& db);
guild_settings settings_for(sqlx::pg::connection& db, const std::string& guild_id);
std::int64_t count_linked(sqlx::pg::connection& db);

}  // namespace account_linker
