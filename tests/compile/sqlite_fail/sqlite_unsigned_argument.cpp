// expect: unsigned_integer_has_no_sql_type_use_a_signed_integer.*[?]1.*INTEGER.*std::uint64_t.*use std::int64_t
#include "metadata.hpp"
void f(sqlx::sqlite::connection& db, std::uint64_t guild) { (void)SQLX_QUERY(FEEDS_BY_GUILD, guild).fetch_all(db); }
