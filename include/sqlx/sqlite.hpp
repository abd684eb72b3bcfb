// sqlx-cpp for SQLite: the connection, its options, statements, types and errors
// (docs/sqlite.md).
#pragma once

#include "sqlx/error.hpp"
#include "sqlx/fields.hpp"
#include "sqlx/sqlite/connect_options.hpp"
#include "sqlx/sqlite/connection.hpp"
#include "sqlx/sqlite/error.hpp"
#include "sqlx/sqlite/pool.hpp"
#include "sqlx/sqlite/statement.hpp"
#include "sqlx/sqlite/transaction.hpp"
#include "sqlx/sqlite/type_traits.hpp"
#include "sqlx/sqlite/types.hpp"
