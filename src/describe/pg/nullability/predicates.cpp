#include "describe/pg/nullability/predicates.hpp"

#include "describe/pg/nullability/builtins.hpp"

namespace sqlx::core::nullability_detail {
namespace {

// A column reference under casts and COLLATE, which keep NULL as NULL.
const PgQuery__ColumnRef* plain_column(const pg_node* n) {
  while (n != nullptr) {
    if (is(n, PG_QUERY__NODE__NODE_COLUMN_REF)) return n->column_ref;
    if (is(n, PG_QUERY__NODE__NODE_TYPE_CAST) && n->type_cast != nullptr) {
      n = n->type_cast->arg;
    } else if (is(n, PG_QUERY__NODE__NODE_COLLATE_CLAUSE) && n->collate_clause != nullptr) {
      n = n->collate_clause->arg;
    } else {
      return nullptr;
    }
  }
  return nullptr;
}

// Whether an expression calls an aggregate of this query level (not in a subquery, not a
// window function), and whether it calls a function we do not know (it might return a set).
struct call_census {
  bool aggregate = false;
  bool unlisted = false;
};

call_census census(const pg_node* n) {
  call_census c;
  walk(n != nullptr ? &n->base : nullptr, [&c](const ProtobufCMessage* m) {
    if (m->descriptor == &pg_query__sub_link__descriptor) return false;
    if (m->descriptor != &pg_query__func_call__descriptor) return true;
    const auto* f = reinterpret_cast<const PgQuery__FuncCall*>(m);
    const auto name = builtin_name(list(f->funcname, f->n_funcname));
    if (!name || !function_kind(*name)) c.unlisted = true;
    if (name && is_aggregate(*name) && f->over == nullptr) c.aggregate = true;
    return true;
  });
  return c;
}

}  // namespace

void conjuncts(const pg_node* n, std::vector<const pg_node*>& out) {
  if (n == nullptr) return;
  if (is(n, PG_QUERY__NODE__NODE_BOOL_EXPR) && n->bool_expr != nullptr &&
      n->bool_expr->boolop == PG_QUERY__BOOL_EXPR_TYPE__AND_EXPR) {
    for (const pg_node* a : list(n->bool_expr->args, n->bool_expr->n_args)) conjuncts(a, out);
    return;
  }
  out.push_back(n);
}

void strict_columns(const pg_node* c, std::vector<const PgQuery__ColumnRef*>& out) {
  auto add = [&out](const pg_node* n) {
    if (const auto* ref = plain_column(n)) out.push_back(ref);
  };
  if (c == nullptr) return;
  switch (c->node_case) {
    case PG_QUERY__NODE__NODE_COLUMN_REF:  // a boolean column used as the condition
      add(c);
      return;
    case PG_QUERY__NODE__NODE_NULL_TEST:
      if (c->null_test != nullptr &&
          c->null_test->nulltesttype == PG_QUERY__NULL_TEST_TYPE__IS_NOT_NULL) {
        add(c->null_test->arg);
      }
      return;
    case PG_QUERY__NODE__NODE_BOOLEAN_TEST:
      if (c->boolean_test != nullptr &&
          (c->boolean_test->booltesttype == PG_QUERY__BOOL_TEST_TYPE__IS_TRUE ||
           c->boolean_test->booltesttype == PG_QUERY__BOOL_TEST_TYPE__IS_FALSE)) {
        add(c->boolean_test->arg);
      }
      return;
    case PG_QUERY__NODE__NODE_BOOL_EXPR:
      if (c->bool_expr != nullptr && c->bool_expr->boolop == PG_QUERY__BOOL_EXPR_TYPE__NOT_EXPR &&
          c->bool_expr->n_args == 1) {
        add(c->bool_expr->args[0]);
      }
      return;
    case PG_QUERY__NODE__NODE_SUB_LINK:  // x IN (SELECT ...) is false, not true, on no rows
      if (c->sub_link != nullptr &&
          c->sub_link->sub_link_type == PG_QUERY__SUB_LINK_TYPE__ANY_SUBLINK) {
        add(c->sub_link->testexpr);
      }
      return;
    case PG_QUERY__NODE__NODE_A_EXPR: {
      const PgQuery__AExpr* e = c->a_expr;
      if (e == nullptr) return;
      const auto op = builtin_name(list(e->name, e->n_name));
      switch (e->kind) {
        case PG_QUERY__A__EXPR__KIND__AEXPR_OP:
          if (op && comparison_operator(*op)) {
            add(e->lexpr);
            add(e->rexpr);
          }
          return;
        case PG_QUERY__A__EXPR__KIND__AEXPR_OP_ANY:  // not ALL: true over an empty array
          if (op && comparison_operator(*op)) add(e->lexpr);
          return;
        case PG_QUERY__A__EXPR__KIND__AEXPR_IN:
        case PG_QUERY__A__EXPR__KIND__AEXPR_LIKE:
        case PG_QUERY__A__EXPR__KIND__AEXPR_ILIKE:
        case PG_QUERY__A__EXPR__KIND__AEXPR_SIMILAR:
        case PG_QUERY__A__EXPR__KIND__AEXPR_BETWEEN:
        case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN:
        case PG_QUERY__A__EXPR__KIND__AEXPR_BETWEEN_SYM:
        case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN_SYM:
          add(e->lexpr);
          return;
        default:
          return;
      }
    }
    default:
      return;
  }
}

bool plain_group_by(const PgQuery__SelectStmt* s) {
  for (const pg_node* g : list(s->group_clause, s->n_group_clause)) {
    if (is(g, PG_QUERY__NODE__NODE_GROUPING_SET)) return false;
  }
  return s->n_group_clause > 0;
}

bool has_grouping_sets(const PgQuery__SelectStmt* s) {
  for (const pg_node* g : list(s->group_clause, s->n_group_clause)) {
    if (is(g, PG_QUERY__NODE__NODE_GROUPING_SET) && g->grouping_set != nullptr &&
        g->grouping_set->kind != PG_QUERY__GROUPING_SET_KIND__GROUPING_SET_EMPTY) {
      return true;
    }
  }
  return false;
}

bool returns_one_row(const pg_node* n) {
  if (!is(n, PG_QUERY__NODE__NODE_SELECT_STMT) || n->select_stmt == nullptr) return false;
  const PgQuery__SelectStmt* s = n->select_stmt;
  if (s->op == PG_QUERY__SET_OPERATION__SETOP_UNION ||
      s->op == PG_QUERY__SET_OPERATION__SETOP_INTERSECT ||
      s->op == PG_QUERY__SET_OPERATION__SETOP_EXCEPT || s->n_values_lists != 0 ||
      s->n_group_clause != 0 || s->having_clause != nullptr || s->limit_count != nullptr ||
      s->limit_offset != nullptr || s->n_target_list != 1) {
    return false;
  }
  const pg_node* target = s->target_list[0];
  if (!is(target, PG_QUERY__NODE__NODE_RES_TARGET) || target->res_target == nullptr) return false;
  const call_census c = census(target->res_target->val);
  if (c.unlisted) return false;
  return c.aggregate || (s->n_from_clause == 0 && s->where_clause == nullptr);
}

}  // namespace sqlx::core::nullability_detail
