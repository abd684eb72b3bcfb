// expect: prepared for SQLite .its .sqlx-cpp/ metadata says so.: it cannot run on a PostgreSQL async
#include <sqlx/asio.hpp>

#include "metadata.hpp"
void f(sqlx::pg::async_pool& pool) { SQLX_QUERY(FEEDS_BY_GUILD, 1).async_fetch_all(pool, [](std::exception_ptr, auto) {}); }
