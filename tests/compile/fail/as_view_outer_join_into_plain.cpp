// expect: nullable_column_needs_std_optional_field.*anilist_id.*int8
#include <sqlx/sqlx.hpp>
struct linked { std::string discord_user_id; std::int64_t anilist_id; };
void f(sqlx::pg::connection& db) { (void)SQLX_QUERY_AS(linked, "SELECT discord_user_id, anilist_id FROM linked_users").fetch_all(db); }
