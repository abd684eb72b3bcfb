// expect: nullable_column_needs_std_optional_field.*shout.*text
#include <sqlx/sqlx.hpp>
struct shouted { std::string shout; };
void f(sqlx::pg::connection& db) { (void)SQLX_QUERY_AS(shouted, "SELECT upper(u) AS shout FROM unnest(ARRAY['a', 'b']) AS u").fetch_all(db); }
