// expect: an async_ call runs on an async connection, pool or transaction
#include <sqlx/asio.hpp>

#include "metadata.hpp"
void f(sqlx::sqlite::pool& pool) { SQLX_QUERY(FEEDS_BY_GUILD, 1).async_fetch_all(pool, [](std::exception_ptr, auto) {}); }
