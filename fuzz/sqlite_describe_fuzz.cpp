// The SQLite structural parser and analysis on arbitrary text, against a real in-memory
// database with views (so view definitions are parsed too): SQLite's prepare either rejects
// the text or describes it; the analysis answers within its contract (as many columns as
// SQLite reports, or none; one entry per parameter). No crash, no exception.
#include <sqlite3.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "describe/sqlite/analysis.hpp"
#include "describe/sqlite/describe.hpp"
#include "describe/sqlite/parser.hpp"

namespace {

sqlite3* database() {
  static sqlite3* db = [] {
    sqlite3* d = nullptr;
    sqlite3_open(":memory:", &d);
    sqlite3_exec(d,
                 "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT NOT NULL, b REAL, c);"
                 "CREATE TABLE u (k TEXT PRIMARY KEY, v BLOB) WITHOUT ROWID;"
                 "CREATE VIEW w AS SELECT t.id, u.v FROM t LEFT JOIN u ON u.k = t.a;"
                 "CREATE VIEW x (p, q) AS SELECT count(*), max(b) FROM t;",
                 nullptr, nullptr, nullptr);
    return d;
  }();
  return db;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view sql(reinterpret_cast<const char*>(data), size);
  (void)sqlx::core::sqlite::parse_statement(sql);
  sqlx::core::sqlite::schema_catalog catalog(database());
  const auto a = sqlx::core::sqlite::analyze_statement(sql, catalog, 2, 3);
  if (!a.columns.empty() && a.columns.size() != 2) std::abort();
  if (a.parameters.size() != 3) std::abort();
  // SQLite stops at the first NUL; give it the text as a C string of its own.
  const std::string text(sql.substr(0, sql.find('\0')));
  const auto d = sqlx::core::sqlite::describe_query(database(), catalog, text);
  if (d.description.has_value() == d.error.has_value()) std::abort();
  if (d.description) {
    const auto& q = *d.description;
    for (const auto& c : q.columns) {
      if (!c.type.type_info.is_string()) std::abort();
    }
  }
  return 0;
}
