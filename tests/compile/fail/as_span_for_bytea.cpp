// expect: field_of_a_view_type_would_dangle_read_into_an_owning_type.*b.*bytea.*std::span<const std::byte>.*use std::vector<std::byte>
#include <sqlx/sqlx.hpp>
struct blob { std::span<const std::byte> b; };
void f(sqlx::pg::connection& db) { (void)SQLX_QUERY_AS(blob, "SELECT decode('00', 'hex') AS \"b!\"").fetch_one(db); }
