// expect: prepared for PostgreSQL .its .sqlx-cpp/ metadata says so.: it cannot run on a SQLite async
#include <sqlx/asio.hpp>

#include "metadata.hpp"
struct credential_row { std::string discord_user_id; std::int64_t anilist_id; std::optional<std::string> anilist_username; };
void f(sqlx::sqlite::async_pool& pool) { SQLX_QUERY_AS(credential_row, "SELECT discord_user_id, anilist_id, anilist_username FROM oauth_credentials WHERE discord_user_id = $1", std::string("x")).async_fetch_optional(pool, [](std::exception_ptr, auto) {}); }
