// INSERT and UPDATE ... RETURNING show the rows as written, not as read: a column is what the
// statement wrote into it. An INSERT's column that received non-NULL values (or a non-NULL
// DEFAULT) is not NULL; an UPDATE's assigned column is its new value, whatever the WHERE
// proved about the old one. A rule or a BEFORE ... FOR EACH ROW trigger may rewrite the row,
// and ON CONFLICT DO UPDATE may return an old row: then only NOT NULL constraints count.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "describe/pg/catalog.hpp"
#include "describe/pg/nullability/evaluator.hpp"

namespace sqlx::core::nullability_detail {
namespace {

// The catalog column of a target slot, matched by name (the slots are the table's columns).
const catalog_column* column_named(const catalog_relation& rel, std::string_view name) {
  for (const catalog_column& c : rel.columns) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

}  // namespace

nb evaluator::default_value(const catalog_column& column) {
  if (column.default_expression.empty()) return nb::nullable;  // no DEFAULT: NULL
  auto tree = parse_view("SELECT " + column.default_expression);
  kept_trees_.push_back(tree);
  if (!tree->ok()) return nb::unknown;
  const output out = statement(tree->statement(), nullptr, nullptr);
  return out.complete && out.columns.size() == 1 ? out.columns[0].null : nb::unknown;
}

void evaluator::insert_written(level& lvl, item_id target, const PgQuery__InsertStmt* s,
                               const scope* outer, const cte_env* ctes) {
  const catalog_relation* rel = catalog_.find(lvl[target].table);
  if (rel == nullptr || rel->rewrites_rows) return;
  if (s->on_conflict_clause != nullptr &&
      s->on_conflict_clause->action == PG_QUERY__ON_CONFLICT_ACTION__ONCONFLICT_UPDATE) {
    return;  // the returned row may be the existing one, updated
  }
  // The columns written, in the order of the source's columns.
  std::vector<std::string_view> written;
  for (const pg_node* c : list(s->cols, s->n_cols)) {
    if (!is(c, PG_QUERY__NODE__NODE_RES_TARGET) || c->res_target == nullptr) return;
    // `INSERT INTO t (c[1])` or `(c.field)` writes part of a value: leave it to the schema.
    written.push_back(c->res_target->n_indirection == 0 ? text(c->res_target->name) : "");
  }
  output source;
  if (s->select_stmt != nullptr) {  // else DEFAULT VALUES
    source = statement(s->select_stmt, outer, ctes);
    if (!source.complete) return;
    if (written.empty()) {  // no column list: the first columns, in table order
      for (std::size_t i = 0; i < source.columns.size() && i < rel->columns.size(); ++i) {
        written.push_back(rel->columns[i].name);
      }
    }
    if (source.columns.size() != written.size()) return;
  }
  // A column written only in part (`c[1]`, `c.f`) is listed as "": it must not pass for an
  // unwritten one given its DEFAULT, so then no DEFAULT counts.
  const bool partly_written = std::find(written.begin(), written.end(), "") != written.end();
  for (const slot_id id : lvl[target].columns) {
    slot& sl = lvl[id];
    const catalog_column* column = column_named(*rel, sl.name);
    if (column == nullptr || column->generated) continue;
    nb value = nb::unknown;
    const auto it = std::find(written.begin(), written.end(), sl.name);
    if (it != written.end()) {
      value = source.columns[static_cast<std::size_t>(it - written.begin())].null;
    } else if (!partly_written) {
      value = default_value(*column);
    }
    if (value == nb::not_null) sl.proven = true;
  }
}

void evaluator::update_written(level& lvl, item_id target, const PgQuery__UpdateStmt* s,
                               const scope& sc) {
  // The new values, each evaluated against the old row (and what WHERE proved about it).
  std::vector<std::pair<std::string_view, nb>> assigned;
  for (const pg_node* t : list(s->target_list, s->n_target_list)) {
    if (!is(t, PG_QUERY__NODE__NODE_RES_TARGET) || t->res_target == nullptr) continue;
    const PgQuery__ResTarget* r = t->res_target;
    const bool whole_value = r->n_indirection == 0 && r->val != nullptr &&
                             !is(r->val, PG_QUERY__NODE__NODE_MULTI_ASSIGN_REF);
    assigned.emplace_back(text(r->name), whole_value ? expr(r->val, sc).null : nb::unknown);
  }
  const catalog_relation* rel = catalog_.find(lvl[target].table);
  const bool rewritable = rel == nullptr || rel->rewrites_rows;
  for (const slot_id id : lvl[target].columns) {
    slot& sl = lvl[id];
    const catalog_column* column = rel != nullptr ? column_named(*rel, sl.name) : nullptr;
    const auto it = std::find_if(assigned.begin(), assigned.end(),
                                 [&](const auto& a) { return a.first == sl.name; });
    if (rewritable || column == nullptr || column->generated) {
      sl.proven = false;  // only NOT NULL holds for what a trigger, rule or expression wrote
    } else if (it != assigned.end()) {
      sl.proven = it->second == nb::not_null;
    }
  }
}

}  // namespace sqlx::core::nullability_detail
