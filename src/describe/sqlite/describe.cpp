#include "describe/sqlite/describe.hpp"

#include <fmt/format.h>

#include "describe/sqlite/analysis.hpp"
#include "describe/sqlite/lexer.hpp"
#include "describe/sqlite/types.hpp"

namespace sqlx::core::sqlite {

namespace {

// SQLite reports byte offsets; server_error holds a 1-based character position.
int character_position(std::string_view text, std::size_t byte_offset) {
  int characters = 0;
  for (std::size_t i = 0; i < byte_offset && i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++characters;
  }
  return characters + 1;
}

describe_result rejected(std::string message, std::string_view sql, int offset) {
  server_error error;
  error.message = std::move(message);
  error.position = offset >= 0 ? character_position(sql, static_cast<std::size_t>(offset)) : 0;
  return {std::nullopt, std::move(error)};
}

class prepared {
 public:
  ~prepared() { sqlite3_finalize(stmt); }
  sqlite3_stmt* stmt = nullptr;
};

std::string text_or_empty(const char* p) {
  return p == nullptr ? std::string() : std::string(p);
}

}  // namespace

describe_result describe_query(sqlite3* db, schema_catalog& catalog, std::string_view sql) {
  prepared p;
  const char* tail = nullptr;
  const int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &p.stmt, &tail);
  if (rc != SQLITE_OK) return rejected(sqlite3_errmsg(db), sql, sqlite3_error_offset(db));
  if (p.stmt == nullptr) return rejected("the query is empty", sql, -1);
  const auto tail_offset = static_cast<std::size_t>(tail - sql.data());
  for (const auto& t : tokenize(sql.substr(tail_offset))) {
    if (t.kind == token_kind::end) break;
    if (t.kind == token_kind::op && t.text == ";") continue;
    return rejected("a checked query is one statement; this text has more after the first", sql,
                    static_cast<int>(tail_offset + t.offset));
  }

  const auto column_count = static_cast<std::size_t>(sqlite3_column_count(p.stmt));
  const auto parameter_count = static_cast<std::size_t>(sqlite3_bind_parameter_count(p.stmt));
  const statement_analysis analysis =
      analyze_statement(sql, catalog, column_count, parameter_count);

  query_description d;
  d.db = database::sqlite;
  d.query = std::string(sql);
  for (std::size_t i = 0; i < column_count; ++i) {
    const int n = static_cast<int>(i);
    column_description c;
    c.name = text_or_empty(sqlite3_column_name(p.stmt, n));
    // The declared type of a table column, as sqlx reads it; else the inferred type.
    sql_type type = sql_type::null;
    if (const char* declared = sqlite3_column_decltype(p.stmt, n); declared != nullptr) {
      type = type_of_declaration(declared);
    } else if (!analysis.columns.empty()) {
      type = analysis.columns[i].type;
    }
    c.type.type_info = std::string(type_info_of(type));
    c.type.type_name = std::string(type_name_of(type));
    if (!analysis.columns.empty()) {
      switch (analysis.columns[i].null) {
        case nullability::not_null:
          c.nullable = false;
          break;
        case nullability::nullable:
          c.nullable = true;
          break;
        case nullability::unknown:
          break;
      }
      // Only a path label's column (a nested struct's field) records it: the metadata of
      // every other query stays as it was.
      if (c.name.find('.') != std::string::npos) c.outer_row = analysis.columns[i].outer_row;
    }
    const char* table = sqlite3_column_table_name(p.stmt, n);
    const char* origin = sqlite3_column_origin_name(p.stmt, n);
    if (table != nullptr && origin != nullptr) {
      c.origin = fmt::format("{}.{}.{}", text_or_empty(sqlite3_column_database_name(p.stmt, n)),
                             table, origin);
    }
    d.columns.push_back(std::move(c));
  }
  for (std::size_t i = 0; i < parameter_count; ++i) {
    type_description t;  // type_info stays null: sqlx records only the count
    if (analysis.parameters[i]) t.type_name = std::string(type_name_of(*analysis.parameters[i]));
    d.parameters.push_back(std::move(t));
  }
  return {std::move(d), std::nullopt};
}

std::vector<describe_result> describe_queries(sqlite3* db, std::span<const std::string> queries,
                                              const describe_progress& progress) {
  schema_catalog catalog(db);
  std::vector<describe_result> results;
  results.reserve(queries.size());
  for (const auto& q : queries) {
    results.push_back(describe_query(db, catalog, q));
    if (progress && (results.size() % 256 == 0 || results.size() == queries.size())) {
      progress(results.size(), queries.size());
    }
  }
  return results;
}

}  // namespace sqlx::core::sqlite
