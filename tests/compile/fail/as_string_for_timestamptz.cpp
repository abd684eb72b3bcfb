// expect: field_type_does_not_match_column.*expires_at.*timestamptz.*string
#include <sqlx/sqlx.hpp>
struct expiry { std::string expires_at; };
void f(sqlx::pg::connection& db) { (void)SQLX_QUERY_AS(expiry, "SELECT expires_at FROM oauth_credentials").fetch_all(db); }
