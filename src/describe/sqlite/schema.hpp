// The schema a query runs against, read from the database on demand and cached: each table's
// columns (declared type, NOT NULL, INTEGER PRIMARY KEY rowid alias) from
// pragma_table_xinfo, each view's defining SELECT (parsed, so views are recursed into).
#pragma once

#include <sqlite3.h>

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "describe/sqlite/ast.hpp"
#include "describe/sqlite/types.hpp"

namespace sqlx::core::sqlite {

struct schema_column {
  std::string name;
  std::string declared;  // as written in CREATE TABLE ("" when none)
  sql_type type = sql_type::null;
  bool not_null = false;     // NOT NULL, a WITHOUT ROWID primary key, or the rowid alias
  bool rowid_alias = false;  // INTEGER PRIMARY KEY of a rowid table: never NULL
  bool hidden = false;       // a hidden column of a virtual table (not in `*`)
  bool generated = false;    // GENERATED ALWAYS AS (...): not in an INSERT's default column list
};

struct schema_relation {
  std::string name;
  bool is_view = false;
  bool has_rowid = false;  // rowid, oid, _rowid_ are columns too
  std::vector<schema_column> columns;
  // A view: its column names (when the view lists them) and its SELECT; null when it could
  // not be parsed (its columns are then of unknown nullability).
  std::vector<std::string> view_columns;
  std::shared_ptr<const select_stmt> view_select;
};

class schema_catalog {
 public:
  explicit schema_catalog(sqlite3* db) : db_(db) {}

  // The table or view `name` (case-insensitive) in `schema` ("" = temp, then main, then the
  // attached databases, as SQLite resolves an unqualified name); nullptr when there is none.
  [[nodiscard]] const schema_relation* find(std::string_view schema, std::string_view name);

 private:
  std::unique_ptr<schema_relation> load(std::string_view schema, std::string_view name);

  sqlite3* db_;
  std::map<std::string, std::unique_ptr<schema_relation>> cache_;  // "schema\0name", lower-case
};

}  // namespace sqlx::core::sqlite
