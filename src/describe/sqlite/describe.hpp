// Describes queries on a SQLite database: sqlite3_prepare_v2 gives the column names, declared
// types, origins and the parameter count (and rejects what SQLite would reject, with the
// error's offset); the statement's structure and the schema give nullability and the types
// of expressions and parameters (analysis.hpp). Nothing is executed.
#pragma once

#include <sqlite3.h>

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "describe/pg/describe.hpp"  // describe_result, server_error, describe_progress
#include "describe/sqlite/schema.hpp"

namespace sqlx::core::sqlite {

// One query on `db`; `catalog` caches the schema between queries.
[[nodiscard]] describe_result describe_query(sqlite3* db, schema_catalog& catalog,
                                             std::string_view sql);

// One result per query, in order.
[[nodiscard]] std::vector<describe_result> describe_queries(sqlite3* db,
                                                            std::span<const std::string> queries,
                                                            const describe_progress& progress = {});

}  // namespace sqlx::core::sqlite
