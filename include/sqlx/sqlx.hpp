// sqlx-cpp: compile-time checked SQL for PostgreSQL.
//
// Everything a user names is in a public header included here: the customisation points
// SQLX_FIELDS (fields.hpp), sqlx::pg::type_traits and the array element hooks
// (pg/type_traits.hpp), SQLX_PG_TYPE (pg/named_type.hpp), SQLX_PG_ENUM / enum_traits
// (pg/types/enum.hpp) and the codec helpers (pg/wire.hpp). Headers under detail/ and names in
// a `detail` namespace are not API.
#pragma once

#include "sqlx/error.hpp"
#include "sqlx/fields.hpp"
#include "sqlx/pg/connection.hpp"
#include "sqlx/pg/named_type.hpp"
#include "sqlx/pg/pool.hpp"
#include "sqlx/pg/transaction.hpp"
#include "sqlx/pg/type_traits.hpp"
#include "sqlx/pg/types.hpp"
#include "sqlx/pg/wire.hpp"
#include "sqlx/query.hpp"

// The checked-query header generated from .sqlx-cpp/ by sqlx_cpp_check() (CMake).
#if defined(SQLX_CPP_QUERIES_HEADER)
#include SQLX_CPP_QUERIES_HEADER
#endif
