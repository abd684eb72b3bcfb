// Outer joins along a foreign key. `orders o LEFT JOIN users u ON u.id = o.user_id` cannot
// NULL-extend `u` when o.user_id is NOT NULL and a validated, non-deferrable foreign key makes
// it name a row of users: the statement's snapshot holds that row, and `users` read whole
// shows it. Anything less than exactly that (another condition in ON, a view, a CTE, a
// TABLESAMPLE, row-level security that may hide the row, a deferrable key) keeps the
// outer join's NULLs.
#include <algorithm>
#include <utility>
#include <vector>

#include "describe/pg/catalog.hpp"
#include "describe/pg/nullability/builtins.hpp"
#include "describe/pg/nullability/evaluator.hpp"
#include "describe/pg/nullability/predicates.hpp"

namespace sqlx::core::nullability_detail {
namespace {

// `a = b` between two column references, as its two references; nullptr otherwise.
std::pair<const PgQuery__ColumnRef*, const PgQuery__ColumnRef*> column_equality(const pg_node* n) {
  if (!is(n, PG_QUERY__NODE__NODE_A_EXPR) || n->a_expr == nullptr) return {};
  const PgQuery__AExpr* e = n->a_expr;
  if (e->kind != PG_QUERY__A__EXPR__KIND__AEXPR_OP) return {};
  const auto op = builtin_name(list(e->name, e->n_name));
  if (!op || *op != "=") return {};
  if (!is(e->lexpr, PG_QUERY__NODE__NODE_COLUMN_REF) ||
      !is(e->rexpr, PG_QUERY__NODE__NODE_COLUMN_REF)) {
    return {};
  }
  return {e->lexpr->column_ref, e->rexpr->column_ref};
}

}  // namespace

bool evaluator::joins_by_foreign_key(const level& lvl, const pg_node* quals, item_id from,
                                     item_id to) const {
  if (quals == nullptr || from.is_none() || to.is_none()) return false;
  const std::uint32_t referenced_oid = lvl[to].table;
  const catalog_relation* referenced = catalog_.find(referenced_oid);
  if (referenced_oid == 0 || referenced == nullptr || referenced->kind != 'r' ||
      referenced->row_security) {
    return false;
  }
  scope here;
  here.lvl = &lvl;
  here.roots = {from, to};

  std::vector<const pg_node*> parts;
  conjuncts(quals, parts);
  item_id referencing{};
  std::vector<std::pair<int, int>> pairs;  // (referencing attnum, referenced attnum)
  for (const pg_node* part : parts) {
    const auto [left, right] = column_equality(part);
    if (left == nullptr) return false;  // ON has more than the key's equalities
    const target_ref a = resolve(here, path_of(left));
    const target_ref b = resolve(here, path_of(right));
    for (const target_ref& t : {a, b}) {
      if (t.at != &here || t.slot.is_none() || t.unsure) return false;
    }
    const bool a_is_target = lvl[a.slot].owner == to;
    const slot_id target_slot = a_is_target ? a.slot : b.slot;
    const slot_id source_slot = a_is_target ? b.slot : a.slot;
    const item_id source = lvl[source_slot].owner;
    if (lvl[target_slot].owner != to || source == to || lvl[source].table == 0 ||
        !within(lvl, from, source)) {
      return false;
    }
    if (!referencing.is_none() && referencing != source) return false;
    referencing = source;
    if (raw_value(lvl, source_slot) != nb::not_null) return false;  // a NULL key matches nothing
    pairs.emplace_back(lvl[source_slot].origin.attnum, lvl[target_slot].origin.attnum);
  }
  if (pairs.empty()) return false;
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  const catalog_relation* table = catalog_.find(lvl[referencing].table);
  if (table == nullptr) return false;
  return std::ranges::any_of(table->foreign_keys, [&](const catalog_foreign_key& key) {
    return key.referenced == referenced_oid && key.columns == pairs;
  });
}

}  // namespace sqlx::core::nullability_detail
