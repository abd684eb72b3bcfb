// The evaluator's expressions: constants, column references, operators, CASE, COALESCE,
// subqueries and the rest of PostgreSQL's expression nodes (function calls are in
// evaluator_functions.cpp). Anything not modelled answers `unknown`.
#include <algorithm>
#include <optional>

#include "describe/pg/nullability/builtins.hpp"
#include "describe/pg/nullability/evaluator.hpp"
#include "describe/pg/nullability/predicates.hpp"

namespace sqlx::core::nullability_detail {
namespace {

nb whole_row(const scope& at, item_id i) {
  if (at.grouped || (*at.lvl)[i].extended) return nb::nullable;
  return nb::not_null;
}

// The name of the outer-joined item whose missing row is the only way slot `s` is NULL: its
// item is NULL-extended, its value in a real row is not NULL, and the name is the only one
// of its level (so that it names one row). Empty otherwise.
std::string_view outer_row_of(const scope& at, slot_id s) {
  if (at.grouped) return {};
  const level& l = *at.lvl;
  const slot& sl = l[s];
  const item& owner = l[sl.owner];
  if (!owner.extended || owner.refname.empty()) return {};
  if (!sl.proven && sl.base != nb::not_null) return {};
  std::size_t same_name = 0;
  for (const item& i : l.items) same_name += i.refname == owner.refname ? 1 : 0;
  return same_name == 1 ? owner.refname : std::string_view{};
}

value column_ref(const PgQuery__ColumnRef* ref, const scope& sc) {
  value v;
  const column_path p = path_of(ref);
  if (!p.valid) return v;
  if (p.size > 0) named(v, p.names[p.size - 1]);
  if (p.star) {  // t.* inside an expression: a row value, NULL only when NULL-extended
    if (p.size != 1) return v;
    const target_ref t = resolve_item(sc, p.names[0]);
    if (t.at != nullptr && !t.unsure) v.null = whole_row(*t.at, t.item);
    return v;
  }
  const target_ref t = resolve(sc, p);
  if (t.at == nullptr) return v;
  if (!t.slot.is_none() && !t.unsure) {
    v.null = slot_value(*t.at, t.slot);
    v.origin = (*t.at->lvl)[t.slot].origin;
    v.outer_row = outer_row_of(*t.at, t.slot);
  } else if (!t.item.is_none() && !t.unsure) {
    v.null = whole_row(*t.at, t.item);
  } else if (!t.item.is_none() && (*t.at->lvl)[t.item].extended) {
    v.null = nb::nullable;  // an unknown column, but of a NULL-extended item
  }
  return v;
}

// Column `field` of the FROM item a whole-row reference `arg` names; nullopt when `arg` is not
// one or the item has no such single column.
std::optional<value> whole_row_field(const pg_node* arg, std::string_view field, const scope& sc) {
  const target_ref t = whole_row_reference(sc, arg);
  if (t.at == nullptr) return std::nullopt;
  const slot_id s = unique_slot(*t.at->lvl, t.item, field);
  if (s.is_none()) return std::nullopt;
  value v;
  named(v, field);
  v.null = slot_value(*t.at, s);
  v.origin = (*t.at->lvl)[s].origin;
  return v;
}

value sql_value_function(const PgQuery__SQLValueFunction* f) {
  value v;
  if (f == nullptr) return v;
  v.null = nb::not_null;
  switch (f->op) {
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_DATE:
      named(v, "current_date");
      break;
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIME:
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIME_N:
      named(v, "current_time");
      break;
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIMESTAMP:
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIMESTAMP_N:
      named(v, "current_timestamp");
      break;
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIME:
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIME_N:
      named(v, "localtime");
      break;
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIMESTAMP:
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIMESTAMP_N:
      named(v, "localtimestamp");
      break;
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_ROLE:
      named(v, "current_role");
      break;
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_USER:
      named(v, "current_user");
      break;
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_USER:
      named(v, "user");
      break;
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_SESSION_USER:
      named(v, "session_user");
      break;
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_CATALOG:
      named(v, "current_catalog");
      break;
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_SCHEMA:
      named(v, "current_schema");
      v.null = nb::nullable;  // NULL when no schema on search_path exists
      break;
    default:
      v.null = nb::unknown;
      v.name = "";
      break;
  }
  return v;
}

}  // namespace

value evaluator::expr(const pg_node* n, const scope& sc) {
  value v;
  if (n == nullptr) return v;
  depth_guard guard(depth_);
  if (guard.too_deep()) return v;
  switch (n->node_case) {
    case PG_QUERY__NODE__NODE_COLUMN_REF:
      return column_ref(n->column_ref, sc);
    case PG_QUERY__NODE__NODE_A_CONST:
      v.null = n->a_const != nullptr && n->a_const->isnull == 0 ? nb::not_null : nb::nullable;
      return v;
    case PG_QUERY__NODE__NODE_PARAM_REF:  // the caller may bind NULL
      v.null = nb::nullable;
      return v;
    case PG_QUERY__NODE__NODE_TYPE_CAST:
      return type_cast(n->type_cast, sc);
    case PG_QUERY__NODE__NODE_COLLATE_CLAUSE: {
      if (n->collate_clause == nullptr) return v;
      value inner = expr(n->collate_clause->arg, sc);
      inner.origin = {};
      return inner;
    }
    case PG_QUERY__NODE__NODE_A_EXPR:
      return a_expr(n->a_expr, sc);
    case PG_QUERY__NODE__NODE_BOOL_EXPR:
      if (n->bool_expr != nullptr) {
        v.null = all_args(list(n->bool_expr->args, n->bool_expr->n_args), sc);
      }
      return v;
    case PG_QUERY__NODE__NODE_NULL_TEST:
    case PG_QUERY__NODE__NODE_BOOLEAN_TEST:
    case PG_QUERY__NODE__NODE_GROUPING_FUNC:
      v.null = nb::not_null;
      if (n->node_case == PG_QUERY__NODE__NODE_GROUPING_FUNC) named(v, "grouping");
      return v;
    case PG_QUERY__NODE__NODE_CASE_EXPR:
      return case_expr(n->case_expr, sc);
    case PG_QUERY__NODE__NODE_COALESCE_EXPR:
      if (n->coalesce_expr != nullptr) {
        v.null = any_arg(list(n->coalesce_expr->args, n->coalesce_expr->n_args), sc);
      }
      named(v, "coalesce");
      return v;
    case PG_QUERY__NODE__NODE_MIN_MAX_EXPR:  // GREATEST/LEAST ignore NULL arguments
      if (n->min_max_expr == nullptr) return v;
      v.null = any_arg(list(n->min_max_expr->args, n->min_max_expr->n_args), sc);
      named(v, n->min_max_expr->op == PG_QUERY__MIN_MAX_OP__IS_LEAST ? "least" : "greatest");
      return v;
    case PG_QUERY__NODE__NODE_SQLVALUE_FUNCTION:
      return sql_value_function(n->sqlvalue_function);
    case PG_QUERY__NODE__NODE_SUB_LINK:
      return sublink(n->sub_link, sc);
    case PG_QUERY__NODE__NODE_FUNC_CALL:
      return func_call(n->func_call, sc);
    case PG_QUERY__NODE__NODE_A_ARRAY_EXPR:
      v.null = nb::not_null;
      named(v, "array");
      return v;
    case PG_QUERY__NODE__NODE_ROW_EXPR:
      v.null = nb::not_null;
      named(v, "row");
      return v;
    case PG_QUERY__NODE__NODE_A_INDIRECTION:
      return indirection(n->a_indirection, sc);
    case PG_QUERY__NODE__NODE_NAMED_ARG_EXPR:
      return n->named_arg_expr != nullptr ? expr(n->named_arg_expr->arg, sc) : v;
    case PG_QUERY__NODE__NODE_XML_EXPR:
    case PG_QUERY__NODE__NODE_XML_SERIALIZE:
      v.name = "";  // named by PostgreSQL in ways not modelled: never match by name
      return v;
    default:
      return v;
  }
}

nb evaluator::all_args(std::span<pg_node* const> args, const scope& sc) {
  nb result = nb::not_null;
  for (const pg_node* a : args) result = worst(result, expr(a, sc).null);
  return result;
}

nb evaluator::any_arg(std::span<pg_node* const> args, const scope& sc) {
  if (args.empty()) return nb::unknown;
  nb result = nb::nullable;
  for (const pg_node* a : args) result = best(result, expr(a, sc).null);
  return result;
}

value evaluator::type_cast(const PgQuery__TypeCast* c, const scope& sc) {
  if (c == nullptr) return {};
  value v = expr(c->arg, sc);
  v.origin = {};
  if (v.strength <= name_strength::weak && c->type_name != nullptr) {
    const std::string_view type = last_name(list(c->type_name->names, c->type_name->n_names));
    if (!type.empty()) {
      v.name = type;
      v.strength = name_strength::weak;
    }
  }
  return v;
}

value evaluator::a_expr(const PgQuery__AExpr* e, const scope& sc) {
  value v;
  if (e == nullptr) return v;
  const auto op = builtin_name(list(e->name, e->n_name));
  switch (e->kind) {
    case PG_QUERY__A__EXPR__KIND__AEXPR_OP:
      if (op && json_access_operator(*op)) {
        v.null = nb::nullable;
      } else if (op && preserving_operator(*op)) {
        v.null = compared({e->lexpr, e->rexpr}, sc);
      }
      return v;
    case PG_QUERY__A__EXPR__KIND__AEXPR_OP_ANY:
    case PG_QUERY__A__EXPR__KIND__AEXPR_OP_ALL:
      if (op && preserving_operator(*op)) v.null = quantified(e, sc);
      return v;
    case PG_QUERY__A__EXPR__KIND__AEXPR_DISTINCT:
    case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_DISTINCT:
      v.null = nb::not_null;
      return v;
    case PG_QUERY__A__EXPR__KIND__AEXPR_NULLIF:
      v.null = nb::nullable;
      named(v, "nullif");
      return v;
    case PG_QUERY__A__EXPR__KIND__AEXPR_IN:
    case PG_QUERY__A__EXPR__KIND__AEXPR_BETWEEN:
    case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN:
    case PG_QUERY__A__EXPR__KIND__AEXPR_BETWEEN_SYM:
    case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN_SYM:
      // x IN (a, b) / x BETWEEN a AND b: NULL when x or a compared item is NULL
      if (!is(e->rexpr, PG_QUERY__NODE__NODE_LIST) || e->rexpr->list == nullptr) return v;
      {
        std::vector<const pg_node*> operands{e->lexpr};
        for (const pg_node* i : list(e->rexpr->list->items, e->rexpr->list->n_items)) {
          operands.push_back(i);
        }
        v.null = compared(operands, sc);
      }
      return v;
    case PG_QUERY__A__EXPR__KIND__AEXPR_LIKE:
    case PG_QUERY__A__EXPR__KIND__AEXPR_ILIKE:
    case PG_QUERY__A__EXPR__KIND__AEXPR_SIMILAR:
      v.null = compared({e->lexpr, e->rexpr}, sc);
      return v;
    default:
      return v;
  }
}

// The operands of a strict operator. Row constructors compare field by field, and a NULL
// field makes the comparison NULL: (1, NULL) = (1, 2) is NULL although neither row is. So
// rows count by their fields, and a row compared with a non-row value is not modelled.
nb evaluator::compared(const std::vector<const pg_node*>& operands, const scope& sc) {
  const auto row = [](const pg_node* n) {
    return is(n, PG_QUERY__NODE__NODE_ROW_EXPR) && n->row_expr != nullptr;
  };
  const bool any_row = std::any_of(operands.begin(), operands.end(), row);
  nb result = nb::not_null;
  for (const pg_node* n : operands) {
    if (n == nullptr) continue;  // the missing side of a prefix operator
    if (!any_row) {
      result = worst(result, expr(n, sc).null);
    } else if (row(n)) {
      result = worst(result, all_args(list(n->row_expr->args, n->row_expr->n_args), sc));
    } else {
      result = worst(result, nb::unknown);
    }
  }
  return result;
}

// x op ANY/ALL (array): NULL when x is, or when the array holds a NULL and nothing decides;
// only an ARRAY[...] of non-NULL elements rules that out.
nb evaluator::quantified(const PgQuery__AExpr* e, const scope& sc) {
  if (is(e->lexpr, PG_QUERY__NODE__NODE_ROW_EXPR)) return nb::unknown;
  const nb left = expr(e->lexpr, sc).null;
  if (is(e->rexpr, PG_QUERY__NODE__NODE_A_ARRAY_EXPR) && e->rexpr->a_array_expr != nullptr) {
    return worst(
        left,
        all_args(list(e->rexpr->a_array_expr->elements, e->rexpr->a_array_expr->n_elements), sc));
  }
  const nb both = worst(left, expr(e->rexpr, sc).null);
  return both == nb::not_null ? nb::unknown : both;
}

value evaluator::case_expr(const PgQuery__CaseExpr* c, const scope& sc) {
  value v;
  if (c == nullptr) return v;
  nb result = nb::not_null;
  for (const pg_node* w : list(c->args, c->n_args)) {
    if (!is(w, PG_QUERY__NODE__NODE_CASE_WHEN) || w->case_when == nullptr) return v;
    result = worst(result, expr(w->case_when->result, sc).null);
  }
  // Without ELSE, no branch taken means NULL.
  const value def = c->defresult != nullptr ? expr(c->defresult, sc) : value{};
  v.null = c->defresult != nullptr ? worst(result, def.null) : nb::nullable;
  if (def.strength > name_strength::weak) {
    v.name = def.name;
    v.strength = def.strength;
  } else {
    v.name = "case";
    v.strength = name_strength::weak;
  }
  return v;
}

value evaluator::sublink(const PgQuery__SubLink* s, const scope& sc) {
  value v;
  if (s == nullptr) return v;
  switch (s->sub_link_type) {
    case PG_QUERY__SUB_LINK_TYPE__EXISTS_SUBLINK:
      v.null = nb::not_null;
      named(v, "exists");
      return v;
    case PG_QUERY__SUB_LINK_TYPE__ARRAY_SUBLINK:  // no rows give an empty array
      v.null = nb::not_null;
      named(v, "array");
      return v;
    case PG_QUERY__SUB_LINK_TYPE__EXPR_SUBLINK: {
      const output out = statement(s->subselect, &sc, sc.ctes);
      if (!out.columns.empty()) named(v, out.columns[0].name);
      // NULL when no row comes back, unless the subquery always returns one.
      v.null = nb::nullable;
      if (out.complete && out.columns.size() == 1 && returns_one_row(s->subselect)) {
        v.null = out.columns[0].null;
      }
      return v;
    }
    case PG_QUERY__SUB_LINK_TYPE__ANY_SUBLINK:
    case PG_QUERY__SUB_LINK_TYPE__ALL_SUBLINK: {
      // x IN (SELECT y ...): NULL only when x or some y is NULL; no rows give false/true.
      const auto op = s->n_oper_name == 0 ? std::optional<std::string_view>("=")
                                          : builtin_name(list(s->oper_name, s->n_oper_name));
      if (!op || !preserving_operator(*op) || is(s->testexpr, PG_QUERY__NODE__NODE_ROW_EXPR)) {
        return v;
      }
      const output out = statement(s->subselect, &sc, sc.ctes);
      const nb right = out.complete && out.columns.size() == 1 ? out.columns[0].null : nb::unknown;
      v.null = worst(expr(s->testexpr, sc).null, right);
      return v;
    }
    default:
      return v;
  }
}

value evaluator::indirection(const PgQuery__AIndirection* ind, const scope& sc) {
  value v;
  if (ind == nullptr) return v;
  const value base = expr(ind->arg, sc);
  bool subscript = false;
  std::string_view field;
  for (const pg_node* i : list(ind->indirection, ind->n_indirection)) {
    if (is(i, PG_QUERY__NODE__NODE_A_INDICES)) subscript = true;
    if (is(i, PG_QUERY__NODE__NODE_STRING)) field = string_value(i);
  }
  if (!field.empty()) {
    named(v, field);
  } else {
    v.name = base.name;
    v.strength = base.strength;
  }
  const auto path = list(ind->indirection, ind->n_indirection);
  if (path.size() == 1 && !field.empty()) {
    // `(t).c` of a whole-row reference is column c of FROM item t; a field of any other
    // composite value can be NULL (a composite type's fields carry no NOT NULL).
    if (const auto column = whole_row_field(ind->arg, field, sc)) return *column;
    v.null = nb::nullable;
    return v;
  }
  // Subscripts out of range give NULL; a field of a NULL row is NULL.
  v.null = subscript || base.null == nb::nullable ? nb::nullable : nb::unknown;
  return v;
}

}  // namespace sqlx::core::nullability_detail
