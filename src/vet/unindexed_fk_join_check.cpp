#include "vet/unindexed_fk_join_check.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <set>
#include <string>

#include "describe/pg/nullability/predicates.hpp"
#include "vet/foreign_keys.hpp"
#include "vet/tree_helpers.hpp"

namespace sqlx::core::vet {

using namespace nullability_detail;

namespace {

// A table of one query level's FROM, under the name the level refers to it by.
struct from_table {
  std::string_view refname;
  const catalog_relation* relation = nullptr;
};

// `a.x = b.y` between two tables of the level: column attnums and where each side is written.
struct column_side {
  std::size_t table = 0;
  int attnum = 0;
  std::int32_t location = -1;
};
struct equality {
  column_side left;
  column_side right;
};

// One query level's tables, then those of the enclosing levels (a correlated subquery such
// as `EXISTS (SELECT FROM orders o WHERE o.user_id = u.id)` joins to them).
class level_model {
 public:
  level_model(const relation_catalog& catalog, const std::vector<from_table>& outer)
      : catalog_(catalog), outer_(outer) {}

  void add_from(const pg_node* n) {
    if (is(n, PG_QUERY__NODE__NODE_RANGE_VAR)) {
      add_table(n->range_var);
    } else if (is(n, PG_QUERY__NODE__NODE_JOIN_EXPR) && n->join_expr != nullptr) {
      add_from(n->join_expr->larg);
      add_from(n->join_expr->rarg);
      quals_.push_back(n->join_expr->quals);
    }
  }
  void add_table(const PgQuery__RangeVar* rv) {
    if (rv == nullptr) return;
    const std::string_view ref =
        rv->alias != nullptr ? text(rv->alias->aliasname) : text(rv->relname);
    tables_.push_back({ref, catalog_.find(relation_name{std::string(text(rv->schemaname)),
                                                        std::string(text(rv->relname))})});
  }
  void add_qual(const pg_node* n) { quals_.push_back(n); }

  [[nodiscard]] std::vector<equality> equalities() const {
    std::vector<equality> out;
    std::vector<const pg_node*> parts;
    for (const pg_node* q : quals_) conjuncts(q, parts);
    for (const pg_node* c : parts) {
      if (!is(c, PG_QUERY__NODE__NODE_A_EXPR) || c->a_expr == nullptr) continue;
      const PgQuery__AExpr* e = c->a_expr;
      if (e->kind != PG_QUERY__A__EXPR__KIND__AEXPR_OP ||
          last_name(list(e->name, e->n_name)) != "=") {
        continue;
      }
      const auto l = resolve(strip_casts(e->lexpr));
      const auto r = resolve(strip_casts(e->rexpr));
      // Between two outer tables it belongs to an outer level, which examined it already.
      if (l && r && l->table != r->table && std::min(l->table, r->table) < tables_.size()) {
        out.push_back({*l, *r});
      }
    }
    return out;
  }
  // This level's tables, then the enclosing levels' (the indices of column_side::table).
  [[nodiscard]] std::vector<from_table> visible() const {
    std::vector<from_table> all = tables_;
    all.insert(all.end(), outer_.begin(), outer_.end());
    return all;
  }

 private:
  [[nodiscard]] std::optional<column_side> resolve(const pg_node* n) const {
    if (!is(n, PG_QUERY__NODE__NODE_COLUMN_REF) || n->column_ref == nullptr) return std::nullopt;
    const auto fields = list(n->column_ref->fields, n->column_ref->n_fields);
    if (fields.empty() || fields.size() > 3) return std::nullopt;
    const std::string_view column = string_value(fields.back());
    const std::string_view table =
        fields.size() >= 2 ? string_value(fields[fields.size() - 2]) : "";
    // As PostgreSQL resolves names: this level first, then the enclosing ones.
    const std::vector<from_table> all = visible();
    for (const auto& [begin, end] :
         {std::pair<std::size_t, std::size_t>{0, tables_.size()},
          std::pair<std::size_t, std::size_t>{tables_.size(), all.size()}}) {
      std::optional<column_side> found;
      for (std::size_t i = begin; i < end; ++i) {
        if (all[i].relation == nullptr) continue;
        if (!table.empty() && all[i].refname != table) continue;
        for (const auto& c : all[i].relation->columns) {
          if (c.name != column) continue;
          if (found) return std::nullopt;  // ambiguous: PostgreSQL would reject it anyway
          found = column_side{i, c.attnum, n->column_ref->location};
        }
      }
      if (found) return found;
    }
    return std::nullopt;
  }

  const relation_catalog& catalog_;
  const std::vector<from_table>& outer_;
  std::vector<from_table> tables_;
  std::vector<const pg_node*> quals_;
};

// Whether the equalities join table `r` to table `f` on every column pair of `key`; the
// location of the referencing side of its first pair when they do.
std::optional<std::int32_t> joins_on(const foreign_key& key, const std::vector<equality>& eqs,
                                     std::size_t r, std::size_t f) {
  std::optional<std::int32_t> first;
  for (std::size_t i = 0; i < key.columns.size(); ++i) {
    bool paired = false;
    for (const equality& e : eqs) {
      for (const auto& [a, b] : {std::pair{e.left, e.right}, std::pair{e.right, e.left}}) {
        if (a.table == r && b.table == f && a.attnum == key.columns[i] &&
            b.attnum == key.referenced_columns[i]) {
          paired = true;
          if (!first) first = a.location;
        }
      }
    }
    if (!paired) return std::nullopt;
  }
  return first;
}

std::string column_list(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

}  // namespace

void unindexed_fk_join_check::check(const query_context& query, std::vector<finding>& out) const {
  std::set<std::string> reported;
  auto examine = [&](const level_model& level) {
    const auto eqs = level.equalities();
    if (eqs.empty()) return;
    const auto tables = level.visible();
    for (const foreign_key& key : query.foreign_keys) {
      if (key.indexed || reported.contains(key.name + "\n" + key.referencing_name)) continue;
      for (std::size_t r = 0; r < tables.size(); ++r) {
        for (std::size_t f = 0; f < tables.size(); ++f) {
          if (r == f || tables[r].relation == nullptr || tables[f].relation == nullptr ||
              tables[r].relation->oid != key.referencing ||
              tables[f].relation->oid != key.referenced) {
            continue;
          }
          const auto at = joins_on(key, eqs, r, f);
          if (!at || !reported.insert(key.name + "\n" + key.referencing_name).second) continue;
          out.push_back(
              {std::string(name()),
               fmt::format("join on foreign key `{}` ({}({}) -> {}({})), but no index on `{}` "
                           "starts with ({}): each lookup from `{}` reads the whole table; "
                           "CREATE INDEX ON {} ({})",
                           key.name, key.referencing_name, column_list(key.column_names),
                           key.referenced_name, column_list(key.referenced_column_names),
                           key.referencing_name, column_list(key.column_names), key.referenced_name,
                           key.referencing_name, column_list(key.column_names)),
               level::warning, location_of(*at)});
        }
      }
    }
  };
  // Each level (SELECT, UPDATE, DELETE) with the tables of the levels around it.
  std::function<void(const ProtobufCMessage*, const std::vector<from_table>&)> levels_below;
  auto level_at = [&](const ProtobufCMessage* m, const std::vector<from_table>& outer) {
    level_model level(query.catalog, outer);
    if (m->descriptor == &pg_query__select_stmt__descriptor) {
      const auto* s = reinterpret_cast<const PgQuery__SelectStmt*>(m);
      for (const pg_node* n : list(s->from_clause, s->n_from_clause)) level.add_from(n);
      level.add_qual(s->where_clause);
    } else if (m->descriptor == &pg_query__update_stmt__descriptor) {
      const auto* u = reinterpret_cast<const PgQuery__UpdateStmt*>(m);
      level.add_table(u->relation);
      for (const pg_node* n : list(u->from_clause, u->n_from_clause)) level.add_from(n);
      level.add_qual(u->where_clause);
    } else if (m->descriptor == &pg_query__delete_stmt__descriptor) {
      const auto* d = reinterpret_cast<const PgQuery__DeleteStmt*>(m);
      level.add_table(d->relation);
      for (const pg_node* n : list(d->using_clause, d->n_using_clause)) level.add_from(n);
      level.add_qual(d->where_clause);
    } else {
      return false;
    }
    examine(level);
    levels_below(m, level.visible());
    return true;
  };
  levels_below = [&](const ProtobufCMessage* root, const std::vector<from_table>& outer) {
    walk(root, [&](const ProtobufCMessage* m) { return m == root || !level_at(m, outer); });
  };
  levels_below(&query.statement->base, {});
}

}  // namespace sqlx::core::vet
