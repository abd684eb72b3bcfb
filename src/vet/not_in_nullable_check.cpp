#include "vet/not_in_nullable_check.hpp"

#include <fmt/format.h>

#include "describe/pg/nullability/evaluator.hpp"
#include "vet/tree_helpers.hpp"

namespace sqlx::core::vet {

using namespace nullability_detail;

namespace {

// The subquery of `x NOT IN (subquery)` (NOT over IN, which the parser writes as an ANY
// sublink without operator) or of `x <> ALL (subquery)`; nullptr for anything else.
const PgQuery__SubLink* negated_membership(const ProtobufCMessage* m) {
  if (m->descriptor == &pg_query__bool_expr__descriptor) {
    const auto* b = reinterpret_cast<const PgQuery__BoolExpr*>(m);
    if (b->boolop != PG_QUERY__BOOL_EXPR_TYPE__NOT_EXPR || b->n_args != 1) return nullptr;
    const pg_node* arg = b->args[0];
    if (!is(arg, PG_QUERY__NODE__NODE_SUB_LINK) || arg->sub_link == nullptr) return nullptr;
    const PgQuery__SubLink* s = arg->sub_link;
    const std::string_view op = last_name(list(s->oper_name, s->n_oper_name));
    if (s->sub_link_type == PG_QUERY__SUB_LINK_TYPE__ANY_SUBLINK && (op.empty() || op == "=")) {
      return s;
    }
    return nullptr;
  }
  if (m->descriptor == &pg_query__sub_link__descriptor) {
    const auto* s = reinterpret_cast<const PgQuery__SubLink*>(m);
    if (s->sub_link_type == PG_QUERY__SUB_LINK_TYPE__ALL_SUBLINK &&
        last_name(list(s->oper_name, s->n_oper_name)) == "<>") {
      return s;
    }
  }
  return nullptr;
}

// `x NOT IN (1, NULL)`: the list form, which the parser keeps as an IN expression.
const PgQuery__AExpr* not_in_list_with_null(const ProtobufCMessage* m) {
  if (m->descriptor != &pg_query__a__expr__descriptor) return nullptr;
  const auto* e = reinterpret_cast<const PgQuery__AExpr*>(m);
  if (e->kind != PG_QUERY__A__EXPR__KIND__AEXPR_IN) return nullptr;
  if (last_name(list(e->name, e->n_name)) != "<>") return nullptr;
  if (!is(e->rexpr, PG_QUERY__NODE__NODE_LIST) || e->rexpr->list == nullptr) return nullptr;
  for (const pg_node* item : list(e->rexpr->list->items, e->rexpr->list->n_items)) {
    if (is_null_constant(item)) return e;
  }
  return nullptr;
}

struct subquery_column {
  nullability null = nullability::unknown;
  std::string name;
};

// The WITH clause of the statement itself (the CTEs every subquery can read).
const PgQuery__WithClause* statement_with(const pg_node* n) {
  if (is(n, PG_QUERY__NODE__NODE_SELECT_STMT)) return n->select_stmt->with_clause;
  if (is(n, PG_QUERY__NODE__NODE_INSERT_STMT)) return n->insert_stmt->with_clause;
  if (is(n, PG_QUERY__NODE__NODE_UPDATE_STMT)) return n->update_stmt->with_clause;
  if (is(n, PG_QUERY__NODE__NODE_DELETE_STMT)) return n->delete_stmt->with_clause;
  return nullptr;
}

// The subquery's selected column(s), as describe would infer them; a row of several columns
// counts as NULL when any of them can be (a row comparison with a NULL field is NULL).
subquery_column selected(const query_context& query, const pg_node* subselect) {
  subquery_column c;
  try {
    evaluator ev(query.catalog);
    // The subquery sees the statement's CTEs: evaluate a shallow copy of it that owns the
    // statement's WITH clause (the evaluator only reads the tree). One with its own WITH is
    // evaluated as written.
    PgQuery__SelectStmt with_ctes;
    pg_node with_ctes_node;
    const PgQuery__WithClause* ctes = statement_with(query.statement);
    if (ctes != nullptr && is(subselect, PG_QUERY__NODE__NODE_SELECT_STMT) &&
        subselect->select_stmt != nullptr && subselect->select_stmt->with_clause == nullptr) {
      with_ctes = *subselect->select_stmt;
      with_ctes.with_clause = const_cast<PgQuery__WithClause*>(ctes);
      with_ctes_node = *subselect;
      with_ctes_node.select_stmt = &with_ctes;
      subselect = &with_ctes_node;
    }
    // No outer scope: a correlated reference resolves to nothing; the subquery's own columns
    // are judged all the same, and what cannot be is `unknown` ("not known to be NOT NULL").
    const output o = ev.statement(subselect, nullptr, nullptr);
    if (!o.complete || o.columns.empty()) return c;
    c.null = nullability::not_null;
    for (const auto& column : o.columns) {
      c.null = worst(c.null, column.null);
      if (!c.name.empty()) c.name += ", ";
      c.name += column.name;
    }
  } catch (...) {
    c.null = nullability::unknown;
  }
  return c;
}

}  // namespace

void not_in_nullable_check::check(const query_context& query, std::vector<finding>& out) const {
  constexpr std::string_view advice =
      "use NOT EXISTS, or exclude the NULLs in the subquery (WHERE ... IS NOT NULL)";
  walk(&query.statement->base, [&](const ProtobufCMessage* m) {
    if (const PgQuery__AExpr* e = not_in_list_with_null(m)) {
      out.push_back({std::string(name()),
                     "NOT IN over a list holding NULL is never true: no row qualifies",
                     level::warning, location_of(e->location)});
      return true;
    }
    const PgQuery__SubLink* s = negated_membership(m);
    if (s == nullptr) return true;
    const subquery_column c = selected(query, s->subselect);
    if (c.null == nullability::not_null) return true;
    const std::string column = c.name.empty() ? "its column" : fmt::format("`{}`", c.name);
    out.push_back(
        {std::string(name()),
         c.null == nullability::nullable
             ? fmt::format("NOT IN over a subquery whose column {} can be NULL: once it returns "
                           "a NULL, NOT IN is never true and no row qualifies; {}",
                           column, advice)
             : fmt::format("NOT IN over a subquery whose column {} is not known to be NOT NULL: "
                           "if it returns a NULL, NOT IN is never true and no row qualifies; {}",
                           column, advice),
         level::warning, location_of(s->location)});
    return true;
  });
}

}  // namespace sqlx::core::vet
