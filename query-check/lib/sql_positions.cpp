#include "sql_positions.hpp"

#include <pg_query.h>

#include <nlohmann/json.hpp>
#include <string>

#include "describe/sqlite/parser.hpp"

namespace sqlx::query_check {
namespace {

using json = nlohmann::json;

// The statement's result-producing list: a SELECT's target list (its leftmost arm for a set
// operation) or a data-modifying statement's RETURNING list; null when it has none.
json result_list(const json& stmt) {
  if (const auto it = stmt.find("SelectStmt"); it != stmt.end()) {
    const json* select = &*it;
    while (select->contains("larg")) select = &select->at("larg");
    return select->value("targetList", json());
  }
  for (const char* kind : {"InsertStmt", "UpdateStmt", "DeleteStmt"}) {
    if (const auto it = stmt.find(kind); it != stmt.end()) {
      return it->value("returningList", json());
    }
  }
  return json();
}

bool is_star(const json& target) {
  const auto val = target.find("val");
  if (val == target.end()) return false;
  const auto ref = val->find("ColumnRef");
  if (ref == val->end()) return false;
  for (const auto& field : ref->value("fields", json::array())) {
    if (field.contains("A_Star")) return true;
  }
  return false;
}

// A SQLite statement's result columns: its leftmost SELECT's list or its RETURNING list.
std::vector<std::size_t> sqlite_column_offsets(std::string_view sql) {
  std::vector<std::size_t> out;
  std::optional<core::sqlite::statement> parsed;
  try {
    parsed = core::sqlite::parse_statement(sql);
  } catch (const std::exception&) {  // the lexer's: no position, the note goes to the literal
  }
  if (!parsed) return out;
  const std::vector<core::sqlite::result_column>* columns = &parsed->returning;
  if (parsed->kind == core::sqlite::statement::kind_t::select) {
    if (!parsed->select || parsed->select->cores.empty()) return out;
    columns = &parsed->select->cores.front().columns;
  }
  for (const auto& column : *columns) {
    if (column.star) return {};
    out.push_back(column.offset);
  }
  return out;
}

}  // namespace

std::vector<std::size_t> column_offsets(std::string_view sql, core::database db) {
  if (db == core::database::sqlite) return sqlite_column_offsets(sql);
  const std::string text(sql);
  PgQueryParseResult parsed = pg_query_parse(text.c_str());
  std::vector<std::size_t> out;
  if (parsed.error == nullptr && parsed.parse_tree != nullptr) {
    const json tree = json::parse(parsed.parse_tree, nullptr, false);
    const json stmts = tree.is_object() ? tree.value("stmts", json()) : json();
    if (stmts.is_array() && stmts.size() == 1) {
      const json stmt = stmts[0].value("stmt", json::object());
      for (const auto& item : result_list(stmt)) {
        const auto target = item.find("ResTarget");
        if (target == item.end() || is_star(*target) || !target->contains("location")) {
          out.clear();
          break;
        }
        out.push_back(target->at("location").get<std::size_t>());
      }
    }
  }
  pg_query_free_parse_result(parsed);
  return out;
}

}  // namespace sqlx::query_check
