// sqlx-cpp: compile-time checked SQL for PostgreSQL.
#pragma once

#include "sqlx/error.hpp"
#include "sqlx/pg/connection.hpp"
#include "sqlx/pg/pool.hpp"
#include "sqlx/pg/transaction.hpp"
#include "sqlx/pg/types.hpp"
#include "sqlx/query.hpp"

// The checked-query header generated from .sqlx-cpp/ by sqlx_cpp_check() (CMake).
#if defined(SQLX_CPP_QUERIES_HEADER)
#include SQLX_CPP_QUERIES_HEADER
#endif
