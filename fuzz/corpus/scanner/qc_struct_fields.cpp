// SQLX_QUERY_AS: each mismatch at the struct field, with a note at the column in the SQL.
#include <sqlx/sqlx.hpp>

// expected-error@+1:8 {{struct `no_username` has no field for column `anilist_username` (text) [sqlx-struct-field]}}
struct no_username {
  std::string discord_user_id;
  std::int64_t anilist_id;
};

struct narrow_id {
  std::string discord_user_id;
  // expected-error@+1:16 {{field type does not match column `anilist_id`: PostgreSQL int8, C++ std::int32_t [sqlx-struct-field]}}
  std::int32_t anilist_id;
};

struct plain_username {
  // expected-error@+1:15 {{nullable column `anilist_username` (text) needs a std::optional field, not std::string [sqlx-struct-field]}}
  std::string anilist_username;
};

struct extra_field {
  std::string display_name;
  // expected-error@+1:15 {{struct field `nickname` has no column in the query's result [sqlx-struct-field]}}
  std::string nickname;
};

struct right {
  std::string discord_user_id;
  std::int64_t anilist_id;
  std::optional<std::string> anilist_username;
};

void struct_fields(sqlx::pg::connection& db) {
  (void)SQLX_QUERY_AS(no_username,
                      // expected-note@+1:60 {{column `anilist_username` (text, nullable) of the query}}
                      "SELECT discord_user_id, anilist_id, anilist_username FROM oauth_credentials")
      .fetch_all(db);
  // expected-note@+1:59 {{column `anilist_id` (int8, not null) of the query}}
  (void)SQLX_QUERY_AS(narrow_id, "SELECT discord_user_id, anilist_id FROM oauth_credentials")
      .fetch_all(db);
  // expected-note@+1:47 {{column `anilist_username` (text, nullable) of the query}}
  (void)SQLX_QUERY_AS(plain_username, "SELECT anilist_username FROM oauth_credentials")
      .fetch_all(db);
  (void)SQLX_QUERY_AS(extra_field, "SELECT display_name FROM users").fetch_all(db);
  (void)SQLX_QUERY_AS(right,
                      "SELECT discord_user_id, anilist_id, anilist_username FROM oauth_credentials")
      .fetch_all(db);
}
