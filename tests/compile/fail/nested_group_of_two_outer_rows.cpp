// expect: nullable_column_needs_std_optional_field.*credential\.session_state.*uuid
#include <sqlx/sqlx.hpp>
// The key is a column of c; s is another outer-joined row, missing even when c is there.
struct credential_part { std::int64_t anilist_id; sqlx::pg::uuid session_state; };
struct user_row { std::string display_name; std::optional<credential_part> credential; };
void f(sqlx::pg::connection& db) { (void)SQLX_QUERY_AS(user_row, "SELECT u.display_name, c.anilist_id AS \"credential.anilist_id\", s.state AS \"credential.session_state\" FROM users u LEFT JOIN oauth_credentials c ON c.discord_user_id = u.discord_user_id LEFT JOIN oauth_sessions s ON s.discord_user_id = c.discord_user_id").fetch_all(db); }
