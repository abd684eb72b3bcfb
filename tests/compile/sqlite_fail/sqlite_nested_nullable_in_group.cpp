// expect: nullable_column_needs_std_optional_field.*author\.bio.*TEXT.*std::string
#include "metadata.hpp"
// bio is nullable in authors: a present author may lack it (name may be plain: outer_row "a").
struct author_t { std::int64_t id; std::string name; std::string bio; };
struct book_row { std::string title; std::optional<author_t> author; };
void f(sqlx::sqlite::connection& db) { (void)SQLX_QUERY_AS(book_row, BOOKS_WITH_AUTHORS).fetch_all(db); }
