// Built-in functions: aggregates (count and total never NULL; sum, avg, min, max and
// group_concat NULL over no input or only NULLs), window functions, and the scalar functions
// SQLite ships, each with its NULL behaviour. An unknown function is `unknown`.
#include <algorithm>
#include <array>

#include "describe/sqlite/analyzer.hpp"
#include "describe/sqlite/lexer.hpp"

namespace sqlx::core::sqlite {

namespace {

constexpr auto nn = nullability::not_null;
constexpr auto nb = nullability::nullable;
constexpr auto unk = nullability::unknown;

bool one_of(std::string_view name, std::initializer_list<std::string_view> names) {
  return std::ranges::find(names, name) != names.end();
}

// Functions NULL exactly when an argument is NULL, and their result type (null: the first
// argument's).
struct strict_function {
  std::string_view name;
  sql_type type;
};

constexpr std::array<strict_function, 25> strict_functions = {{
    {"abs", sql_type::null},
    {"length", sql_type::integer},
    {"octet_length", sql_type::integer},
    {"lower", sql_type::text},
    {"upper", sql_type::text},
    {"trim", sql_type::text},
    {"ltrim", sql_type::text},
    {"rtrim", sql_type::text},
    {"replace", sql_type::text},
    {"substr", sql_type::text},
    {"substring", sql_type::text},
    {"instr", sql_type::integer},
    {"round", sql_type::real},
    {"likely", sql_type::null},
    {"unlikely", sql_type::null},
    {"likelihood", sql_type::null},
    {"zeroblob", sql_type::blob},
    {"soundex", sql_type::text},
    {"json", sql_type::text},
    {"json_valid", sql_type::integer},
    {"json_insert", sql_type::text},
    {"json_replace", sql_type::text},
    {"json_set", sql_type::text},
    {"json_remove", sql_type::text},
    {"json_patch", sql_type::text},
}};

// Never NULL, whatever the arguments.
struct total_function {
  std::string_view name;
  sql_type type;
};

constexpr std::array<total_function, 13> total_functions = {{
    {"json_quote", sql_type::text},
    {"typeof", sql_type::text},
    {"quote", sql_type::text},
    {"hex", sql_type::text},
    {"random", sql_type::integer},
    {"randomblob", sql_type::blob},
    {"changes", sql_type::integer},
    {"total_changes", sql_type::integer},
    {"last_insert_rowid", sql_type::integer},
    {"sqlite_version", sql_type::text},
    {"json_array", sql_type::text},
    {"json_object", sql_type::text},
    {"sqlite_source_id", sql_type::text},
}};

sql_type common_type(const std::vector<column_value>& values, const std::vector<expr_ptr>& args,
                     std::size_t first = 0) {
  std::optional<sql_type> type;
  for (std::size_t i = first; i < values.size(); ++i) {
    // NULL and an untyped parameter take any type.
    if (args[i]->kind == expr_kind::null_literal) continue;
    if (args[i]->kind == expr_kind::parameter && values[i].type == sql_type::null) continue;
    if (!type) {
      type = values[i].type;
    } else if (*type != values[i].type) {
      return sql_type::null;
    }
  }
  return type.value_or(sql_type::null);
}

}  // namespace

column_value analyzer::eval_function(const expr& e, const scope& sc) {
  const std::string name = to_lower(e.text);
  const bool aggregate =
      !e.window && contains_aggregate(e) && std::ranges::none_of(e.args, [](const expr_ptr& a) {
        return analyzer::contains_aggregate(*a);
      });
  // An aggregate's (and a window function's) arguments are read row by row: bare columns in
  // them are not the "no input row" NULL of an aggregate query without GROUP BY.
  scope rows = sc;
  if (aggregate || e.window) rows.aggregate_without_group = false;
  std::vector<column_value> args;
  for (const auto& a : e.args) args.push_back(eval(*a, aggregate || e.window ? rows : sc));
  const column_value first = args.empty() ? column_value{} : args.front();
  auto strict = [&]() {
    nullability n = nn;
    for (const auto& a : args) n = worst(n, a.null);
    return n;
  };

  if (aggregate ||
      (e.window && one_of(name, {"count", "sum", "total", "avg", "min", "max", "group_concat",
                                 "string_agg", "json_group_array", "json_group_object"}))) {
    // Over no input (an aggregate without GROUP BY, a FILTER, a window's explicit frame)
    // sum/avg/min/max/group_concat are NULL.
    const bool may_be_empty =
        (aggregate && sc.aggregate_without_group) || e.filter || (e.window && e.frame);
    const nullability over_values = may_be_empty ? nb : first.null;
    if (name == "count") return {"", nn, sql_type::integer};
    if (name == "total") return {"", nn, sql_type::real};
    if (name == "json_group_array" || name == "json_group_object") return {"", nn, sql_type::text};
    if (name == "avg") return {"", over_values, sql_type::real};
    if (name == "sum") {
      const sql_type t = is_integer_like(first.type)    ? sql_type::integer
                         : first.type == sql_type::real ? sql_type::real
                                                        : sql_type::null;
      return {"", over_values, t};
    }
    if (name == "min" || name == "max") return {"", over_values, first.type};
    return {"", over_values, sql_type::text};  // group_concat, string_agg
  }
  if (e.window) {
    if (one_of(name, {"row_number", "rank", "dense_rank", "ntile"})) {
      return {"", nn, sql_type::integer};
    }
    if (one_of(name, {"percent_rank", "cume_dist"})) return {"", nn, sql_type::real};
    if (name == "lag" || name == "lead") {
      // Past the partition's edge: the default, NULL when none is given.
      const nullability n = args.size() >= 3 ? strict() : nb;
      return {"", n, first.type};
    }
    if (name == "first_value" || name == "last_value") {
      return {"", e.frame ? nb : first.null, first.type};
    }
    return {"", nb, first.type};  // nth_value and others
  }

  for (const auto& f : strict_functions) {
    if (f.name == name) return {"", strict(), f.type == sql_type::null ? first.type : f.type};
  }
  for (const auto& f : total_functions) {
    if (f.name == name) return {"", nn, f.type};
  }
  if (name == "coalesce" || name == "ifnull") {
    nullability n = nb;
    for (const auto& a : args) n = best(n, a.null);
    const sql_type t = common_type(args, e.args);
    for (const auto& a : e.args) hint(*a, t);
    return {"", n, t};
  }
  if (name == "nullif") {
    if (args.size() == 2) hint_pair(*e.args[0], args[0], *e.args[1], args[1]);
    return {"", nb, first.type};
  }
  if (name == "iif" && args.size() == 3) {
    return {"", worst(args[1].null, args[2].null), common_type(args, e.args, 1)};
  }
  if ((name == "min" || name == "max") && args.size() > 1) {
    return {"", strict(), common_type(args, e.args)};
  }
  if (name == "printf" || name == "format") {
    // NULL arguments print as empty; only a NULL format is NULL.
    return {"", first.null, sql_type::text};
  }
  if (one_of(name, {"date", "time", "datetime", "julianday", "unixepoch", "strftime"})) {
    // Text that is not a date gives NULL; 'now' (or no argument) alone never does.
    const bool now = (args.empty() && name != "strftime") ||
                     (args.size() == 1 && e.args[0]->kind == expr_kind::string_literal &&
                      iequals(e.args[0]->text, "now"));
    const sql_type t = name == "julianday"   ? sql_type::real
                       : name == "unixepoch" ? sql_type::integer
                                             : sql_type::text;
    return {"", now ? nn : nb, t};
  }
  // NULL for some non-NULL input too: unicode(''), sign('x'), unhex('zz'), a missing path.
  if (name == "unicode" || name == "sign" || name == "json_array_length") {
    return {"", nb, sql_type::integer};
  }
  if (name == "unhex") return {"", nb, sql_type::blob};
  // The math functions (SQLITE_ENABLE_MATH_FUNCTIONS, as Debian builds it): NULL outside their
  // domain (sqrt(-1), ln(0), acos(2), mod(1, 0)) or for text that is not a number.
  if (one_of(name, {"sqrt",  "ln",    "log",   "log2", "log10", "acos",  "asin",    "acosh",
                    "atanh", "pow",   "power", "mod",  "exp",   "sin",   "cos",     "tan",
                    "atan",  "atan2", "sinh",  "cosh", "tanh",  "asinh", "degrees", "radians"})) {
    return {"", nb, sql_type::real};
  }
  if (one_of(name, {"ceil", "ceiling", "floor", "trunc"})) {  // an integer stays one
    return {"", nb, is_integer_like(first.type) ? sql_type::integer : sql_type::real};
  }
  if (name == "pi") return {"", nn, sql_type::real};
  if (one_of(name, {"json_extract", "json_type"})) {
    return {"", nb, name == "json_type" ? sql_type::text : sql_type::null};
  }
  return {"", unk, sql_type::null};
}

}  // namespace sqlx::core::sqlite
