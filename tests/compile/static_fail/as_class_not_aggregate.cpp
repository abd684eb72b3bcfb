// expect: SQLX_QUERY_AS fills a plain aggregate struct .public fields, no constructors, no virtual functions.: this row type is not an aggregate
#include <sqlx/sqlx.hpp>
class user { public: explicit user(std::int64_t id) : id_(id) {} private: std::int64_t id_; std::string display_name_; };
void f(sqlx::pg::connection& db) { (void)SQLX_QUERY_AS(user, "SELECT id, display_name FROM users").fetch_all(db); }
