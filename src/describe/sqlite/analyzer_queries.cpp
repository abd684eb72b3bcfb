// SELECT: FROM items as sources, joins (outer joins make a side nullable), WHERE and inner ON
// conjuncts that filter out NULLs, aggregates without GROUP BY (one row even over no input),
// compound arms, VALUES, CTEs (recursive ones to a fixed point), views recursed into.
#include <algorithm>
#include <utility>

#include "describe/sqlite/analyzer.hpp"
#include "describe/sqlite/analyzer_failure.hpp"
#include "describe/sqlite/lexer.hpp"

namespace sqlx::core::sqlite {

nullability worst(nullability a, nullability b) {
  if (a == nullability::nullable || b == nullability::nullable) return nullability::nullable;
  if (a == nullability::unknown || b == nullability::unknown) return nullability::unknown;
  return nullability::not_null;
}

nullability best(nullability a, nullability b) {
  if (a == nullability::not_null || b == nullability::not_null) return nullability::not_null;
  if (a == nullability::unknown || b == nullability::unknown) return nullability::unknown;
  return nullability::nullable;
}

namespace {

void make_nullable(std::vector<source>& sources) {
  for (auto& s : sources) {
    for (auto& c : s.columns) {
      if (c.null == nullability::not_null && c.outer_row.empty()) c.outer_row = s.alias;
      c.null = nullability::nullable;
    }
    s.rowid_nullable = true;
  }
}

column_value* find_in(std::vector<source>& sources, const expr& e) {
  if (e.kind == expr_kind::collate) return find_in(sources, *e.args[0]);
  if (e.kind != expr_kind::column) return nullptr;
  for (auto& s : sources) {
    if (!e.table.empty() && !iequals(s.alias, e.table)) continue;
    for (auto& c : s.columns) {
      if ((!c.hidden || !e.table.empty()) && iequals(c.name, e.name)) return &c;
    }
  }
  return nullptr;
}

bool is_strict_comparison(std::string_view op) {
  for (std::string_view o :
       {"=", "==", "!=", "<>", "<", "<=", ">", ">=", "LIKE", "GLOB", "MATCH", "REGEXP"}) {
    if (op == o) return true;
  }
  return false;
}

}  // namespace

void analyzer::refine_with_predicate(const expr& predicate, std::vector<source>& sources) {
  auto not_null = [&](const expr& e) {
    if (auto* c = find_in(sources, e)) c->null = nullability::not_null;
  };
  switch (predicate.kind) {
    case expr_kind::binary:
      if (predicate.text == "AND") {
        refine_with_predicate(*predicate.args[0], sources);
        refine_with_predicate(*predicate.args[1], sources);
      } else if (is_strict_comparison(predicate.text)) {
        // NULL compared with anything is NULL, and a NULL condition drops the row.
        not_null(*predicate.args[0]);
        not_null(*predicate.args[1]);
      }
      break;
    case expr_kind::null_test:
      if (predicate.not_) not_null(*predicate.args[0]);
      break;
    case expr_kind::between:
      not_null(*predicate.args[0]);
      if (!predicate.not_) {
        not_null(*predicate.args[1]);
        not_null(*predicate.args[2]);
      }
      break;
    case expr_kind::in_list:
    case expr_kind::in_select:
      if (!predicate.not_) not_null(*predicate.args[0]);
      break;
    case expr_kind::column:
    case expr_kind::collate:
      not_null(predicate);
      break;
    default:
      break;
  }
}

source analyzer::named_source(const from_item& item, const scope* outer, int depth) {
  source s;
  s.alias = item.alias;
  if (item.kind == from_item::kind_t::subquery) {
    s.columns = select(*item.select, outer);
    return s;
  }
  if (item.kind == from_item::kind_t::function) {
    for (const auto& arg : item.args) (void)eval(*arg, outer != nullptr ? *outer : scope{});
    const std::string name = to_lower(item.name);
    constexpr auto nb = nullability::nullable;
    constexpr auto nn = nullability::not_null;
    if (name == "json_each" || name == "json_tree") {
      s.columns = {{"key", nb, sql_type::null},        {"value", nb, sql_type::null},
                   {"type", nn, sql_type::text},       {"atom", nb, sql_type::null},
                   {"id", nn, sql_type::integer},      {"parent", nb, sql_type::integer},
                   {"fullkey", nn, sql_type::text},    {"path", nn, sql_type::text},
                   {"json", nb, sql_type::null, true}, {"root", nb, sql_type::text, true}};
    } else if (name == "generate_series") {
      s.columns = {{"value", nn, sql_type::integer},
                   {"start", nb, sql_type::integer, true},
                   {"stop", nb, sql_type::integer, true},
                   {"step", nb, sql_type::integer, true}};
    } else {
      s.known = false;
    }
    return s;
  }
  if (item.schema.empty()) {
    const auto cte = ctes_.find(to_lower(item.name));
    if (cte != ctes_.end() && !cte->second.empty()) {
      s.columns = cte->second.back();
      return s;
    }
  }
  const schema_relation* table = catalog_.find(item.schema, item.name);
  if (table == nullptr) throw analysis_failed();
  if (table->is_view) {
    if (table->view_select == nullptr || view_depth_ > 16) throw analysis_failed();
    // A view sees neither the query's CTEs nor its scopes.
    auto saved = std::exchange(ctes_, {});
    ++view_depth_;
    try {
      s.columns = select(*table->view_select, nullptr);
    } catch (...) {
      --view_depth_;
      ctes_ = std::move(saved);
      throw;
    }
    --view_depth_;
    ctes_ = std::move(saved);
    if (!table->view_columns.empty()) {
      if (table->view_columns.size() != s.columns.size()) throw analysis_failed();
      for (std::size_t i = 0; i < s.columns.size(); ++i) s.columns[i].name = table->view_columns[i];
    }
    return s;
  }
  s.has_rowid = table->has_rowid;
  for (const auto& c : table->columns) {
    s.columns.push_back(
        {c.name, c.not_null ? nullability::not_null : nullability::nullable, c.type, c.hidden});
  }
  (void)depth;
  return s;
}

std::vector<source> analyzer::from(const from_item& item, const scope* outer, int depth) {
  if (item.kind != from_item::kind_t::join) {
    source s = named_source(item, outer, depth);
    for (auto& c : s.columns) c.outer_row.clear();  // a subquery's, a view's: another level's
    return {std::move(s)};
  }
  auto left = from(*item.left, outer, depth + 1);
  auto right = from(*item.right, outer, depth + 1);
  // USING / NATURAL: the right side's copy of a shared column is not in `*`.
  std::vector<std::string> shared = item.using_columns;
  if (item.natural) {
    for (const auto& r : right) {
      for (const auto& c : r.columns) {
        for (const auto& l : left) {
          for (const auto& lc : l.columns) {
            if (!c.hidden && !lc.hidden && iequals(c.name, lc.name)) shared.push_back(c.name);
          }
        }
      }
    }
  }
  const bool left_nullable = item.join == join_kind::right || item.join == join_kind::full;
  const bool right_nullable = item.join == join_kind::left || item.join == join_kind::full;
  if (left_nullable) make_nullable(left);
  if (right_nullable) make_nullable(right);
  for (const auto& name : shared) {
    for (auto& r : right) {
      for (auto& c : r.columns) {
        if (iequals(c.name, name)) c.hidden = true;
      }
    }
    if (left_nullable) {
      // Which side an unqualified shared column of a RIGHT/FULL join reads is not modelled.
      for (auto& l : left) {
        for (auto& c : l.columns) {
          if (iequals(c.name, name)) c.null = nullability::unknown;
        }
      }
    }
  }
  if (item.join == join_kind::inner || item.join == join_kind::cross) {
    // USING and NATURAL compare the shared columns with `=`: a NULL never matches.
    for (const auto& name : shared) {
      for (auto* side : {&left, &right}) {
        for (auto& s : *side) {
          for (auto& c : s.columns) {
            if (iequals(c.name, name)) c.null = nullability::not_null;
          }
        }
      }
    }
  }
  left.insert(left.end(), std::make_move_iterator(right.begin()),
              std::make_move_iterator(right.end()));
  if (item.on) {
    scope sc;
    sc.sources = left;
    sc.parent = outer;
    (void)eval(*item.on, sc);
    if (item.join == join_kind::inner || item.join == join_kind::cross) {
      refine_with_predicate(*item.on, left);
    }
  }
  return left;
}

relation analyzer::result_columns(const std::vector<result_column>& columns, const scope& sc) {
  relation out;
  for (const auto& c : columns) {
    if (!c.star) {
      column_value v = eval(*c.value, sc);
      if (!c.alias.empty()) v.name = c.alias;
      v.hidden = false;
      // Only a plain column of an item whose alias names one item of this level.
      if (c.value->kind != expr_kind::column || sc.aggregate_without_group ||
          std::ranges::count_if(
              sc.sources, [&](const source& s) { return iequals(s.alias, v.outer_row); }) != 1) {
        v.outer_row.clear();
      }
      out.push_back(std::move(v));
      continue;
    }
    bool matched = false;
    for (const auto& s : sc.sources) {
      if (!c.star_table.empty() && !iequals(s.alias, c.star_table)) continue;
      matched = true;
      if (!s.known) throw analysis_failed();
      for (auto v : s.columns) {
        if (v.hidden) continue;
        v.outer_row.clear();
        if (sc.aggregate_without_group) v.null = nullability::nullable;
        out.push_back(std::move(v));
      }
    }
    if (!matched) throw analysis_failed();
  }
  return out;
}

bool analyzer::contains_aggregate(const expr& e) {
  if (e.kind == expr_kind::function && !e.window) {
    const std::string name = to_lower(e.text);
    for (std::string_view a : {"count", "sum", "total", "avg", "group_concat", "string_agg",
                               "json_group_array", "json_group_object"}) {
      if (name == a) return true;
    }
    if ((name == "min" || name == "max") && e.args.size() == 1) return true;
  }
  // Subqueries are their own level.
  return std::ranges::any_of(e.args, [](const expr_ptr& a) { return a && contains_aggregate(*a); });
}

relation analyzer::core(const select_core& c, const scope* outer) {
  scope sc;
  sc.parent = outer;
  if (!c.values.empty()) {
    relation out;
    for (const auto& row : c.values) {
      if (!out.empty() && row.size() != out.size()) throw analysis_failed();
      for (std::size_t i = 0; i < row.size(); ++i) {
        column_value v = eval(*row[i], sc);
        if (out.size() <= i) {
          v.name = "column" + std::to_string(i + 1);
          out.push_back(std::move(v));
        } else {
          out[i].null = worst(out[i].null, v.null);
          if (out[i].type != v.type) out[i].type = sql_type::null;
        }
      }
    }
    return out;
  }
  if (c.from) sc.sources = from(*c.from, outer);
  if (c.where) {
    (void)eval(*c.where, sc);
    refine_with_predicate(*c.where, sc.sources);
  }
  for (const auto& g : c.group_by) (void)eval(*g, sc);
  bool aggregate = !c.group_by.empty() || (c.having && contains_aggregate(*c.having));
  for (const auto& col : c.columns) {
    if (col.value && contains_aggregate(*col.value)) aggregate = true;
  }
  sc.aggregate_without_group = aggregate && c.group_by.empty();
  if (c.having) (void)eval(*c.having, sc);
  relation out = result_columns(c.columns, sc);
  if (aggregate) {
    for (auto& v : out) v.outer_row.clear();  // a group's value, not one row's
  }
  return out;
}

relation analyzer::select(const select_stmt& s, const scope* outer) {
  bind_ctes(s.with, outer);
  relation result;
  try {
    for (std::size_t i = 0; i < s.cores.size(); ++i) {
      relation arm = core(s.cores[i], outer);
      if (i == 0) {
        result = std::move(arm);
        continue;
      }
      if (arm.size() != result.size()) throw analysis_failed();
      for (auto& v : result) v.outer_row.clear();  // a row of either arm
      const std::string& op = s.compound_ops[i - 1];
      for (std::size_t k = 0; k < result.size(); ++k) {
        if (op == "EXCEPT") continue;  // a subset of the left arm's rows
        result[k].null = op == "INTERSECT" ? best(result[k].null, arm[k].null)
                                           : worst(result[k].null, arm[k].null);
        if (result[k].type != arm[k].type) result[k].type = sql_type::null;
      }
    }
    const scope empty{{}, outer, false};
    if (s.limit) {
      hint(*s.limit, sql_type::integer);
      (void)eval(*s.limit, empty);
    }
    if (s.offset) {
      hint(*s.offset, sql_type::integer);
      (void)eval(*s.offset, empty);
    }
  } catch (...) {
    unbind_ctes(s.with);
    throw;
  }
  unbind_ctes(s.with);
  return result;
}

void analyzer::bind_ctes(const std::vector<common_table>& with, const scope* outer) {
  for (const auto& cte : with) {
    auto& stack = ctes_[to_lower(cte.name)];
    auto rename = [&](relation r) {
      if (!cte.columns.empty()) {
        if (cte.columns.size() != r.size()) throw analysis_failed();
        for (std::size_t i = 0; i < r.size(); ++i) r[i].name = cte.columns[i];
      }
      return r;
    };
    if (!cte.recursive || cte.select->cores.size() < 2) {
      stack.push_back(rename(select(*cte.select, outer)));
      continue;
    }
    // A recursive CTE: start from the anchor (the first arm), widen until nothing changes.
    stack.push_back(rename(core(cte.select->cores.front(), outer)));
    bool stable = false;
    for (int round = 0; round < 6 && !stable; ++round) {
      relation next = rename(select(*cte.select, outer));
      relation& current = stack.back();
      if (next.size() != current.size()) throw analysis_failed();
      stable = true;
      for (std::size_t i = 0; i < next.size(); ++i) {
        const nullability merged = worst(current[i].null, next[i].null);
        if (merged != current[i].null || next[i].type != current[i].type) {
          if (next[i].type != current[i].type) current[i].type = sql_type::null;
          if (merged != current[i].null) stable = false;
          current[i].null = merged;
        }
      }
    }
    if (!stable) {
      for (auto& c : stack.back()) c.null = nullability::unknown;
    }
  }
}

void analyzer::unbind_ctes(const std::vector<common_table>& with) {
  for (const auto& cte : with) {
    auto it = ctes_.find(to_lower(cte.name));
    if (it != ctes_.end() && !it->second.empty()) it->second.pop_back();
  }
}

}  // namespace sqlx::core::sqlite
