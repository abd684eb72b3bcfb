// The result-shape check of a checked query's first run on a connection: shared by the
// blocking runtime (checked_query.cpp) and the async one (src/asio/), which look user types'
// OIDs up differently.
#pragma once

#include <span>
#include <string_view>

#include "sqlx/detail/query_metadata.hpp"
#include "sqlx/pg/result.hpp"

namespace sqlx::detail {

// The OID of a user type named as `.sqlx-cpp/` spells it; `context` is the caller's.
using user_type_oid = pg::oid (*)(void* context, std::string_view pg_type);

// Throws stale_metadata_error unless `result` has the columns `.sqlx-cpp/` recorded: count,
// names, type OIDs (built-in ones from the type table, user ones from `type_oid`).
void check_result_shape(const pg::result& result, std::string_view text,
                        std::span<const column_info> columns, user_type_oid type_oid,
                        void* context);

}  // namespace sqlx::detail
