// Expressions: literals, parameters, column references (through enclosing scopes), operators
// (strict: NULL in, NULL out; `/` and `%` also NULL for a zero divisor), IS/IS NULL/EXISTS
// (never NULL), CASE, CAST, IN, BETWEEN, scalar subqueries (NULL when they yield no row).
// Parameters take the type of what they are compared with, cast to, or combined with.
#include <algorithm>

#include "describe/sqlite/analyzer.hpp"
#include "describe/sqlite/analyzer_failure.hpp"
#include "describe/sqlite/lexer.hpp"

namespace sqlx::core::sqlite {

namespace {

constexpr auto nn = nullability::not_null;
constexpr auto nb = nullability::nullable;
constexpr auto unk = nullability::unknown;

const expr& strip_collate(const expr& e) {
  return e.kind == expr_kind::collate ? strip_collate(*e.args[0]) : e;
}

// The type of a value combining two: equal types, or REAL for INTEGER with REAL.
sql_type arithmetic_type(sql_type a, sql_type b) {
  if (is_integer_like(a) && is_integer_like(b)) return sql_type::integer;
  if ((a == sql_type::real || is_integer_like(a)) && (b == sql_type::real || is_integer_like(b))) {
    return sql_type::real;
  }
  return sql_type::null;
}

bool is_nonzero_number(const expr& e) {
  if (e.kind != expr_kind::integer_literal && e.kind != expr_kind::real_literal) return false;
  return e.text.find_first_not_of("0._eE+-xX") != std::string::npos;
}

// Whether a SELECT always yields exactly one row: one arm, no FROM and no WHERE, or an
// aggregate without GROUP BY/HAVING; and no LIMIT/OFFSET.
bool exactly_one_row(const select_stmt& s) {
  if (s.cores.size() != 1 || s.limit || s.offset) return false;
  const select_core& c = s.cores.front();
  if (!c.values.empty()) return c.values.size() == 1;
  if (!c.from && !c.where) return true;
  if (!c.group_by.empty() || c.having) return false;
  return std::ranges::any_of(c.columns, [](const result_column& col) {
    return col.value && analyzer::contains_aggregate(*col.value);
  });
}

}  // namespace

void analyzer::hint(const expr& e, sql_type type) {
  const expr& p = strip_collate(e);
  if (p.kind != expr_kind::parameter || type == sql_type::null) return;
  const auto index = static_cast<std::size_t>(p.parameter - 1);
  if (p.parameter < 1 || index >= parameters_.size()) return;
  if (conflicting_.size() < parameters_.size()) conflicting_.resize(parameters_.size());
  if (type == sql_type::int4) type = sql_type::integer;
  if (conflicting_[index]) return;
  if (!parameters_[index]) {
    parameters_[index] = type;
  } else if (*parameters_[index] != type) {
    parameters_[index].reset();  // two different answers: none
    conflicting_[index] = true;
  }
}

void analyzer::hint_pair(const expr& a, const column_value& va, const expr& b,
                         const column_value& vb) {
  hint(a, vb.type);
  hint(b, va.type);
}

column_value analyzer::eval_column(const expr& e, const scope& sc) {
  const bool rowid_name =
      iequals(e.name, "rowid") || iequals(e.name, "oid") || iequals(e.name, "_rowid_");
  for (const scope* s = &sc; s != nullptr; s = s->parent) {
    for (const auto& src : s->sources) {
      if (!e.table.empty() && !iequals(src.alias, e.table)) continue;
      for (const auto& c : src.columns) {
        if ((c.hidden && e.table.empty()) || !iequals(c.name, e.name)) continue;
        column_value v = c;
        if (s->aggregate_without_group) v.null = nb;  // no input row: NULL
        if (s != &sc) v.outer_row.clear();            // an enclosing level's row
        return v;
      }
      if (rowid_name && src.has_rowid) {
        column_value v{std::string(e.name), src.rowid_nullable ? nb : nn, sql_type::integer};
        if (s->aggregate_without_group) v.null = nb;
        return v;
      }
      if (!e.table.empty() && !src.known) return {e.name, unk, sql_type::null};
    }
  }
  // A result column's alias (SQLite allows them in WHERE and ORDER BY) or a name we missed.
  return {e.name, unk, sql_type::null};
}

column_value analyzer::eval_binary(const expr& e, const scope& sc) {
  const column_value l = eval(*e.args[0], sc);
  const column_value r = eval(*e.args[1], sc);
  if (e.args.size() > 2) (void)eval(*e.args[2], sc);  // ESCAPE
  const std::string& op = e.text;
  const nullability strict = worst(l.null, r.null);
  if (op == "IS" || op == "IS NOT") {
    hint_pair(*e.args[0], l, *e.args[1], r);
    return {"", nn, sql_type::integer};
  }
  if (op == "AND" || op == "OR") return {"", strict, sql_type::integer};
  if (op == "=" || op == "==" || op == "!=" || op == "<>" || op == "<" || op == "<=" || op == ">" ||
      op == ">=") {
    hint_pair(*e.args[0], l, *e.args[1], r);
    return {"", strict, sql_type::integer};
  }
  if (op == "LIKE" || op == "GLOB" || op == "MATCH" || op == "REGEXP") {
    hint(*e.args[0], sql_type::text);
    hint(*e.args[1], sql_type::text);
    return {"", strict, sql_type::integer};
  }
  if (op == "||") return {"", strict, sql_type::text};
  if (op == "->") return {"", nb, sql_type::text};  // a missing path is NULL
  if (op == "->>") return {"", nb, sql_type::null};
  if (op == "+" || op == "-" || op == "*") {
    if (is_integer_like(l.type) || l.type == sql_type::real) hint(*e.args[1], l.type);
    if (is_integer_like(r.type) || r.type == sql_type::real) hint(*e.args[0], r.type);
    return {"", strict, arithmetic_type(l.type, r.type)};
  }
  if (op == "/" || op == "%") {
    // x / 0 and x % 0 are NULL in SQLite.
    const nullability n = is_nonzero_number(strip_collate(*e.args[1])) ? strict : nb;
    const sql_type t = op == "%" ? sql_type::integer : arithmetic_type(l.type, r.type);
    return {"", n, t};
  }
  if (op == "&" || op == "|" || op == "<<" || op == ">>") return {"", strict, sql_type::integer};
  return {"", unk, sql_type::null};
}

column_value analyzer::eval_case(const expr& e, const scope& sc) {
  std::size_t i = 0;
  column_value operand;
  if (e.has_operand) operand = eval(*e.args[i++], sc);
  const std::size_t end = e.args.size() - (e.has_else ? 1 : 0);
  nullability n = nn;
  std::optional<sql_type> type;
  bool mixed = false;
  auto merge = [&](const column_value& v, const expr& source) {
    n = worst(n, v.null);
    if (strip_collate(source).kind == expr_kind::null_literal) return;
    if (!type) {
      type = v.type;
    } else if (*type != v.type) {
      mixed = true;
    }
  };
  for (; i + 1 < end; i += 2) {
    const column_value when = eval(*e.args[i], sc);
    if (e.has_operand) hint_pair(*e.args[0], operand, *e.args[i], when);
    merge(eval(*e.args[i + 1], sc), *e.args[i + 1]);
  }
  if (e.has_else) {
    merge(eval(*e.args.back(), sc), *e.args.back());
  } else {
    n = nb;  // no branch taken: NULL
  }
  return {"", n, type && !mixed ? *type : sql_type::null};
}

column_value analyzer::scalar_subquery(const select_stmt& s, const scope& sc) {
  const relation r = select(s, &sc);
  if (r.size() != 1) return {"", unk, sql_type::null};
  column_value v = r.front();
  v.name.clear();
  if (!exactly_one_row(s)) v.null = nb;  // no row: NULL
  return v;
}

column_value analyzer::eval(const expr& e, const scope& sc) {
  switch (e.kind) {
    case expr_kind::null_literal:
      return {"", nb, sql_type::null};
    case expr_kind::integer_literal:
      return {"", nn, sql_type::integer};
    case expr_kind::real_literal:
      return {"", nn, sql_type::real};
    case expr_kind::string_literal:
      return {"", nn, sql_type::text};
    case expr_kind::blob_literal:
      return {"", nn, sql_type::blob};
    case expr_kind::keyword_value:
      return {"", nn, e.text == "true" || e.text == "false" ? sql_type::integer : sql_type::text};
    case expr_kind::parameter: {
      // A bound value may be NULL (std::nullopt).
      const auto index = static_cast<std::size_t>(e.parameter - 1);
      const auto type =
          e.parameter >= 1 && index < parameters_.size() ? parameters_[index] : std::nullopt;
      return {"", nb, type.value_or(sql_type::null)};
    }
    case expr_kind::column:
      return eval_column(e, sc);
    case expr_kind::unary: {
      const column_value v = eval(*e.args[0], sc);
      if (e.text == "NOT" || e.text == "~") return {"", v.null, sql_type::integer};
      return {"", v.null, v.type};
    }
    case expr_kind::binary:
      return eval_binary(e, sc);
    case expr_kind::null_test:
      (void)eval(*e.args[0], sc);
      return {"", nn, sql_type::integer};
    case expr_kind::between: {
      const column_value v = eval(*e.args[0], sc);
      const column_value lo = eval(*e.args[1], sc);
      const column_value hi = eval(*e.args[2], sc);
      hint_pair(*e.args[0], v, *e.args[1], lo);
      hint_pair(*e.args[0], v, *e.args[2], hi);
      return {"", worst(v.null, worst(lo.null, hi.null)), sql_type::integer};
    }
    case expr_kind::in_list: {
      const column_value v = eval(*e.args[0], sc);
      if (e.args.size() == 1) return {"", nn, sql_type::integer};  // x IN (): false
      nullability n = v.null;
      for (std::size_t i = 1; i < e.args.size(); ++i) {
        const column_value item = eval(*e.args[i], sc);
        hint_pair(*e.args[0], v, *e.args[i], item);
        n = worst(n, item.null);
      }
      return {"", n, sql_type::integer};
    }
    case expr_kind::in_select: {
      const column_value v = eval(*e.args[0], sc);
      if (!e.select) return {"", unk, sql_type::integer};
      const relation r = select(*e.select, &sc);
      if (r.size() != 1) return {"", unk, sql_type::integer};
      hint(*e.args[0], r.front().type);
      return {"", worst(v.null, r.front().null), sql_type::integer};
    }
    case expr_kind::exists:
      (void)select(*e.select, &sc);
      return {"", nn, sql_type::integer};
    case expr_kind::subquery:
      return scalar_subquery(*e.select, sc);
    case expr_kind::function:
      return eval_function(e, sc);
    case expr_kind::cast: {
      const column_value v = eval(*e.args[0], sc);
      const sql_type t = type_of_declaration(e.text);
      hint(*e.args[0], t);
      return {"", v.null, t};
    }
    case expr_kind::case_:
      return eval_case(e, sc);
    case expr_kind::collate:
      return eval(*e.args[0], sc);
    case expr_kind::raise:
    case expr_kind::unknown:
      for (const auto& a : e.args) {
        if (a) (void)eval(*a, sc);
      }
      return {"", unk, sql_type::null};
  }
  return {"", unk, sql_type::null};
}

}  // namespace sqlx::core::sqlite
