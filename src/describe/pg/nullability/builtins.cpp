#include "describe/pg/nullability/builtins.hpp"

#include <initializer_list>
#include <set>
#include <unordered_map>

namespace sqlx::core::nullability_detail {
namespace {

const std::unordered_map<std::string_view, fn_kind>& functions() {
  static const std::unordered_map<std::string_view, fn_kind> table = [] {
    std::unordered_map<std::string_view, fn_kind> t;
    auto add = [&t](fn_kind kind, std::initializer_list<std::string_view> names) {
      for (auto name : names) t.emplace(name, kind);
    };
    add(fn_kind::never_null, {"count",
                              "row_number",
                              "rank",
                              "dense_rank",
                              "percent_rank",
                              "cume_dist",
                              "concat",
                              "now",
                              "statement_timestamp",
                              "clock_timestamp",
                              "transaction_timestamp",
                              "timeofday",
                              "random",
                              "pi",
                              "gen_random_uuid",
                              "version",
                              "current_database",
                              "num_nulls",
                              "num_nonnulls",
                              "pg_typeof",
                              "json_build_object",
                              "jsonb_build_object",
                              "json_build_array",
                              "jsonb_build_array",
                              "quote_nullable",
                              "pg_backend_pid",
                              "txid_current",
                              "lastval"});
    add(fn_kind::preserves,
        {// strings
         "lower", "upper", "initcap", "length", "char_length", "character_length", "octet_length",
         "bit_length", "btrim", "ltrim", "rtrim", "lpad", "rpad", "repeat", "replace", "reverse",
         "left", "right", "strpos", "position", "substr", "split_part", "translate", "overlay",
         "md5", "sha224", "sha256", "sha384", "sha512", "encode", "decode", "to_hex", "quote_ident",
         "convert_from", "convert_to", "convert", "hashtext", "hashtextextended", "quote_literal",
         "chr", "ascii", "starts_with", "regexp_replace", "regexp_split_to_array",
         "string_to_array", "array_to_string", "like_escape", "similar_to_escape", "normalize",
         // numbers
         "abs", "ceil", "ceiling", "floor", "round", "trunc", "sign", "sqrt", "cbrt", "exp", "ln",
         "log", "log10", "power", "pow", "mod", "div", "gcd", "lcm", "degrees", "radians", "sin",
         "cos", "tan", "asin", "acos", "atan", "atan2", "width_bucket", "trim_scale", "factorial",
         "ntile",
         // date and time (not extract/date_part/to_char: NULL for infinite timestamps)
         "date_trunc", "date_bin", "age", "make_date", "make_time", "make_timestamp",
         "make_timestamptz", "make_interval", "to_timestamp", "to_date", "to_number",
         "justify_days", "justify_hours", "justify_interval", "timezone", "isfinite",
         // json (SQL NULL only from NULL input; JSON null is a value)
         "to_json", "to_jsonb", "row_to_json", "array_to_json", "json_typeof", "jsonb_typeof",
         "json_array_length", "jsonb_array_length", "jsonb_pretty", "json_strip_nulls",
         "jsonb_strip_nulls", "jsonb_set", "jsonb_insert",
         // arrays (not array_length/upper/lower/dims/ndims: NULL for empty arrays)
         "cardinality", "array_append", "array_prepend", "array_cat", "array_remove",
         "array_replace", "array_fill", "array_positions",
         // sequences
         "nextval", "currval", "setval",
         // advisory locks that answer true or false (not the void ones)
         "pg_try_advisory_lock", "pg_try_advisory_lock_shared", "pg_try_advisory_xact_lock",
         "pg_try_advisory_xact_lock_shared", "pg_advisory_unlock", "pg_advisory_unlock_shared"});
    add(fn_kind::first_arg, {"concat_ws", "format"});
    add(fn_kind::nullable,
        {// aggregates: NULL over no rows
         "sum", "avg", "min", "max", "array_agg", "string_agg", "json_agg", "jsonb_agg",
         "json_object_agg", "jsonb_object_agg", "bool_and", "bool_or", "every", "bit_and", "bit_or",
         "bit_xor", "stddev", "stddev_pop", "stddev_samp", "variance", "var_pop", "var_samp",
         "corr", "covar_pop", "covar_samp", "regr_avgx", "regr_avgy", "regr_count",
         "regr_intercept", "regr_r2", "regr_slope", "regr_sxx", "regr_sxy", "regr_syy", "mode",
         "percentile_cont", "percentile_disc", "xmlagg", "range_agg", "range_intersect_agg",
         "any_value",
         // window functions reading other rows
         "first_value", "last_value", "nth_value",
         // NULL for some non-NULL input
         "regexp_match", "regexp_substr", "regexp_instr", "array_length", "array_upper",
         "array_lower", "array_dims", "array_ndims", "array_position", "json_extract_path",
         "json_extract_path_text", "jsonb_extract_path", "jsonb_extract_path_text",
         "jsonb_path_query_first", "jsonb_path_match", "date_part", "extract", "to_char",
         "inet_client_addr", "inet_client_port", "inet_server_addr", "inet_server_port"});
    add(fn_kind::lag_lead, {"lag", "lead"});
    add(fn_kind::substring, {"substring"});
    return t;
  }();
  return table;
}

}  // namespace

std::optional<fn_kind> function_kind(std::string_view name) {
  const auto& table = functions();
  if (const auto it = table.find(name); it != table.end()) return it->second;
  return std::nullopt;
}

bool is_aggregate(std::string_view name) {
  static const std::set<std::string_view> names = {"count",
                                                   "sum",
                                                   "avg",
                                                   "min",
                                                   "max",
                                                   "array_agg",
                                                   "string_agg",
                                                   "json_agg",
                                                   "jsonb_agg",
                                                   "json_object_agg",
                                                   "jsonb_object_agg",
                                                   "bool_and",
                                                   "bool_or",
                                                   "every",
                                                   "bit_and",
                                                   "bit_or",
                                                   "bit_xor",
                                                   "stddev",
                                                   "stddev_pop",
                                                   "stddev_samp",
                                                   "variance",
                                                   "var_pop",
                                                   "var_samp"};
  return names.contains(name);
}

bool preserving_operator(std::string_view op) {
  static const std::set<std::string_view> ops = {
      "=",  "<>",  "<",   ">",   "<=",   ">=", "+",  "-",  "*",   "/",  "%",  "^",
      "||", "~~",  "!~~", "~~*", "!~~*", "~",  "!~", "~*", "!~*", "@>", "<@", "&&",
      "|/", "||/", "@",   "&",   "|",    "<<", ">>", "?",  "?|",  "?&", "#-"};
  return ops.contains(op);
}

bool comparison_operator(std::string_view op) {
  static const std::set<std::string_view> ops = {"=",   "<>",  "<",    ">", "<=", ">=", "~~",
                                                 "~~*", "!~~", "!~~*", "~", "~*", "!~", "!~*"};
  return ops.contains(op);
}

bool json_access_operator(std::string_view op) {
  return op == "->" || op == "->>" || op == "#>" || op == "#>>" || op == "@?" || op == "@@";
}

bool collects_inputs(std::string_view name) {
  static const std::set<std::string_view> names = {"array_agg", "json_agg", "jsonb_agg",
                                                   "json_object_agg", "jsonb_object_agg"};
  return names.contains(name);
}

bool follows_first_input(std::string_view name) {
  static const std::set<std::string_view> names = {
      "sum",     "avg",    "min",     "max",        "bool_and",    "bool_or",   "every",
      "bit_and", "bit_or", "bit_xor", "string_agg", "first_value", "last_value"};
  return names.contains(name);
}

}  // namespace sqlx::core::nullability_detail
