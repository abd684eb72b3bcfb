// The evaluator's FROM clauses: tables, views, CTEs, subqueries, set-returning functions and
// joins become items of a level; outer joins mark their optional side as NULL-extended, and
// strict predicates (WHERE, INNER JOIN ... ON) prove columns non-NULL.
#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>

#include "describe/pg/nullability/evaluator.hpp"
#include "describe/pg/nullability/predicates.hpp"

namespace sqlx::core::nullability_detail {
namespace {

slot_id add_slot(level& lvl, item_id owner, std::string_view name, nb base, column_origin origin) {
  slot s;
  s.name = name;
  s.base = base;
  s.origin = origin;
  s.owner = owner;
  lvl.slots.push_back(s);
  const slot_id id(lvl.slots.size() - 1);
  lvl[owner].columns.push_back(id);
  return id;
}

// A table's system columns, with their attnums: every row has them, so they are NULL only
// when the row is NULL-extended. (A foreign table's are not trusted: its rows are remote.)
void add_system_columns(level& lvl, item_id i, std::uint32_t table_oid) {
  static constexpr std::array<std::pair<std::string_view, int>, 6> system_columns{
      {{"ctid", -1}, {"xmin", -2}, {"cmin", -3}, {"xmax", -4}, {"cmax", -5}, {"tableoid", -6}}};
  for (const auto& [name, attnum] : system_columns) {
    const slot_id s = add_slot(lvl, i, name, nb::not_null, column_origin{table_oid, attnum});
    lvl[i].columns.pop_back();  // not part of `*`
    lvl[i].system_columns.push_back(s);
  }
}

cte_entry* find_cte(const cte_env* env, std::string_view name) {
  for (; env != nullptr; env = env->parent) {
    if (env->with == nullptr) continue;
    for (std::size_t i = 0; i < env->visible && i < env->with->entries.size(); ++i) {
      if (env->with->entries[i].name == name) return &env->with->entries[i];
    }
  }
  return nullptr;
}

// USING (a, b) or, for NATURAL, the column names both sides share.
std::vector<std::string_view> merged_columns(level& lvl, const PgQuery__JoinExpr* j, item_id l,
                                             item_id r, item_id self) {
  std::vector<std::string_view> names;
  if (j->is_natural == 0) {
    for (const pg_node* u : list(j->using_clause, j->n_using_clause)) {
      names.push_back(string_value(u));
    }
    return names;
  }
  const item& left = lvl[l];
  const item& right = lvl[r];
  if (!left.complete || !right.complete) {
    lvl[self].complete = false;
    return names;
  }
  for (slot_id s : left.columns) {
    const auto name = lvl[s].name;
    for (slot_id t : right.columns) {
      if (lvl[t].name == name) {
        names.push_back(name);
        break;
      }
    }
  }
  return names;
}

// The merged column of JOIN ... USING: the left one for INNER/LEFT, the right one for
// RIGHT, COALESCE(left, right) for FULL.
slot_id merge_column(level& lvl, PgQuery__JoinType type, item_id l, item_id r, item_id self,
                     std::string_view name) {
  const slot_id ls = unique_slot(lvl, l, name);
  const slot_id rs = unique_slot(lvl, r, name);
  if (ls.is_none() || rs.is_none()) return add_slot(lvl, self, name, nb::unknown, {});
  auto prove_slot = [&lvl](slot_id s, bool clear) {
    slot& sl = lvl[s];
    sl.proven = true;
    if (clear) lvl[sl.owner].extended = false;
  };
  switch (type) {
    case PG_QUERY__JOIN_TYPE__JOIN_INNER:  // USING is an equality: both sides not NULL
      prove_slot(ls, true);
      prove_slot(rs, true);
      return add_slot(lvl, self, name, raw_value(lvl, ls), lvl[ls].origin);
    case PG_QUERY__JOIN_TYPE__JOIN_LEFT:
      prove_slot(rs, false);
      return add_slot(lvl, self, name, raw_value(lvl, ls), lvl[ls].origin);
    case PG_QUERY__JOIN_TYPE__JOIN_RIGHT:
      prove_slot(ls, false);
      return add_slot(lvl, self, name, raw_value(lvl, rs), lvl[rs].origin);
    default:  // FULL: each row has a real left or a real right row, whose column it shows
      return add_slot(lvl, self, name, worst(raw_value(lvl, ls), raw_value(lvl, rs)), {});
  }
}

// `(a JOIN b ...) AS j(x, y)`: the inputs disappear behind new names; the join's columns
// become its own slots, frozen at their current nullability.
void alias_join(level& lvl, item_id self, const PgQuery__Alias* alias) {
  const std::vector<slot_id> old = lvl[self].columns;
  lvl[self].columns.clear();
  lvl[self].refname = text(alias->aliasname);
  lvl[self].hides_children = true;
  const auto renames = list(alias->colnames, alias->n_colnames);
  for (std::size_t c = 0; c < old.size(); ++c) {
    const slot copy = lvl[old[c]];
    const std::string_view name = c < renames.size() ? string_value(renames[c]) : copy.name;
    add_slot(lvl, self, name, raw_value(lvl, old[c]), copy.origin);
  }
}

}  // namespace

item_id new_item(level& lvl, std::string_view refname, bool complete) {
  item it;
  it.refname = refname;
  it.complete = complete;
  lvl.items.push_back(std::move(it));
  return item_id(lvl.items.size() - 1);
}

// An item showing the columns of a subquery, CTE or view; `t(a, b)` renames the first ones.
item_id output_item(level& lvl, const output& out, std::string_view refname,
                    const PgQuery__Alias* alias) {
  const item_id i = new_item(lvl, refname, out.complete);
  const auto renames =
      alias != nullptr ? list(alias->colnames, alias->n_colnames) : std::span<pg_node* const>();
  for (std::size_t c = 0; c < out.columns.size(); ++c) {
    const std::string_view name =
        c < renames.size() ? string_value(renames[c]) : out.columns[c].name;
    add_slot(lvl, i, name, out.columns[c].null, out.columns[c].origin);
  }
  if (renames.size() > out.columns.size()) lvl[i].complete = false;  // more names than columns
  return i;
}

scope lateral_scope(const level& lvl, const std::vector<item_id>& lateral, const scope* outer,
                    const cte_env* ctes) {
  scope s;
  s.lvl = &lvl;
  s.roots = lateral;
  s.parent = outer;
  s.ctes = ctes;
  return s;
}

item_id evaluator::from_item(level& lvl, const pg_node* n, const scope* outer, const cte_env* ctes,
                             const std::vector<item_id>& lateral) {
  if (n == nullptr) return new_item(lvl, "", false);
  switch (n->node_case) {
    case PG_QUERY__NODE__NODE_RANGE_VAR:
      return relation_item(lvl, n->range_var, ctes);
    case PG_QUERY__NODE__NODE_RANGE_TABLE_SAMPLE:
      if (n->range_table_sample != nullptr &&
          is(n->range_table_sample->relation, PG_QUERY__NODE__NODE_RANGE_VAR)) {
        const item_id sampled =
            relation_item(lvl, n->range_table_sample->relation->range_var, ctes);
        lvl[sampled].table = 0;  // some of its rows only
        return sampled;
      }
      return new_item(lvl, "", false);
    case PG_QUERY__NODE__NODE_RANGE_SUBSELECT:
      return subquery_item(lvl, n->range_subselect, outer, ctes, lateral);
    case PG_QUERY__NODE__NODE_RANGE_FUNCTION:
      return function_item(lvl, n->range_function, outer, ctes, lateral);
    case PG_QUERY__NODE__NODE_JOIN_EXPR:
      return join_item(lvl, n->join_expr, outer, ctes, lateral);
    default:
      return new_item(lvl, "", false);
  }
}

// A table, view or CTE. `ctes` is null for INSERT/UPDATE/DELETE targets, which are always
// tables.
item_id evaluator::relation_item(level& lvl, const PgQuery__RangeVar* rv, const cte_env* ctes) {
  if (rv == nullptr) return new_item(lvl, "", false);
  const std::string_view alias = rv->alias != nullptr ? text(rv->alias->aliasname) : "";
  const std::string_view refname = alias.empty() ? text(rv->relname) : alias;
  if (text(rv->schemaname).empty() && text(rv->catalogname).empty()) {
    if (cte_entry* cte = find_cte(ctes, text(rv->relname))) {
      return output_item(lvl, cte_output(*cte), refname, rv->alias);
    }
  }
  const catalog_relation* rel = catalog_.find(
      relation_name{std::string(text(rv->schemaname)), std::string(text(rv->relname))});
  if (rel == nullptr) return new_item(lvl, refname, false);
  const item_id i = catalog_item(lvl, *rel, refname, rv->alias);
  // A plain table, or a partitioned one read with its partitions (ONLY reads none of its rows).
  // Not an inheritance parent read with its children: they inherit neither its foreign keys
  // nor its triggers.
  const bool whole =
      rel->kind == 'r' ? !(rv->inh && rel->has_children) : rel->kind == 'p' && rv->inh;
  if (whole) lvl[i].table = rel->oid;
  return i;
}

item_id evaluator::catalog_item(level& lvl, const catalog_relation& rel, std::string_view refname,
                                const PgQuery__Alias* alias) {
  output out;
  const bool view = (rel.kind == 'v' || rel.kind == 'm') && !rel.view_definition.empty();
  const output defined = view ? view_output(rel) : output{};
  const bool view_known = view && defined.complete && defined.columns.size() == rel.columns.size();
  for (std::size_t c = 0; c < rel.columns.size(); ++c) {
    const catalog_column& col = rel.columns[c];
    nb null = col.not_null ? nb::not_null : nb::nullable;
    if (view) null = view_known ? defined.columns[c].null : nb::unknown;
    // A foreign table's NOT NULL is a promise about remote data nobody checks.
    if (rel.kind == 'f' && null == nb::not_null) null = nb::unknown;
    const column_origin origin =
        col.attnum > 0 ? column_origin{rel.oid, col.attnum} : column_origin{};
    out.columns.push_back({col.name, null, origin});
  }
  const item_id i = output_item(lvl, out, refname, alias);
  if (rel.kind == 'r' || rel.kind == 'm' || rel.kind == 'p') add_system_columns(lvl, i, rel.oid);
  return i;
}

item_id evaluator::subquery_item(level& lvl, const PgQuery__RangeSubselect* rs, const scope* outer,
                                 const cte_env* ctes, const std::vector<item_id>& lateral) {
  if (rs == nullptr) return new_item(lvl, "", false);
  const std::string_view refname = rs->alias != nullptr ? text(rs->alias->aliasname) : "";
  output out;
  if (rs->lateral != 0) {
    const scope lat = lateral_scope(lvl, lateral, outer, ctes);
    out = statement(rs->subquery, &lat, ctes);
  } else {
    out = statement(rs->subquery, outer, ctes);
  }
  return output_item(lvl, out, refname, rs->alias);
}

item_id evaluator::join_item(level& lvl, const PgQuery__JoinExpr* j, const scope* outer,
                             const cte_env* ctes, const std::vector<item_id>& lateral) {
  if (j == nullptr) return new_item(lvl, "", false);
  const item_id l = from_item(lvl, j->larg, outer, ctes, lateral);
  std::vector<item_id> lateral_right = lateral;  // the right side may refer to the left one
  lateral_right.push_back(l);
  const item_id r = from_item(lvl, j->rarg, outer, ctes, lateral_right);
  const item_id self = new_item(lvl, "", true);
  lvl[self].left = l;
  lvl[self].right = r;

  const std::vector<std::string_view> merged_names = merged_columns(lvl, j, l, r, self);
  std::vector<slot_id> merged;
  for (std::string_view name : merged_names) {
    merged.push_back(merge_column(lvl, j->jointype, l, r, self, name));
  }
  switch (j->jointype) {
    case PG_QUERY__JOIN_TYPE__JOIN_INNER:
      prove(lvl, {l, r}, j->quals, /*clear=*/true, item_id::none());
      break;
    case PG_QUERY__JOIN_TYPE__JOIN_LEFT:
      prove(lvl, {l, r}, j->quals, /*clear=*/false, r);  // matched right rows satisfy ON
      if (!joins_by_foreign_key(lvl, j->quals, l, r)) mark_extended(lvl, r);
      break;
    case PG_QUERY__JOIN_TYPE__JOIN_RIGHT:
      prove(lvl, {l, r}, j->quals, /*clear=*/false, l);
      if (!joins_by_foreign_key(lvl, j->quals, r, l)) mark_extended(lvl, l);
      break;
    case PG_QUERY__JOIN_TYPE__JOIN_FULL:
      // A side whose every row finds its match (a foreign key) never shows up unmatched, so
      // the other side is never NULL-extended: `r` is extended only by unmatched rows of `l`.
      {
        const bool left_always_matches = joins_by_foreign_key(lvl, j->quals, l, r);
        const bool right_always_matches = joins_by_foreign_key(lvl, j->quals, r, l);
        if (!right_always_matches) mark_extended(lvl, l);
        if (!left_always_matches) mark_extended(lvl, r);
      }
      break;
    default:  // anything unexpected: both sides can be NULL-extended
      mark_extended(lvl, l);
      mark_extended(lvl, r);
      break;
  }
  // The join's columns: merged ones, then the rest of the left, then the rest of the right.
  std::vector<slot_id> columns = merged;
  for (item_id side : {l, r}) {
    const item& input = lvl[side];
    if (!input.complete) lvl[self].complete = false;
    for (slot_id s : input.columns) {
      const auto name = lvl[s].name;
      if (std::find(merged_names.begin(), merged_names.end(), name) == merged_names.end()) {
        columns.push_back(s);
      }
    }
  }
  lvl[self].columns = columns;
  if (j->join_using_alias != nullptr && !text(j->join_using_alias->aliasname).empty()) {
    const item_id u = new_item(lvl, text(j->join_using_alias->aliasname), true);
    lvl[u].columns = merged;
    lvl[self].using_alias = u;
  }
  if (j->alias != nullptr && !text(j->alias->aliasname).empty()) alias_join(lvl, self, j->alias);
  return self;
}

// Marks the columns that `qual` proves non-NULL. With `clear`, the qual filters rows (WHERE,
// INNER JOIN ... ON), so a proven column's row is a real one and its item is not
// NULL-extended. Without it (the ON of an outer join) only rows of the `restrict_to` side
// that found a match are covered - still enough for their columns once the row is known real.
void evaluator::prove(level& lvl, const std::vector<item_id>& roots, const pg_node* qual,
                      bool clear, item_id restrict_to) {
  if (qual == nullptr) return;
  std::vector<const pg_node*> parts;
  conjuncts(qual, parts);
  std::vector<const PgQuery__ColumnRef*> refs;
  for (const pg_node* c : parts) strict_columns(c, refs);
  if (refs.empty()) return;
  scope here;
  here.lvl = &lvl;
  here.roots = roots;
  for (const PgQuery__ColumnRef* ref : refs) {
    const target_ref t = resolve(here, path_of(ref));
    if (t.at != &here || t.slot.is_none() || t.unsure) continue;  // not a column of this level
    const item_id owner = lvl[t.slot].owner;
    if (!restrict_to.is_none() && !within(lvl, restrict_to, owner)) continue;
    lvl[t.slot].proven = true;
    if (clear) lvl[owner].extended = false;
  }
}

}  // namespace sqlx::core::nullability_detail
