// Right queries give no diagnostic, and the plugin leaves code generation alone: the driver
// compiles this file to an object with the plugin loaded.
#include <sqlx/sqlx.hpp>

struct credential {
  std::string discord_user_id;
  std::int64_t anilist_id;
  std::optional<std::string> anilist_username;
};

int clean(sqlx::pg::connection& db, std::int64_t id) {
  (void)SQLX_QUERY("SELECT display_name FROM users WHERE id = $1", id).execute(db);
  (void)SQLX_QUERY_AS(credential,
                      "SELECT discord_user_id, anilist_id, anilist_username FROM oauth_credentials")
      .fetch_all(db);
  return 0;
}
