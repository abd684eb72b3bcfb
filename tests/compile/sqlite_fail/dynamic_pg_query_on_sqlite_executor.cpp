// expect: prepared for PostgreSQL .its .sqlx-cpp/ metadata says so.: it cannot run on a SQLite
#include "metadata.hpp"
void f(sqlx::sqlite::connection& db, std::optional<std::string> name, std::optional<std::int64_t> id) { (void)SQLX_QUERY("SELECT display_name FROM users WHERE true [[ AND discord_user_id = $1 ]] [[ AND id = $2 ]]", name, id).fetch_all(db); }
