// The build's checked-query header rejects this query (its metadata says $1 is int8), while
// query-check's metadata (edited by the test to say int4) accepts the std::int32_t: query-check
// reports the header's verdict instead of letting the query compile into an inert object.
#include <sqlx/sqlx.hpp>

void stale_metadata(sqlx::pg::connection& db, std::int32_t narrow) {
  // expected-error@+2:20 {{the checked-query header rejects this query, but query-check found no problem in it [sqlx-header-check]}}
  // expected-note@+1:20 {{re-run `sqlcheck prepare`}}
  (void)SQLX_QUERY("SELECT display_name FROM users WHERE id = $1", narrow).execute(db);
}
