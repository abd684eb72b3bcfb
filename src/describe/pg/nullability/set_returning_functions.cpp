// Set-returning functions in FROM (implicitly LATERAL): `generate_series`, `unnest` (of one
// array or several), the json/jsonb expanders, `regexp_split_to_table`, each alone or in
// `ROWS FROM (...)`, with or without ORDINALITY. Anything else is an item with unknown columns.
#include <algorithm>
#include <optional>
#include <string_view>
#include <vector>

#include "describe/pg/nullability/evaluator.hpp"

namespace sqlx::core::nullability_detail {
namespace {

// The function call of one entry of RangeFunction.functions (a list: the call, its column
// definitions), or nullptr.
const PgQuery__FuncCall* call_of(const pg_node* entry) {
  if (!is(entry, PG_QUERY__NODE__NODE_LIST) || entry->list == nullptr || entry->list->n_items < 1 ||
      !is(entry->list->items[0], PG_QUERY__NODE__NODE_FUNC_CALL)) {
    return nullptr;
  }
  return entry->list->items[0]->func_call;
}

// The number of elements of an `ARRAY[...]` literal, or nullopt for any other array.
std::optional<std::size_t> literal_length(const pg_node* arg) {
  if (!is(arg, PG_QUERY__NODE__NODE_A_ARRAY_EXPR) || arg->a_array_expr == nullptr) {
    return std::nullopt;
  }
  return arg->a_array_expr->n_elements;
}

}  // namespace

std::optional<std::vector<out_column>> evaluator::function_columns(const PgQuery__FuncCall* f,
                                                                   std::string_view scalar_name,
                                                                   const scope& lat) {
  const auto name = builtin_name(list(f->funcname, f->n_funcname));
  if (!name) return std::nullopt;
  const auto args = list(f->args, f->n_args);
  // A scalar-returning function's column is named after the function, or the alias if any.
  const std::string_view scalar = scalar_name.empty() ? *name : scalar_name;
  if (*name == "generate_series") {
    return std::vector<out_column>{{scalar, nb::not_null, {}}};  // NULL bounds give no rows
  }
  if (*name == "unnest" && args.size() == 1) {
    return std::vector<out_column>{{scalar, array_elements(args[0], lat), {}}};
  }
  if (*name == "unnest" && args.size() > 1) {
    // unnest(a, b, ...): one column per array, the shorter ones padded with NULLs. Only the
    // lengths of ARRAY[...] literals are known: a column of the longest one is padded never.
    std::size_t longest = 0;
    bool lengths_known = true;
    for (const pg_node* a : args) {
      const auto length = literal_length(a);
      lengths_known = lengths_known && length.has_value();
      if (length) longest = std::max(longest, *length);
    }
    std::vector<out_column> columns;
    for (const pg_node* a : args) {
      const bool padded = !lengths_known || literal_length(a) != longest;
      columns.push_back({"unnest", padded ? nb::nullable : array_elements(a, lat), {}});
    }
    return columns;
  }
  if (*name == "regexp_split_to_table" || *name == "json_object_keys" ||
      *name == "jsonb_object_keys") {
    return std::vector<out_column>{{scalar, nb::not_null, {}}};
  }
  // JSON null is not SQL NULL; the _text variants turn it into one.
  if (*name == "json_array_elements" || *name == "jsonb_array_elements") {
    return std::vector<out_column>{{scalar_name.empty() ? "value" : scalar_name, nb::not_null, {}}};
  }
  if (*name == "json_array_elements_text" || *name == "jsonb_array_elements_text") {
    return std::vector<out_column>{{scalar_name.empty() ? "value" : scalar_name, nb::nullable, {}}};
  }
  if (*name == "json_each" || *name == "jsonb_each") {
    return std::vector<out_column>{{"key", nb::not_null, {}}, {"value", nb::not_null, {}}};
  }
  if (*name == "json_each_text" || *name == "jsonb_each_text") {
    return std::vector<out_column>{{"key", nb::not_null, {}}, {"value", nb::nullable, {}}};
  }
  return std::nullopt;
}

item_id evaluator::function_item(level& lvl, const PgQuery__RangeFunction* rf, const scope* outer,
                                 const cte_env* ctes, const std::vector<item_id>& lateral) {
  if (rf == nullptr) return new_item(lvl, "", false);
  const std::string_view alias = rf->alias != nullptr ? text(rf->alias->aliasname) : "";
  std::vector<const PgQuery__FuncCall*> calls;
  for (const pg_node* entry : list(rf->functions, rf->n_functions)) {
    const PgQuery__FuncCall* f = call_of(entry);
    if (f == nullptr) return new_item(lvl, alias, false);
    calls.push_back(f);
  }
  if (calls.empty()) return new_item(lvl, alias, false);
  const std::string_view refname =
      alias.empty() ? last_name(list(calls[0]->funcname, calls[0]->n_funcname)) : alias;

  const scope lat = lateral_scope(lvl, lateral, outer, ctes);
  output out;
  const bool alone = calls.size() == 1;
  for (const PgQuery__FuncCall* f : calls) {
    // Alone (even in ROWS FROM), a scalar function's column takes the alias; beside others,
    // its own name.
    auto columns = function_columns(f, alone ? alias : std::string_view(), lat);
    if (!columns) return new_item(lvl, refname, false);
    for (out_column& c : *columns) {
      // ROWS FROM pads the shorter functions' columns with NULLs.
      if (calls.size() > 1) c.null = worst(c.null, nb::nullable);
      out.columns.push_back(c);
    }
  }
  if (rf->ordinality != 0) out.columns.push_back({"ordinality", nb::not_null, {}});
  return output_item(lvl, out, refname, rf->alias);
}

// unnest(ARRAY[a, b]) has non-NULL elements when a and b are; a parameter's array may hold
// NULLs (the caller binds it); any other array might.
nb evaluator::array_elements(const pg_node* arg, const scope& sc) {
  const pg_node* bare = arg;
  if (is(bare, PG_QUERY__NODE__NODE_TYPE_CAST) && bare->type_cast != nullptr) {
    bare = bare->type_cast->arg;
  }
  if (is(bare, PG_QUERY__NODE__NODE_PARAM_REF)) return nb::nullable;
  if (!is(arg, PG_QUERY__NODE__NODE_A_ARRAY_EXPR) || arg->a_array_expr == nullptr) {
    return nb::unknown;
  }
  nb result = nb::not_null;
  for (const pg_node* e : list(arg->a_array_expr->elements, arg->a_array_expr->n_elements)) {
    result = worst(result, expr(e, sc).null);
  }
  return result;
}

}  // namespace sqlx::core::nullability_detail
