// INSERT/REPLACE, UPDATE and DELETE: parameters take the type of the column they are written
// to; RETURNING reads the target row (after an UPDATE, an assigned column holds its new
// value, so the WHERE clause says nothing about it). The entry point analyze_statement.
#include <algorithm>

#include "describe/sqlite/analyzer.hpp"
#include "describe/sqlite/analyzer_failure.hpp"
#include "describe/sqlite/lexer.hpp"
#include "describe/sqlite/parser.hpp"

namespace sqlx::core::sqlite {

namespace {

const schema_column* find_column(const schema_relation& table, std::string_view name) {
  for (const auto& c : table.columns) {
    if (iequals(c.name, name)) return &c;
  }
  return nullptr;
}

sql_type column_type(const schema_relation& table, std::string_view name) {
  const schema_column* c = find_column(table, name);
  return c != nullptr ? c->type : sql_type::null;
}

}  // namespace

relation analyzer::statement_columns(const statement& s) {
  if (s.kind == statement::kind_t::other) return {};
  bind_ctes(s.with, nullptr);
  if (s.kind == statement::kind_t::select) {
    relation r = select(*s.select, nullptr);
    unbind_ctes(s.with);
    return r;
  }
  const schema_relation* table = catalog_.find(s.schema, s.table);
  if (table == nullptr || table->is_view) throw analysis_failed();
  from_item target_item;
  target_item.schema = s.schema;
  target_item.name = s.table;
  target_item.alias = s.alias;
  source target = named_source(target_item, nullptr, 0);
  const scope empty;

  if (s.kind == statement::kind_t::insert) {
    std::vector<std::string> columns = s.insert_columns;
    if (columns.empty()) {
      for (const auto& c : table->columns) {
        if (!c.hidden && !c.generated) columns.push_back(c.name);
      }
    }
    for (const auto& row : s.insert_values) {
      for (std::size_t i = 0; i < row.size(); ++i) {
        (void)eval(*row[i], empty);
        if (i < columns.size()) hint(*row[i], column_type(*table, columns[i]));
      }
    }
    if (s.select) {
      (void)select(*s.select, nullptr);
      if (s.select->cores.size() == 1) {
        const auto& core = s.select->cores.front();
        for (std::size_t i = 0; i < core.columns.size() && i < columns.size(); ++i) {
          if (core.columns[i].value) hint(*core.columns[i].value, column_type(*table, columns[i]));
        }
      }
    }
    // An upsert sees the row and `excluded`, the row that was to be inserted.
    scope upsert;
    upsert.sources.push_back(target);
    source excluded = target;
    excluded.alias = "excluded";
    upsert.sources.push_back(std::move(excluded));
    for (const auto& u : s.upserts) {
      for (const auto& a : u.set) {
        (void)eval(*a.value, upsert);
        if (a.columns.size() == 1) hint(*a.value, column_type(*table, a.columns.front()));
      }
      if (u.where) (void)eval(*u.where, upsert);
    }
  }

  scope row;
  row.sources.push_back(target);
  if (s.kind == statement::kind_t::update) {
    if (s.from) {
      auto more = from(*s.from, nullptr);
      row.sources.insert(row.sources.end(), more.begin(), more.end());
    }
    std::vector<std::pair<std::string, column_value>> assigned;
    for (const auto& a : s.set) {
      const column_value v = eval(*a.value, row);
      for (const auto& name : a.columns) {
        hint(*a.value, column_type(*table, name));
        assigned.emplace_back(name, a.columns.size() == 1 ? v : column_value{});
      }
    }
    if (s.where) {
      (void)eval(*s.where, row);
      refine_with_predicate(*s.where, row.sources);
    }
    for (const auto& [name, v] : assigned) {
      for (auto& c : row.sources.front().columns) {
        if (!iequals(c.name, name)) continue;
        const schema_column* declared = find_column(*table, name);
        // A NOT NULL column cannot be assigned NULL (the statement fails instead).
        c.null = declared != nullptr && declared->not_null ? nullability::not_null : v.null;
      }
    }
  } else if (s.kind == statement::kind_t::delete_ && s.where) {
    (void)eval(*s.where, row);
    refine_with_predicate(*s.where, row.sources);
  }
  if (s.limit) hint(*s.limit, sql_type::integer);
  if (s.offset) hint(*s.offset, sql_type::integer);
  // RETURNING sees the target row only (not UPDATE ... FROM's tables), as SQLite does; after an
  // INSERT only the schema's NOT NULL is known.
  scope returning;
  returning.sources.push_back(std::move(row.sources.front()));
  relation r = result_columns(s.returning, returning);
  unbind_ctes(s.with);
  return r;
}

statement_analysis analyze_statement(std::string_view sql, schema_catalog& catalog,
                                     std::size_t column_count, std::size_t parameter_count) {
  statement_analysis out;
  out.parameters.resize(parameter_count);
  // The parser numbers parameters as SQLite does; a different count means it misread them.
  int highest = 0;
  const auto parsed = parse_statement(sql, &highest);
  if (!parsed) return out;
  analyzer a(catalog, parameter_count);
  relation columns;
  try {
    columns = a.statement_columns(*parsed);
  } catch (const analysis_failed&) {
    return out;
  }
  if (static_cast<std::size_t>(highest) == parameter_count) out.parameters = a.parameters();
  if (columns.size() == column_count) {
    for (const auto& c : columns) {
      out.columns.push_back(
          {c.null, c.type, c.null == nullability::nullable ? c.outer_row : std::string()});
    }
  }
  return out;
}

}  // namespace sqlx::core::sqlite
