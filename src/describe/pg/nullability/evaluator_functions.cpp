// The evaluator's function calls: built-in functions by kind (builtins.hpp), and aggregates
// and window functions, which are not NULL when they certainly see at least one row.
#include "describe/pg/nullability/builtins.hpp"
#include "describe/pg/nullability/evaluator.hpp"
#include "describe/pg/nullability/predicates.hpp"

namespace sqlx::core::nullability_detail {
namespace {

// FRAMEOPTION_NONDEFAULT in PostgreSQL's parsenodes.h: the window has an explicit frame.
constexpr int frameoption_nondefault = 0x1;

const PgQuery__WindowDef* named_window(const scope& sc, std::string_view name) {
  for (const pg_node* w : sc.windows) {
    if (is(w, PG_QUERY__NODE__NODE_WINDOW_DEF) && w->window_def != nullptr &&
        text(w->window_def->name) == name) {
      return w->window_def;
    }
  }
  return nullptr;
}

// An aggregate whose arguments mention only outer-level columns belongs to that outer level
// (SQL standard), where the groups are not ours.
bool aggregates_this_level(const PgQuery__FuncCall* f, const scope& sc) {
  bool outer_only = false;
  bool local = false;
  for (const pg_node* a : list(f->args, f->n_args)) {
    walk(&a->base, [&](const ProtobufCMessage* m) {
      if (m->descriptor == &pg_query__sub_link__descriptor) return false;
      if (m->descriptor != &pg_query__column_ref__descriptor) return true;
      const target_ref t = resolve(sc, path_of(reinterpret_cast<const PgQuery__ColumnRef*>(m)));
      if (t.at == &sc) {
        local = true;
      } else {
        outer_only = true;  // outer, or not resolved: assume the worst
      }
      return false;
    });
  }
  return local || !outer_only;
}

// Whether an aggregate or window function certainly sees at least one row: a window with the
// default frame (it contains the current row), or an aggregate of this query level under a
// plain GROUP BY. A FILTER can leave it with none, unless it keeps every row.
bool over_nonempty_set(const PgQuery__FuncCall* f, std::string_view name, const scope& sc,
                       bool filter_keeps_every_row) {
  if ((f->agg_filter != nullptr && !filter_keeps_every_row) || f->agg_within_group != 0) {
    return false;
  }
  if (f->over != nullptr) {
    // OVER w takes w's frame; OVER (w ORDER BY ...) has its own (w may not have one).
    const PgQuery__WindowDef* frame = f->over;
    if (!text(f->over->name).empty()) frame = named_window(sc, text(f->over->name));
    return frame != nullptr && (frame->frame_options & frameoption_nondefault) == 0;
  }
  return sc.nonempty_groups && is_aggregate(name) && aggregates_this_level(f, sc);
}

}  // namespace

value evaluator::func_call(const PgQuery__FuncCall* f, const scope& sc) {
  value v;
  if (f == nullptr) return v;
  const auto names = list(f->funcname, f->n_funcname);
  named(v, last_name(names));
  const auto name = builtin_name(names);
  if (!name) return v;  // a user-defined function: anything may happen
  if (f->agg_star != 0) {
    if (*name == "count") v.null = nb::not_null;
    return v;
  }
  if (*name == "unnest" && f->n_args == 1 && f->over == nullptr) {
    // In the select list: nullable when the array may hold NULLs; not null would also need
    // the other set-returning functions' lengths (the shorter ones are padded with NULLs).
    if (array_elements(f->args[0], sc) == nb::nullable) v.null = nb::nullable;
    return v;
  }
  const std::optional<fn_kind> kind = function_kind(*name);
  if (!kind) return v;
  const auto args = list(f->args, f->n_args);
  if (*kind == fn_kind::nullable &&
      over_nonempty_set(f, *name, sc,
                        f->agg_filter != nullptr && keeps_every_row(f->agg_filter, f, sc))) {
    v.null = nonempty_aggregate(*name, args, sc, f->over != nullptr);
    return v;
  }
  switch (*kind) {
    case fn_kind::never_null:
      v.null = nb::not_null;
      break;
    case fn_kind::nullable:
      v.null = nb::nullable;
      break;
    case fn_kind::preserves:
      v.null = all_args(args, sc);
      break;
    case fn_kind::first_arg:
      if (!args.empty()) v.null = expr(args[0], sc).null;
      break;
    case fn_kind::lag_lead:  // lag(x, n, default) is NULL only when x, n or default is
      v.null = args.size() == 3 ? all_args(args, sc) : nb::nullable;
      break;
    case fn_kind::substring:
      v.null = substring(args, sc);
      break;
  }
  return v;
}

// The value of an aggregate over a non-empty set of rows.
nb evaluator::nonempty_aggregate(std::string_view name, std::span<pg_node* const> args,
                                 const scope& sc, bool window) {
  if (collects_inputs(name)) return nb::not_null;  // NULL inputs become elements
  if (!follows_first_input(name) || args.empty()) return nb::nullable;
  scope rows = sc;  // aggregate arguments see the rows before grouping, windows after it
  rows.grouped = rows.grouped && window;
  return expr(args[0], rows).null;  // NULL only when every input is NULL
}

// Whether an aggregate's FILTER keeps every input row: each conjunct is `x IS NOT NULL` with
// x never NULL in those rows (ARRAY_AGG(x) FILTER (WHERE x IS NOT NULL) over NOT NULL x).
bool evaluator::keeps_every_row(const pg_node* filter, const PgQuery__FuncCall* f,
                                const scope& sc) {
  std::vector<const pg_node*> parts;
  conjuncts(filter, parts);
  scope rows = sc;  // as the arguments: the rows before grouping, for a window after it
  rows.grouped = rows.grouped && f->over != nullptr;
  for (const pg_node* p : parts) {
    if (!is(p, PG_QUERY__NODE__NODE_NULL_TEST) || p->null_test == nullptr ||
        p->null_test->nulltesttype != PG_QUERY__NULL_TEST_TYPE__IS_NOT_NULL ||
        expr(p->null_test->arg, rows).null != nb::not_null) {
      return false;
    }
  }
  return !parts.empty();
}

// substring(s, int[, int]) and substring(s FROM int FOR int) preserve; substring(s FROM
// pattern) is NULL when nothing matches. Without types, only an integer literal as the
// second argument tells the positional form apart.
nb evaluator::substring(std::span<pg_node* const> args, const scope& sc) {
  if (args.size() < 2) return nb::unknown;
  const pg_node* second = args[1];
  const bool integer = is(second, PG_QUERY__NODE__NODE_A_CONST) && second->a_const != nullptr &&
                       second->a_const->val_case == PG_QUERY__A__CONST__VAL_IVAL;
  const bool pattern = is(second, PG_QUERY__NODE__NODE_A_CONST) && second->a_const != nullptr &&
                       second->a_const->val_case == PG_QUERY__A__CONST__VAL_SVAL;
  const nb inputs = all_args(args, sc);
  if (integer) return inputs;
  return pattern || inputs == nb::nullable ? nb::nullable : nb::unknown;
}

}  // namespace sqlx::core::nullability_detail
