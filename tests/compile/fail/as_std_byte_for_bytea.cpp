// expect: std_byte_is_one_byte_binary_data_is_std_vector_of_std_byte.*b.*bytea.*std::byte.*use std::vector<std::byte>
#include <sqlx/sqlx.hpp>
struct blob { std::byte b; };
void f(sqlx::pg::connection& db) { (void)SQLX_QUERY_AS(blob, "SELECT decode('00', 'hex') AS \"b!\"").fetch_one(db); }
