// The evaluator's statements: SELECT (set operations, VALUES, plain), INSERT/UPDATE/DELETE
// ... RETURNING, target lists and `*`, WITH clauses and CTEs, views.
#include <cstddef>
#include <string>
#include <utility>

#include "describe/pg/nullability/evaluator.hpp"
#include "describe/pg/nullability/predicates.hpp"

namespace sqlx::core::nullability_detail {
namespace {

void append_item(const scope& at, item_id i, output& out) {
  const item& it = (*at.lvl)[i];
  if (!it.complete) out.complete = false;
  for (slot_id s : it.columns) {
    const slot& sl = (*at.lvl)[s];
    out.columns.push_back({sl.name, slot_value(at, s), sl.origin});
  }
}

void expand_star(const column_path& p, const scope& sc, output& out) {
  if (p.size == 0 && sc.lvl != nullptr) {
    for (item_id r : sc.roots) append_item(sc, r, out);
    return;
  }
  if (p.size == 1) {
    const target_ref r = resolve_item(sc, p.names[0]);
    if (r.at != nullptr && !r.unsure) {
      append_item(*r.at, r.item, out);
      return;
    }
  }
  out.complete = false;
}

// A `(x).*` of a target list: the columns of FROM item x for a whole-row reference (true);
// else the fields of a composite value, which the parse tree cannot count (false: the caller
// adds a placeholder, see output::fields_at).
bool expand_whole_row(const PgQuery__AIndirection* ind, const scope& sc, output& out) {
  const target_ref r = whole_row_reference(sc, ind->arg);
  if (r.at == nullptr) return false;
  append_item(*r.at, r.item, out);
  return true;
}

// Whether a target is `(x).*`.
bool expands_fields(const pg_node* n) {
  if (!is(n, PG_QUERY__NODE__NODE_A_INDIRECTION) || n->a_indirection == nullptr) return false;
  const auto path = list(n->a_indirection->indirection, n->a_indirection->n_indirection);
  return path.size() == 1 && is(path[0], PG_QUERY__NODE__NODE_A_STAR);
}

output rename_cte(const cte_entry& e, output out) {
  const auto names = list(e.cte->aliascolnames, e.cte->n_aliascolnames);
  if (names.size() > out.columns.size()) return unknown_output();
  for (std::size_t i = 0; i < names.size(); ++i) out.columns[i].name = string_value(names[i]);
  return out;
}

void add_search_cycle_columns(cte_entry& e) {
  if (!e.result.complete) return;
  if (e.cte->search_clause != nullptr) {
    e.result.columns.push_back({text(e.cte->search_clause->search_seq_column), nb::not_null, {}});
  }
  if (e.cte->cycle_clause != nullptr) {
    e.result.columns.push_back({text(e.cte->cycle_clause->cycle_mark_column), nb::not_null, {}});
    e.result.columns.push_back({text(e.cte->cycle_clause->cycle_path_column), nb::not_null, {}});
  }
}

}  // namespace

output evaluator::statement(const pg_node* n, const scope* outer, const cte_env* ctes) {
  if (n == nullptr) return unknown_output();
  depth_guard guard(depth_);
  if (guard.too_deep()) return unknown_output();
  switch (n->node_case) {
    case PG_QUERY__NODE__NODE_SELECT_STMT:
      return select(n->select_stmt, outer, ctes);
    case PG_QUERY__NODE__NODE_INSERT_STMT:
      return insert(n->insert_stmt, outer, ctes);
    case PG_QUERY__NODE__NODE_UPDATE_STMT:
      return update(n->update_stmt, outer, ctes);
    case PG_QUERY__NODE__NODE_DELETE_STMT:
      return remove(n->delete_stmt, outer, ctes);
    default:
      return unknown_output();
  }
}

const cte_env* evaluator::with_frame::open(const PgQuery__WithClause* w, const scope* outer,
                                           const cte_env* ctes) {
  if (w == nullptr) return ctes;
  scope_.recursive = w->recursive != 0;
  scope_.outer = outer;
  scope_.parent = ctes;
  for (const pg_node* c : list(w->ctes, w->n_ctes)) {
    if (!is(c, PG_QUERY__NODE__NODE_COMMON_TABLE_EXPR) || c->common_table_expr == nullptr) {
      continue;
    }
    cte_entry e;
    e.name = text(c->common_table_expr->ctename);
    e.cte = c->common_table_expr;
    e.owner = &scope_;
    scope_.entries.push_back(std::move(e));
  }
  env_ = {&scope_, scope_.entries.size(), ctes};
  return &env_;
}

output evaluator::select(const PgQuery__SelectStmt* s, const scope* outer, const cte_env* ctes) {
  if (s == nullptr) return unknown_output();
  with_frame with;
  ctes = with.open(s->with_clause, outer, ctes);
  switch (s->op) {
    case PG_QUERY__SET_OPERATION__SETOP_UNION:
    case PG_QUERY__SET_OPERATION__SETOP_INTERSECT:
    case PG_QUERY__SET_OPERATION__SETOP_EXCEPT:
      return set_operation(s, outer, ctes);
    default:
      break;
  }
  if (s->n_values_lists != 0) return values(s, outer, ctes);
  return simple_select(s, outer, ctes);
}

// UNION: NULL if NULL in either branch. INTERSECT: only rows in both, so not NULL if not
// NULL in one of them. EXCEPT: rows of the left branch.
output evaluator::set_operation(const PgQuery__SelectStmt* s, const scope* outer,
                                const cte_env* ctes) {
  output left = select(s->larg, outer, ctes);
  const output right = select(s->rarg, outer, ctes);
  if (!left.complete || !right.complete || left.columns.size() != right.columns.size()) {
    return unknown_output();
  }
  for (std::size_t i = 0; i < left.columns.size(); ++i) {
    out_column& c = left.columns[i];
    c.origin = {};
    c.outer_row = {};
    if (s->op == PG_QUERY__SET_OPERATION__SETOP_UNION) {
      c.null = worst(c.null, right.columns[i].null);
    } else if (s->op == PG_QUERY__SET_OPERATION__SETOP_INTERSECT) {
      c.null = best(c.null, right.columns[i].null);
    }
  }
  return left;
}

output evaluator::values(const PgQuery__SelectStmt* s, const scope* outer, const cte_env* ctes) {
  scope sc;
  sc.parent = outer;
  sc.ctes = ctes;
  output out;
  for (const pg_node* row : list(s->values_lists, s->n_values_lists)) {
    if (!is(row, PG_QUERY__NODE__NODE_LIST) || row->list == nullptr) return unknown_output();
    const auto cells = list(row->list->items, row->list->n_items);
    if (out.columns.empty()) {
      for (std::size_t i = 0; i < cells.size(); ++i) {
        out.columns.push_back({synthesized("column" + std::to_string(i + 1)), nb::not_null, {}});
      }
    }
    if (cells.size() != out.columns.size()) return unknown_output();
    for (std::size_t i = 0; i < cells.size(); ++i) {
      out.columns[i].null = worst(out.columns[i].null, expr(cells[i], sc).null);
    }
  }
  return out;
}

output evaluator::simple_select(const PgQuery__SelectStmt* s, const scope* outer,
                                const cte_env* ctes) {
  level lvl;
  for (const pg_node* f : list(s->from_clause, s->n_from_clause)) {
    const item_id i = from_item(lvl, f, outer, ctes, lvl.roots);
    lvl.roots.push_back(i);
  }
  prove(lvl, lvl.roots, s->where_clause, /*clear=*/true, /*restrict_to=*/item_id::none());
  scope sc;
  sc.lvl = &lvl;
  sc.roots = lvl.roots;
  sc.parent = outer;
  sc.ctes = ctes;
  sc.grouped = has_grouping_sets(s);
  sc.nonempty_groups = plain_group_by(s);
  sc.windows = list(s->window_clause, s->n_window_clause);
  output out;
  targets(list(s->target_list, s->n_target_list), sc, out);
  return out;
}

// INSERT/UPDATE/DELETE ... RETURNING: the target table's rows obey its constraints.
output evaluator::insert(const PgQuery__InsertStmt* s, const scope* outer, const cte_env* ctes) {
  if (s == nullptr) return unknown_output();
  with_frame with;
  ctes = with.open(s->with_clause, outer, ctes);
  level lvl;
  const item_id target = relation_item(lvl, s->relation, nullptr);
  lvl.roots.push_back(target);
  if (s->n_returning_list > 0) insert_written(lvl, target, s, outer, ctes);
  return returning(lvl, list(s->returning_list, s->n_returning_list), outer, ctes);
}

output evaluator::update(const PgQuery__UpdateStmt* s, const scope* outer, const cte_env* ctes) {
  if (s == nullptr) return unknown_output();
  with_frame with;
  ctes = with.open(s->with_clause, outer, ctes);
  level lvl;
  const item_id target = relation_item(lvl, s->relation, nullptr);
  lvl.roots.push_back(target);
  for (const pg_node* f : list(s->from_clause, s->n_from_clause)) {
    const item_id i = from_item(lvl, f, outer, ctes, lvl.roots);
    lvl.roots.push_back(i);
  }
  prove(lvl, lvl.roots, s->where_clause, true, item_id::none());
  scope sc;
  sc.lvl = &lvl;
  sc.roots = lvl.roots;
  sc.parent = outer;
  sc.ctes = ctes;
  update_written(lvl, target, s, sc);
  return returning(lvl, list(s->returning_list, s->n_returning_list), outer, ctes);
}

output evaluator::remove(const PgQuery__DeleteStmt* s, const scope* outer, const cte_env* ctes) {
  if (s == nullptr) return unknown_output();
  with_frame with;
  ctes = with.open(s->with_clause, outer, ctes);
  level lvl;
  lvl.roots.push_back(relation_item(lvl, s->relation, nullptr));
  for (const pg_node* f : list(s->using_clause, s->n_using_clause)) {
    const item_id i = from_item(lvl, f, outer, ctes, lvl.roots);
    lvl.roots.push_back(i);
  }
  prove(lvl, lvl.roots, s->where_clause, true, item_id::none());
  return returning(lvl, list(s->returning_list, s->n_returning_list), outer, ctes);
}

output evaluator::returning(const level& lvl, std::span<pg_node* const> list_, const scope* outer,
                            const cte_env* ctes) {
  scope sc;
  sc.lvl = &lvl;
  sc.roots = lvl.roots;
  sc.parent = outer;
  sc.ctes = ctes;
  output out;
  targets(list_, sc, out);
  return out;
}

void evaluator::targets(std::span<pg_node* const> nodes, const scope& sc, output& out) {
  std::vector<std::size_t> placeholders;  // `(x).*` of composite values
  for (const pg_node* n : nodes) {
    if (!is(n, PG_QUERY__NODE__NODE_RES_TARGET) || n->res_target == nullptr) {
      out.complete = false;
      continue;
    }
    const PgQuery__ResTarget* t = n->res_target;
    if (expands_fields(t->val)) {
      if (!expand_whole_row(t->val->a_indirection, sc, out)) {
        // A composite type's fields carry no NOT NULL, and the value itself may be NULL.
        placeholders.push_back(out.columns.size());
        out.columns.push_back({"", nb::nullable, {}});
      }
      continue;
    }
    if (is(t->val, PG_QUERY__NODE__NODE_COLUMN_REF)) {
      const column_path p = path_of(t->val->column_ref);
      if (p.star) {
        expand_star(p, sc, out);
        continue;
      }
    }
    const value v = expr(t->val, sc);
    const std::string_view name = text(t->name);
    out.columns.push_back({name.empty() ? v.name : name, v.null, v.origin, v.outer_row});
  }
  if (placeholders.empty()) return;
  if (out.complete && placeholders.size() == 1) out.fields_at = placeholders.front();
  out.complete = false;
}

// Evaluated on first use; a reference from inside its own body (WITH RECURSIVE) sees the
// current estimate, which is iterated to a fixed point.
output evaluator::cte_output(cte_entry& e) {
  if (e.st != cte_entry::state::pending) return e.result;
  with_scope& ws = *e.owner;
  const auto index = static_cast<std::size_t>(&e - ws.entries.data());
  const cte_env env{&ws, ws.recursive ? ws.entries.size() : index, ws.parent};
  e.st = cte_entry::state::running;
  const pg_node* q = e.cte->ctequery;
  const PgQuery__SelectStmt* s = is(q, PG_QUERY__NODE__NODE_SELECT_STMT) ? q->select_stmt : nullptr;
  if (ws.recursive && s != nullptr && s->op == PG_QUERY__SET_OPERATION__SETOP_UNION &&
      s->with_clause == nullptr) {
    e.result = rename_cte(e, select(s->larg, ws.outer, &env));
    for (int round = 0; round < max_recursive_cte_rounds && e.result.complete; ++round) {
      const output step = rename_cte(e, select(s->rarg, ws.outer, &env));
      if (!step.complete || step.columns.size() != e.result.columns.size()) {
        e.result = unknown_output();
        break;
      }
      bool changed = false;
      for (std::size_t i = 0; i < step.columns.size(); ++i) {
        const nb next = worst(e.result.columns[i].null, step.columns[i].null);
        changed = changed || next != e.result.columns[i].null;
        e.result.columns[i].null = next;
        e.result.columns[i].origin = {};
      }
      if (!changed) break;
      if (round + 1 == max_recursive_cte_rounds) e.result = unknown_output();  // no fixed point
    }
  } else {
    e.result = rename_cte(e, statement(q, ws.outer, &env));
  }
  add_search_cycle_columns(e);
  e.st = cte_entry::state::done;
  return e.result;
}

// A view's columns follow its definition, evaluated like a subquery with nothing outside.
output evaluator::view_output(const catalog_relation& rel) {
  if (auto it = views_.find(rel.oid); it != views_.end()) return it->second;
  if (!views_in_progress_.insert(rel.oid).second) return unknown_output();
  auto tree = parse_view(rel.view_definition);
  kept_trees_.push_back(tree);
  output out = tree->ok() ? statement(tree->statement(), nullptr, nullptr) : unknown_output();
  views_in_progress_.erase(rel.oid);
  views_.emplace(rel.oid, out);
  return out;
}

std::string_view evaluator::synthesized(std::string name) {
  return names_.emplace_back(std::move(name));
}

}  // namespace sqlx::core::nullability_detail
