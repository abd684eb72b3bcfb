// Which macro tagged a query: the header's checks and row readers choose by it, and
// query-check reads it back from the template argument of the call the macro expands to.
#pragma once

namespace sqlx::detail {

enum class query_kind { anonymous, as, scalar };  // SQLX_QUERY, SQLX_QUERY_AS, SQLX_QUERY_SCALAR

}  // namespace sqlx::detail
