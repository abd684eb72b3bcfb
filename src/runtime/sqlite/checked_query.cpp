// The result-shape check of a checked SQLite query: the statement's columns against what
// `.sqlx-cpp/` recorded, the first time it is prepared on a connection and again whenever
// SQLite prepared it anew (the schema changed). SQLite's column types are dynamic (a column's
// declared type does not bind its values), so the check compares the number and the names of
// the columns; a changed declared type is what `sqlcheck prepare --check` finds.
#include "sqlx/sqlite/checked_query.hpp"

#include <string>

namespace sqlx::detail {
namespace {

[[noreturn]] void throw_stale(std::string_view text, const std::string& what) {
  throw stale_metadata_error("query `" + std::string(text) + "`: " + what +
                             "; the schema changed since `sqlcheck prepare`: re-run it and "
                             "rebuild");
}

void check_shape(sqlite::statement& stmt, statement_info statement) {
  const int count = stmt.column_count();
  if (count != static_cast<int>(statement.columns.size())) {
    stmt.forget();
    throw_stale(statement.text, "SQLite returns " + std::to_string(count) +
                                    " columns, .sqlx-cpp/ says " +
                                    std::to_string(statement.columns.size()));
  }
  for (int i = 0; i < count; ++i) {
    const column_info& column = statement.columns[static_cast<std::size_t>(i)];
    if (stmt.column_name(i) != column.label) {
      stmt.forget();
      throw_stale(statement.text, "column " + std::to_string(i + 1) + " is `" +
                                      std::string(stmt.column_name(i)) + "`, .sqlx-cpp/ says `" +
                                      std::string(column.label) + "`");
    }
  }
  stmt.mark_verified();
}

}  // namespace

sqlite::statement sqlite_prepare_checked(sqlite::connection& conn, statement_info statement) {
  auto stmt = conn.prepare_static(statement.text);
  if (stmt.first_use()) check_shape(stmt, statement);
  return stmt;
}

void sqlite_check_again(sqlite::statement& stmt, statement_info statement) {
  check_shape(stmt, statement);
}

}  // namespace sqlx::detail
