// The async API (docs/async.md): checked queries, a pool and transactions on C++20 coroutines
// over Boost.Asio (namespace sqlx::asio), for PostgreSQL and SQLite. Library target sqlx::asio;
// the core sqlx::sqlx needs no Asio.
#pragma once

#include "sqlx/pg/async_common.hpp"
#include "sqlx/pg/async_connection.hpp"
#include "sqlx/pg/async_pool.hpp"
#include "sqlx/pg/async_query.hpp"
#include "sqlx/pg/async_transaction.hpp"
#include "sqlx/sqlite/async_query.hpp"  // SQLite: sqlite::async_connection, async_pool, ...
#include "sqlx/sqlx.hpp"

namespace sqlx {

template <>
struct async_runner<pg::async_connection> : pg::detail::async_runner_impl<pg::async_connection> {};
template <>
struct async_runner<pg::async_pooled_connection>
    : pg::detail::async_runner_impl<pg::async_pooled_connection> {};
template <>
struct async_runner<pg::async_pool> : pg::detail::async_runner_impl<pg::async_pool> {};
template <>
struct async_runner<pg::async_transaction> : pg::detail::async_runner_impl<pg::async_transaction> {
};

}  // namespace sqlx
