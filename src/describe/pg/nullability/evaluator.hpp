// The evaluator: statements to output columns, expressions to values. One evaluator serves
// one inference; it caches the outputs of the views it meets and owns the names it makes up.
//
// Its members live in these files: evaluator_statements.cpp (statements, target lists, CTEs,
// views), written_values.cpp (what INSERT and UPDATE wrote, for RETURNING),
// evaluator_from.cpp (FROM items, joins, what WHERE and ON prove), foreign_keys.cpp
// (outer joins along a foreign key that always find their row),
// evaluator_expressions.cpp (expressions) and evaluator_functions.cpp (function calls,
// aggregates and windows).
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "describe/pg/catalog.hpp"
#include "describe/pg/nullability/parse_tree.hpp"
#include "describe/pg/nullability/scope.hpp"

namespace sqlx::core::nullability_detail {

// How deep statements and expressions may nest before the evaluator gives up on that part
// and answers `unknown`. Each step keeps a `level`, `scope`, `output` or `value` on the
// stack; 400 steps stay far below a default thread stack and far beyond any real query.
inline constexpr int max_evaluation_depth = 400;

// How many times the recursive part of a WITH RECURSIVE is evaluated against the current
// estimate. A round that changes anything moves some column up the lattice (a column moves
// at most twice), so a fixed point usually comes within a round or two; a CTE that has not
// settled after 8 answers `unknown` rather than iterate on.
inline constexpr int max_recursive_cte_rounds = 8;

class evaluator {
 public:
  explicit evaluator(const relation_catalog& catalog) : catalog_(catalog) {}

  // The output columns of a SELECT/INSERT/UPDATE/DELETE; `outer` and `ctes` are what the
  // enclosing query lets it see (null at the top).
  [[nodiscard]] output statement(const pg_node* n, const scope* outer, const cte_env* ctes);

 private:
  // Counts the nesting of statement and expression evaluation (max_evaluation_depth).
  class depth_guard {
   public:
    explicit depth_guard(int& depth) : depth_(depth) { ++depth_; }
    ~depth_guard() { --depth_; }
    depth_guard(const depth_guard&) = delete;
    depth_guard& operator=(const depth_guard&) = delete;
    [[nodiscard]] bool too_deep() const { return depth_ > max_evaluation_depth; }

   private:
    int& depth_;
  };

  // A WITH clause made visible to the statement that owns it.
  struct with_frame {
    with_scope scope_;
    cte_env env_;
    const cte_env* open(const PgQuery__WithClause* w, const scope* outer, const cte_env* ctes);
  };

  // --- statements (evaluator_statements.cpp) ----------------------------------------------
  output select(const PgQuery__SelectStmt* s, const scope* outer, const cte_env* ctes);
  output set_operation(const PgQuery__SelectStmt* s, const scope* outer, const cte_env* ctes);
  output values(const PgQuery__SelectStmt* s, const scope* outer, const cte_env* ctes);
  output simple_select(const PgQuery__SelectStmt* s, const scope* outer, const cte_env* ctes);
  output insert(const PgQuery__InsertStmt* s, const scope* outer, const cte_env* ctes);
  output update(const PgQuery__UpdateStmt* s, const scope* outer, const cte_env* ctes);
  output remove(const PgQuery__DeleteStmt* s, const scope* outer, const cte_env* ctes);
  // What INSERT and UPDATE wrote, for RETURNING (written_values.cpp).
  void insert_written(level& lvl, item_id target, const PgQuery__InsertStmt* s, const scope* outer,
                      const cte_env* ctes);
  void update_written(level& lvl, item_id target, const PgQuery__UpdateStmt* s, const scope& sc);
  nb default_value(const catalog_column& column);
  output returning(const level& lvl, std::span<pg_node* const> list_, const scope* outer,
                   const cte_env* ctes);
  void targets(std::span<pg_node* const> nodes, const scope& sc, output& out);
  output cte_output(cte_entry& e);
  output view_output(const catalog_relation& rel);
  std::string_view synthesized(std::string name);

  // --- FROM (evaluator_from.cpp) -----------------------------------------------------------
  item_id from_item(level& lvl, const pg_node* n, const scope* outer, const cte_env* ctes,
                    const std::vector<item_id>& lateral);
  item_id relation_item(level& lvl, const PgQuery__RangeVar* rv, const cte_env* ctes);
  item_id catalog_item(level& lvl, const catalog_relation& rel, std::string_view refname,
                       const PgQuery__Alias* alias);
  item_id subquery_item(level& lvl, const PgQuery__RangeSubselect* rs, const scope* outer,
                        const cte_env* ctes, const std::vector<item_id>& lateral);
  item_id function_item(level& lvl, const PgQuery__RangeFunction* rf, const scope* outer,
                        const cte_env* ctes, const std::vector<item_id>& lateral);
  // set_returning_functions.cpp
  std::optional<std::vector<out_column>> function_columns(const PgQuery__FuncCall* f,
                                                          std::string_view scalar_name,
                                                          const scope& lat);
  nb array_elements(const pg_node* arg, const scope& sc);
  item_id join_item(level& lvl, const PgQuery__JoinExpr* j, const scope* outer, const cte_env* ctes,
                    const std::vector<item_id>& lateral);
  // Whether every row of `from` finds a row of `to` by the join's ON (foreign_keys.cpp).
  [[nodiscard]] bool joins_by_foreign_key(const level& lvl, const pg_node* quals, item_id from,
                                          item_id to) const;
  // Marks the columns that `qual` proves non-NULL (also used by the statements).
  static void prove(level& lvl, const std::vector<item_id>& roots, const pg_node* qual, bool clear,
                    item_id restrict_to);

  // --- expressions (evaluator_expressions.cpp) ---------------------------------------------
  value expr(const pg_node* n, const scope& sc);
  nb all_args(std::span<pg_node* const> args, const scope& sc);
  nb any_arg(std::span<pg_node* const> args, const scope& sc);
  value type_cast(const PgQuery__TypeCast* c, const scope& sc);
  value a_expr(const PgQuery__AExpr* e, const scope& sc);
  nb compared(const std::vector<const pg_node*>& operands, const scope& sc);
  nb quantified(const PgQuery__AExpr* e, const scope& sc);
  value case_expr(const PgQuery__CaseExpr* c, const scope& sc);
  value sublink(const PgQuery__SubLink* s, const scope& sc);
  value indirection(const PgQuery__AIndirection* ind, const scope& sc);

  // --- function calls (evaluator_functions.cpp) --------------------------------------------
  value func_call(const PgQuery__FuncCall* f, const scope& sc);
  nb nonempty_aggregate(std::string_view name, std::span<pg_node* const> args, const scope& sc,
                        bool window);
  nb substring(std::span<pg_node* const> args, const scope& sc);
  bool keeps_every_row(const pg_node* filter, const PgQuery__FuncCall* f, const scope& sc);

  const relation_catalog& catalog_;
  int depth_ = 0;
  std::map<std::uint32_t, output> views_;
  std::set<std::uint32_t> views_in_progress_;
  std::vector<std::shared_ptr<const pg_tree>> kept_trees_;
  std::deque<std::string> names_;
};

}  // namespace sqlx::core::nullability_detail
