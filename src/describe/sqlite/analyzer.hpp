// The evaluator behind analyze_statement: FROM items become sources of typed, nullable
// columns; expressions are evaluated against the scopes in reach. Split by concern:
// analyzer_queries.cpp (SELECT, FROM, joins, CTEs, compounds), analyzer_expressions.cpp
// (operators, CASE, subqueries, parameter hints), analyzer_functions.cpp (built-in
// functions and aggregates), analyzer_statements.cpp (INSERT/UPDATE/DELETE, RETURNING).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "describe/sqlite/analysis.hpp"
#include "describe/sqlite/ast.hpp"

namespace sqlx::core::sqlite {

// A column of a FROM item or of a query's result.
struct column_value {
  std::string name;
  nullability null = nullability::unknown;
  sql_type type = sql_type::null;
  bool hidden = false;  // not in `*` (hidden virtual-table columns, USING duplicates)
  // Set by an outer join on a column that is not NULL in a real row of its item: the item's
  // alias (analyzed_column::outer_row). Kept only by a plain column reference of the level.
  std::string outer_row{};
};

using relation = std::vector<column_value>;

// One FROM item as a query level sees it.
struct source {
  std::string alias;
  relation columns;
  bool has_rowid = false;  // rowid/oid/_rowid_ resolve here
  bool rowid_nullable = false;
  bool known = true;  // false: its columns are not known (a `*` over it cannot be expanded)
};

struct scope {
  std::vector<source> sources;
  const scope* parent = nullptr;
  bool aggregate_without_group = false;  // bare columns are NULL over empty input
};

// The lattice: not_null < unknown < nullable.
[[nodiscard]] nullability worst(nullability a, nullability b);  // strict operators
[[nodiscard]] nullability best(nullability a, nullability b);   // COALESCE-like

class analyzer {
 public:
  analyzer(schema_catalog& catalog, std::size_t parameter_count)
      : catalog_(catalog), parameters_(parameter_count) {}

  [[nodiscard]] relation statement_columns(const statement& s);
  [[nodiscard]] const std::vector<std::optional<sql_type>>& parameters() const {
    return parameters_;
  }

  // queries
  relation select(const select_stmt& s, const scope* outer);
  relation core(const select_core& c, const scope* outer);
  std::vector<source> from(const from_item& item, const scope* outer, int depth = 0);
  source named_source(const from_item& item, const scope* outer, int depth);
  relation result_columns(const std::vector<result_column>& columns, const scope& sc);
  void refine_with_predicate(const expr& predicate, std::vector<source>& sources);
  void bind_ctes(const std::vector<common_table>& with, const scope* outer);
  void unbind_ctes(const std::vector<common_table>& with);

  // expressions
  column_value eval(const expr& e, const scope& sc);
  column_value eval_column(const expr& e, const scope& sc);
  column_value eval_binary(const expr& e, const scope& sc);
  column_value eval_case(const expr& e, const scope& sc);
  column_value eval_function(const expr& e, const scope& sc);
  column_value scalar_subquery(const select_stmt& s, const scope& sc);
  void hint(const expr& e, sql_type type);  // a parameter's type, where the SQL says it
  void hint_pair(const expr& a, const column_value& va, const expr& b, const column_value& vb);

  [[nodiscard]] static bool contains_aggregate(const expr& e);

 private:
  schema_catalog& catalog_;
  std::vector<std::optional<sql_type>> parameters_;
  std::vector<bool> conflicting_;
  std::map<std::string, std::vector<relation>> ctes_;  // lower-case name -> bindings (a stack)
  int view_depth_ = 0;
};

}  // namespace sqlx::core::sqlite
