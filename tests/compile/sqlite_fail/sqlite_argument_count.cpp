// expect: wrong_number_of_bind_arguments.*SELECT id, name, score FROM feeds WHERE guild = [?]1.*1.*2
#include "metadata.hpp"
void f(sqlx::sqlite::connection& db) { (void)SQLX_QUERY(FEEDS_BY_GUILD, 1, 2).fetch_all(db); }
