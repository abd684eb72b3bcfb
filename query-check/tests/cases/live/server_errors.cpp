// Described on the live server (DATABASE_URL): a query the server rejects is reported at the
// exact character its error position names, through escapes, concatenation and raw strings.
#include <sqlx/sqlx.hpp>

void ordinary(sqlx::pg::connection& db) {
  // expected-error@+1:23 {{syntax error at or near "SELEC" [sqlx-rejected-query]}}
  (void)SQLX_QUERY("\tSELEC id FROM users").execute(db);
  // expected-error@+1:36 {{column "nope" does not exist [sqlx-rejected-query]}}
  (void)SQLX_QUERY("SELECT \"id\", \x6eope FROM users").execute(db);
  // expected-error@+1:43 {{relation "nowhere" does not exist [sqlx-rejected-query]}}
  (void)SQLX_QUERY("SELECT 'é' AS e FROM nowhere").execute(db);
  // expected-error@+2:51 {{operator does not exist: bigint = text [sqlx-rejected-query]}}
  // expected-note@+1:51 {{hint: No operator matches the given name and argument types.}}
  (void)SQLX_QUERY("SELECT id FROM users WHERE id = 'x'::text").execute(db);
}

void concatenated(sqlx::pg::connection& db) {
  (void)SQLX_QUERY("SELECT id "
                   // `FORM` is taken as an alias: the error is at `users`.
                   // expected-error@+1:26 {{syntax error at or near "users" [sqlx-rejected-query]}}
                   "FORM users")
      .execute(db);
  (void)SQLX_QUERY("SELECT id, "
                   // expected-error@+1:21 {{column "nope" does not exist [sqlx-rejected-query]}}
                   "nope "
                   "FROM users")
      .execute(db);
  (void)SQLX_QUERY("SELECT id FROM users u "
                   // expected-error@+1:28 {{relation "nowhere" does not exist [sqlx-rejected-query]}}
                   u8"JOIN nowhere n ON true")
      .execute(db);
  (void)SQLX_QUERY("SELECT id FROM users "
                   // expected-error@+2:53 {{operator does not exist: bigint = text [sqlx-rejected-query]}}
                   // expected-note@+1:53 {{hint: No operator matches the given name and argument types.}}
                   "WHERE display_name = 'a' AND id = 'x'::text")
      .execute(db);
}

void raw(sqlx::pg::connection& db) {
  (void)SQLX_QUERY(R"sql(
    SELECT id
    -- expected-error@+1:9 {{syntax error at or near "users" [sqlx-rejected-query]}}
    FRM users)sql")
      .execute(db);
  (void)SQLX_QUERY(R"sql(SELECT "display_name",
                            -- expected-error@+1:29 {{column "nope" does not exist [sqlx-rejected-query]}}
                            nope FROM users)sql")
      .execute(db);
  (void)SQLX_QUERY(R"(SELECT id FROM "users" u, "no where" w)").execute(db);
  // expected-error@-1:49 {{relation "no where" does not exist [sqlx-rejected-query]}}
  (void)SQLX_QUERY(R"sql(SELECT id
                         FROM users
                         -- expected-error@+2:35 {{operator does not exist: bigint = text [sqlx-rejected-query]}}
                         -- expected-note@+1:35 {{hint: No operator matches the given name and argument types.}}
                         WHERE id = 'x'::text)sql")
      .execute(db);
}

void described_live(sqlx::pg::connection& db, std::int32_t narrow) {
  // Not in .sqlx-cpp/: described on the server, then checked like any query.
  // expected-error@+1:88 {{bind argument type does not match parameter $1: PostgreSQL int8, C++ std::int32_t [sqlx-bind-argument-type]}}
  (void)SQLX_QUERY("SELECT display_name FROM users WHERE id = $1 AND 'live' = 'live'", narrow)
      .execute(db);
}

void live_only(sqlx::pg::connection& db) {
  // Right for the server, but not in the build's header: it would compile into an inert query.
  // expected-error@+2:20 {{query is not in the checked-query header, but query-check found no problem in it [sqlx-header-check]}}
  // expected-note@+1:20 {{rebuild}}
  (void)SQLX_QUERY("SELECT email FROM users WHERE 'live' = 'only'").execute(db);
}
