// expect: nullable_column_needs_std_optional_field.*author\.id.*INTEGER
#include "metadata.hpp"
// The author may be missing: std::optional<author_t>.
struct author_t { std::int64_t id; std::string name; std::optional<std::string> bio; };
struct book_row { std::string title; author_t author; };
void f(sqlx::sqlite::connection& db) { (void)SQLX_QUERY_AS(book_row, BOOKS_WITH_AUTHORS).fetch_all(db); }
