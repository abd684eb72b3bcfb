// expect: bind_argument_type_does_not_match_parameter.*[?]1.*INTEGER.*std::string
#include "metadata.hpp"
void f(sqlx::sqlite::connection& db) { (void)SQLX_QUERY(FEEDS_BY_GUILD, std::string("1")).fetch_all(db); }
