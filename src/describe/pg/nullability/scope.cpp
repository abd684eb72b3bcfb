#include "describe/pg/nullability/scope.hpp"

namespace sqlx::core::nullability_detail {
namespace {

enum class lookup : std::uint8_t { none, one, unsure };

// An unqualified column name among the roots of one level.
lookup column_here(const scope& sc, std::string_view name, slot_id& slot_out) {
  if (sc.lvl == nullptr) return lookup::none;
  int hits = 0;
  bool incomplete = false;
  for (item_id r : sc.roots) {
    const item& it = (*sc.lvl)[r];
    incomplete = incomplete || !it.complete;
    for (slot_id s : it.columns) {
      if ((*sc.lvl)[s].name == name) {
        ++hits;
        slot_out = s;
      }
    }
  }
  // One hit is the server's answer too: a second match anywhere would have been an error.
  if (hits == 1) return lookup::one;
  // A system column, unqualified: only a lone table has one by that name (user columns cannot
  // take these names; with two FROM items it would be ambiguous).
  if (hits == 0 && !incomplete && sc.roots.size() == 1) {
    const slot_id system = system_slot(*sc.lvl, sc.roots[0], name);
    if (!system.is_none()) {
      slot_out = system;
      return lookup::one;
    }
  }
  return hits > 1 || incomplete ? lookup::unsure : lookup::none;
}

void find_item(const level& l, item_id i, std::string_view name, int& hits, item_id& out) {
  if (i.is_none()) return;
  const item& it = l[i];
  if (!it.refname.empty() && it.refname == name) {
    ++hits;
    out = i;
    return;
  }
  if (it.hides_children) return;
  find_item(l, it.left, name, hits, out);
  find_item(l, it.right, name, hits, out);
  find_item(l, it.using_alias, name, hits, out);
}

// A FROM item named `name` in one level.
lookup item_here(const scope& sc, std::string_view name, item_id& item_out) {
  if (sc.lvl == nullptr) return lookup::none;
  int hits = 0;
  for (item_id r : sc.roots) find_item(*sc.lvl, r, name, hits, item_out);
  if (hits == 1) return lookup::one;
  return hits > 1 ? lookup::unsure : lookup::none;
}

}  // namespace

void mark_extended(level& l, item_id i) {
  if (i.is_none()) return;
  l[i].extended = true;
  mark_extended(l, l[i].left);
  mark_extended(l, l[i].right);
}

bool within(const level& l, item_id root, item_id i) {
  if (root.is_none()) return false;
  if (root == i) return true;
  const item& it = l[root];
  return within(l, it.left, i) || within(l, it.right, i);
}

slot_id unique_slot(const level& l, item_id i, std::string_view name) {
  slot_id found = slot_id::none();
  for (slot_id s : l[i].columns) {
    if (l[s].name != name) continue;
    if (!found.is_none()) return slot_id::none();
    found = s;
  }
  return found;
}

slot_id system_slot(const level& l, item_id i, std::string_view name) {
  for (slot_id s : l[i].system_columns) {
    if (l[s].name == name) return s;
  }
  return slot_id::none();
}

column_path path_of(const PgQuery__ColumnRef* ref) {
  column_path p;
  if (ref == nullptr) return p;
  const auto fields = list(ref->fields, ref->n_fields);
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (is(fields[i], PG_QUERY__NODE__NODE_A_STAR) && i + 1 == fields.size()) {
      p.star = true;
    } else if (is(fields[i], PG_QUERY__NODE__NODE_STRING) && p.size < p.names.size()) {
      p.names[p.size++] = string_value(fields[i]);
    } else {
      return p;
    }
  }
  p.valid = p.size > 0 || p.star;
  return p;
}

target_ref resolve(const scope& start, const column_path& p) {
  if (!p.valid || p.star) return {};
  if (p.size == 1) {
    for (const scope* s = &start; s != nullptr; s = s->parent) {
      slot_id found;
      const lookup l = column_here(*s, p.names[0], found);
      if (l == lookup::one) return {.at = s, .slot = found};
      if (l == lookup::unsure) return {.at = s, .unsure = true};
    }
    for (const scope* s = &start; s != nullptr; s = s->parent) {
      item_id found;
      const lookup l = item_here(*s, p.names[0], found);
      if (l == lookup::one) return {.at = s, .item = found};
      if (l == lookup::unsure) return {.at = s, .unsure = true};
    }
    return {};
  }
  if (p.size == 2) {
    for (const scope* s = &start; s != nullptr; s = s->parent) {
      item_id found;
      const lookup l = item_here(*s, p.names[0], found);
      if (l == lookup::unsure) return {.at = s, .unsure = true};
      if (l == lookup::none) continue;
      slot_id column = unique_slot(*s->lvl, found, p.names[1]);
      if (column.is_none()) column = system_slot(*s->lvl, found, p.names[1]);
      if (!column.is_none()) return {.at = s, .slot = column};
      return {.at = s, .item = found, .unsure = true};  // the item, not the column: unknown
    }
  }
  return {};  // schema-qualified references are rare; answer unknown
}

target_ref resolve_item(const scope& start, std::string_view name) {
  for (const scope* s = &start; s != nullptr; s = s->parent) {
    item_id found;
    const lookup l = item_here(*s, name, found);
    if (l == lookup::one) return {.at = s, .item = found};
    if (l == lookup::unsure) return {.at = s, .unsure = true};
  }
  return {};
}

target_ref whole_row_reference(const scope& start, const pg_node* n) {
  if (!is(n, PG_QUERY__NODE__NODE_COLUMN_REF)) return {};
  const column_path p = path_of(n->column_ref);
  const target_ref r = p.star ? target_ref{} : resolve(start, p);
  if (r.at == nullptr || r.unsure || !r.slot.is_none() || r.item.is_none()) return {};
  return r;
}

}  // namespace sqlx::core::nullability_detail
