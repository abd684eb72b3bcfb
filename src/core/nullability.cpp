// Column nullability from the PostgreSQL parse tree (libpg_query) plus the catalog.
//
// sqlx marks table columns nullable from `attnotnull` and then patches outer joins from an
// EXPLAIN plan; the plan has the join sides swapped (Hash Right Join for a LEFT JOIN) and its
// walk stops at Sort/Limit/Aggregate nodes, so it answers "not null" for columns that are NULL
// at run time. The parse tree has none of these problems: a LEFT JOIN is a LEFT JOIN wherever
// it sits. The walk below models every FROM clause as a small tree of items (tables, views,
// subqueries, CTEs, functions, joins) whose columns are slots; an outer join marks the items
// of its optional side as null-extended, and strict predicates (WHERE, INNER JOIN ... ON)
// prove columns non-null and undo the null-extension of the item they belong to.
//
// Lattice: not_null < unknown < nullable. `worst` combines the inputs of a strict expression
// (any NULL input gives NULL), `best` those of COALESCE-like expressions (one non-null input
// is enough). Anything not modelled answers `unknown`; nothing answers `not_null` by default.
#include "core/nullability.hpp"

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstring>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>

namespace sqlx::core {
namespace {

using pg_node = PgQuery__Node;
using nb = nullability;

// ---------------------------------------------------------------------------------------
// The parse tree: libpg_query's protobuf output unpacked into protobuf-c structs (no JSON).

// Bump allocation for the unpacked tree: unpacking allocates every node separately, and the
// whole tree dies at once, so one arena halves the cost of unpack + free.
class arena {
 public:
  void* allocate(std::size_t n) {
    n = (n + alignof(std::max_align_t) - 1) & ~(alignof(std::max_align_t) - 1);
    if (n > left_) {
      const std::size_t size = std::max<std::size_t>(n, 16384);
      blocks_.push_back(std::make_unique<std::byte[]>(size));
      next_ = blocks_.back().get();
      left_ = size;
    }
    void* p = next_;
    next_ += n;
    left_ -= n;
    return p;
  }

  ProtobufCAllocator allocator() {
    return {[](void* self, std::size_t n) { return static_cast<arena*>(self)->allocate(n); },
            [](void*, void*) {}, this};
  }

 private:
  std::vector<std::unique_ptr<std::byte[]>> blocks_;
  std::byte* next_ = nullptr;
  std::size_t left_ = 0;
};

class pg_tree {
 public:
  explicit pg_tree(std::string_view sql) {
    const std::string text(sql);  // libpg_query wants a NUL-terminated string
    PgQueryProtobufParseResult raw = pg_query_parse_protobuf(text.c_str());
    if (raw.error == nullptr && raw.parse_tree.data != nullptr) {
      ProtobufCAllocator allocator = arena_.allocator();
      unpacked_ = pg_query__parse_result__unpack(
          &allocator, raw.parse_tree.len,
          reinterpret_cast<const std::uint8_t*>(raw.parse_tree.data));
    }
    pg_query_free_protobuf_parse_result(raw);  // unpack copied everything it needs
  }
  pg_tree(const pg_tree&) = delete;
  pg_tree& operator=(const pg_tree&) = delete;

  [[nodiscard]] bool ok() const noexcept { return unpacked_ != nullptr; }
  [[nodiscard]] const ProtobufCMessage* root() const noexcept {
    return unpacked_ != nullptr ? &unpacked_->base : nullptr;
  }
  // The statement when the text holds exactly one (the server prepares only one).
  [[nodiscard]] const pg_node* statement() const noexcept {
    if (unpacked_ == nullptr || unpacked_->n_stmts != 1 || unpacked_->stmts[0] == nullptr) {
      return nullptr;
    }
    return unpacked_->stmts[0]->stmt;
  }

 private:
  arena arena_;  // owns every node of unpacked_
  PgQuery__ParseResult* unpacked_ = nullptr;
};

// View definitions are parsed on demand and kept per thread, keyed by their text, so a view
// used by many queries is parsed once and a changed definition can never be served stale.
std::shared_ptr<const pg_tree> parse_view(const std::string& definition) {
  thread_local std::unordered_map<std::string, std::shared_ptr<const pg_tree>> cache;
  if (auto it = cache.find(definition); it != cache.end()) return it->second;
  if (cache.size() > 1024) cache.clear();
  auto tree = std::make_shared<const pg_tree>(definition);
  cache.emplace(definition, tree);
  return tree;
}

// ---------------------------------------------------------------------------------------
// Small helpers over protobuf-c trees, where every pointer may be null.

std::string_view text(const char* s) {
  return s != nullptr ? std::string_view(s) : "";
}

template <typename T>
std::span<T* const> list(T** items, std::size_t n) {
  return items != nullptr ? std::span<T* const>(items, n) : std::span<T* const>();
}

bool is(const pg_node* n, PgQuery__Node__NodeCase c) {
  return n != nullptr && n->node_case == c;
}

std::string_view string_value(const pg_node* n) {
  return is(n, PG_QUERY__NODE__NODE_STRING) && n->string != nullptr ? text(n->string->sval) : "";
}

// The name of a built-in function or operator: unqualified or qualified with pg_catalog.
// Anything qualified with another schema is user-defined and gets no special treatment.
std::optional<std::string_view> builtin_name(std::span<pg_node* const> names) {
  if (names.size() == 1) return string_value(names[0]);
  if (names.size() == 2 && string_value(names[0]) == "pg_catalog") return string_value(names[1]);
  return std::nullopt;
}

std::string_view last_name(std::span<pg_node* const> names) {
  return names.empty() ? "" : string_value(names.back());
}

int rank(nb v) {
  return v == nb::not_null ? 0 : v == nb::unknown ? 1 : 2;
}
// A strict combination: NULL when any input is NULL.
nb worst(nb a, nb b) {
  return rank(a) >= rank(b) ? a : b;
}
// A COALESCE-like combination: not NULL when any input is not NULL.
nb best(nb a, nb b) {
  return rank(a) <= rank(b) ? a : b;
}

// Calls `visit` on every message below `message` (protobuf-c reflection: any node type, any
// field), depth first; `visit` returns false to skip a message's children.
void walk(const ProtobufCMessage* message,
          const std::function<bool(const ProtobufCMessage*)>& visit, int depth = 0) {
  if (message == nullptr || message->descriptor == nullptr || depth > 2000) return;
  if (!visit(message)) return;
  const ProtobufCMessageDescriptor* d = message->descriptor;
  const auto* base = reinterpret_cast<const char*>(message);
  for (unsigned i = 0; i < d->n_fields; ++i) {
    const ProtobufCFieldDescriptor& f = d->fields[i];
    if (f.type != PROTOBUF_C_TYPE_MESSAGE) continue;
    if ((f.flags & PROTOBUF_C_FIELD_FLAG_ONEOF) != 0) {
      std::uint32_t active = 0;
      std::memcpy(&active, base + f.quantifier_offset, sizeof active);
      if (active != f.id) continue;
    }
    if (f.label == PROTOBUF_C_LABEL_REPEATED) {
      std::size_t n = 0;
      std::memcpy(&n, base + f.quantifier_offset, sizeof n);
      const ProtobufCMessage* const* items = nullptr;
      std::memcpy(&items, base + f.offset, sizeof items);
      for (std::size_t k = 0; items != nullptr && k < n; ++k) walk(items[k], visit, depth + 1);
    } else {
      const ProtobufCMessage* child = nullptr;
      std::memcpy(&child, base + f.offset, sizeof child);
      walk(child, visit, depth + 1);
    }
  }
}

// ---------------------------------------------------------------------------------------
// Built-in functions and operators whose NULL behaviour is known.

enum class fn_kind : std::uint8_t {
  never_null,  // never returns NULL (count, row_number, concat, now, jsonb_build_object, ...)
  preserves,   // strict, and never NULL for non-NULL arguments (lower, abs, md5, ...)
  first_arg,   // NULL exactly when the first argument is (concat_ws, format)
  nullable,    // can return NULL for non-NULL arguments (aggregates, regexp_match, ...)
  lag_lead,    // NULL past the partition edge unless a default is given
  substring,   // the positional form preserves; the regex form is NULL when nothing matches
};

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
         "quote_literal", "chr", "ascii", "starts_with", "regexp_replace", "regexp_split_to_array",
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
         "nextval", "currval", "setval"});
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

// Aggregates (without OVER) make a query without GROUP BY return exactly one row.
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

// Operators that are strict and never NULL for non-NULL operands.
bool preserving_operator(std::string_view op) {
  static const std::set<std::string_view> ops = {
      "=",  "<>",  "<",   ">",   "<=",   ">=", "+",  "-",  "*",   "/",  "%",  "^",
      "||", "~~",  "!~~", "~~*", "!~~*", "~",  "!~", "~*", "!~*", "@>", "<@", "&&",
      "|/", "||/", "@",   "&",   "|",    "<<", ">>", "?",  "?|",  "?&", "#-"};
  return ops.contains(op);
}

// Comparisons: when one is true, its column operands are not NULL.
bool comparison_operator(std::string_view op) {
  static const std::set<std::string_view> ops = {"=",   "<>",  "<",    ">", "<=", ">=", "~~",
                                                 "~~*", "!~~", "!~~*", "~", "~*", "!~", "!~*"};
  return ops.contains(op);
}

// json/jsonb field and path access: NULL when the key or element is missing.
bool json_access_operator(std::string_view op) {
  return op == "->" || op == "->>" || op == "#>" || op == "#>>" || op == "@?" || op == "@@";
}

// ---------------------------------------------------------------------------------------
// The model of one query level: FROM items and their column slots.

struct value {
  nb null = nb::unknown;
  column_origin origin{};              // set when the value is a plain table or view column
  std::string_view name = "?column?";  // the column name PostgreSQL gives (FigureColname)
  int strength = 0;                    // how sure that name is (as FigureColnameInternal)
};

struct out_column {
  std::string_view name;
  nb null = nb::unknown;
  column_origin origin{};
};

// The result columns of a statement, subquery, CTE or view.
struct output {
  std::vector<out_column> columns;
  bool complete = true;  // false when the column list itself is not known
};

output unknown_output() {
  output o;
  o.complete = false;
  return o;
}

struct slot {
  std::string_view name;
  nb base = nb::unknown;  // before null-extension by outer joins
  column_origin origin{};
  int owner = -1;       // the item whose row this column belongs to
  bool proven = false;  // a strict predicate showed it is not NULL in every real row
};

struct item {
  std::string_view refname;  // what qualifies its columns (alias, table or CTE name)
  std::vector<int> columns;  // slots, in SELECT * order
  int left = -1;             // joins: the two inputs and the USING alias (if any)
  int right = -1;
  int using_alias = -1;
  bool complete = true;         // the column list is known
  bool extended = false;        // NULL-extended by an outer join above it
  bool hides_children = false;  // an aliased join: its inputs cannot be named
};

struct level {
  std::vector<item> items;
  std::vector<slot> slots;
  std::vector<int> roots;  // the top-level FROM items
};

struct with_scope;

// The CTEs visible at some point: `visible` entries of `with`, then the enclosing ones.
struct cte_env {
  with_scope* with = nullptr;
  std::size_t visible = 0;
  const cte_env* parent = nullptr;
};

// What names resolve against: some items of one level, then the enclosing query levels.
struct scope {
  const level* lvl = nullptr;
  std::vector<int> roots;
  const scope* parent = nullptr;
  const cte_env* ctes = nullptr;
  bool grouped = false;               // GROUPING SETS / ROLLUP / CUBE: grouped columns can be NULL
  bool nonempty_groups = false;       // plain GROUP BY: every group has at least one row
  std::span<pg_node* const> windows;  // the WINDOW clause: named window definitions
};

struct cte_entry {
  enum class state : std::uint8_t { pending, running, done };
  std::string_view name;
  const PgQuery__CommonTableExpr* cte = nullptr;
  with_scope* owner = nullptr;
  state st = state::pending;
  output result = unknown_output();
};

struct with_scope {
  std::vector<cte_entry> entries;
  bool recursive = false;
  const scope* outer = nullptr;  // where the CTE bodies are evaluated
  const cte_env* parent = nullptr;
};

nb raw_value(const level& l, int s) {
  const slot& sl = l.slots[static_cast<std::size_t>(s)];
  if (l.items[static_cast<std::size_t>(sl.owner)].extended) return nb::nullable;
  return sl.proven ? nb::not_null : sl.base;
}

nb slot_value(const scope& at, int s) {
  return at.grouped ? nb::nullable : raw_value(*at.lvl, s);
}

void mark_extended(level& l, int i) {
  if (i < 0) return;
  l.items[static_cast<std::size_t>(i)].extended = true;
  mark_extended(l, l.items[static_cast<std::size_t>(i)].left);
  mark_extended(l, l.items[static_cast<std::size_t>(i)].right);
}

bool within(const level& l, int root, int i) {
  if (root < 0) return false;
  if (root == i) return true;
  const item& it = l.items[static_cast<std::size_t>(root)];
  return within(l, it.left, i) || within(l, it.right, i);
}

// The one slot of item `i` named `name`, or -1.
int unique_slot(const level& l, int i, std::string_view name) {
  int found = -1;
  for (int s : l.items[static_cast<std::size_t>(i)].columns) {
    if (l.slots[static_cast<std::size_t>(s)].name != name) continue;
    if (found >= 0) return -1;
    found = s;
  }
  return found;
}

enum class lookup : std::uint8_t { none, one, unsure };

// An unqualified column name among the roots of one level.
lookup column_here(const scope& sc, std::string_view name, int& slot_out) {
  if (sc.lvl == nullptr) return lookup::none;
  int hits = 0;
  bool incomplete = false;
  for (int r : sc.roots) {
    const item& it = sc.lvl->items[static_cast<std::size_t>(r)];
    incomplete = incomplete || !it.complete;
    for (int s : it.columns) {
      if (sc.lvl->slots[static_cast<std::size_t>(s)].name == name) {
        ++hits;
        slot_out = s;
      }
    }
  }
  // One hit is the server's answer too: a second match anywhere would have been an error.
  if (hits == 1) return lookup::one;
  return hits > 1 || incomplete ? lookup::unsure : lookup::none;
}

void find_item(const level& l, int i, std::string_view name, int& hits, int& out) {
  if (i < 0) return;
  const item& it = l.items[static_cast<std::size_t>(i)];
  if (!it.refname.empty() && it.refname == name) {
    ++hits;
    out = i;
    return;
  }
  if (it.hides_children) return;
  find_item(l, it.left, name, hits, out);
  find_item(l, it.right, name, hits, out);
  find_item(l, it.using_alias, name, hits, out);
}

// A FROM item named `name` in one level.
lookup item_here(const scope& sc, std::string_view name, int& item_out) {
  if (sc.lvl == nullptr) return lookup::none;
  int hits = 0;
  for (int r : sc.roots) find_item(*sc.lvl, r, name, hits, item_out);
  if (hits == 1) return lookup::one;
  return hits > 1 ? lookup::unsure : lookup::none;
}

// The column names of a ColumnRef: all String fields, and whether it ends in `*`.
struct column_path {
  std::array<std::string_view, 4> names{};
  std::size_t size = 0;
  bool star = false;
  bool valid = false;
};

column_path path_of(const PgQuery__ColumnRef* ref) {
  column_path p;
  if (ref == nullptr) return p;
  const auto fields = list(ref->fields, ref->n_fields);
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (is(fields[i], PG_QUERY__NODE__NODE_A_STAR) && i + 1 == fields.size()) {
      p.star = true;
    } else if (is(fields[i], PG_QUERY__NODE__NODE_STRING) && p.size < p.names.size()) {
      p.names[p.size++] = string_value(fields[i]);
    } else {
      return p;
    }
  }
  p.valid = p.size > 0 || p.star;
  return p;
}

// Where a column reference points: a slot of some scope, or a whole FROM item.
struct target_ref {
  const scope* at = nullptr;
  int slot = -1;
  int item = -1;
  bool unsure = false;  // the name is there but it is not clear what it means
};

// Resolves `name` / `q.name` / `q` as PostgreSQL does: columns of the nearest level that has
// one by that name first, then whole-row references to a FROM item.
target_ref resolve(const scope& start, const column_path& p) {
  target_ref r;
  if (!p.valid || p.star) return r;
  if (p.size == 1) {
    for (const scope* s = &start; s != nullptr; s = s->parent) {
      int found = -1;
      const lookup l = column_here(*s, p.names[0], found);
      if (l == lookup::one) return {s, found, -1, false};
      if (l == lookup::unsure) return {s, -1, -1, true};
    }
    for (const scope* s = &start; s != nullptr; s = s->parent) {
      int found = -1;
      const lookup l = item_here(*s, p.names[0], found);
      if (l == lookup::one) return {s, -1, found, false};
      if (l == lookup::unsure) return {s, -1, -1, true};
    }
    return r;
  }
  if (p.size == 2) {
    for (const scope* s = &start; s != nullptr; s = s->parent) {
      int found = -1;
      const lookup l = item_here(*s, p.names[0], found);
      if (l == lookup::unsure) return {s, -1, -1, true};
      if (l == lookup::none) continue;
      const int column = unique_slot(*s->lvl, found, p.names[1]);
      if (column >= 0) return {s, column, -1, false};
      return {s, -1, found, true};  // the item, but not the column: unknown columns
    }
  }
  return r;  // schema-qualified references are rare; answer unknown
}

// The item a `q.*` refers to, looking outwards through the levels.
target_ref resolve_item(const scope& start, std::string_view name) {
  for (const scope* s = &start; s != nullptr; s = s->parent) {
    int found = -1;
    const lookup l = item_here(*s, name, found);
    if (l == lookup::one) return {s, -1, found, false};
    if (l == lookup::unsure) return {s, -1, -1, true};
  }
  return {};
}

// The AND-ed conjuncts of a predicate.
void conjuncts(const pg_node* n, std::vector<const pg_node*>& out) {
  if (n == nullptr) return;
  if (is(n, PG_QUERY__NODE__NODE_BOOL_EXPR) && n->bool_expr != nullptr &&
      n->bool_expr->boolop == PG_QUERY__BOOL_EXPR_TYPE__AND_EXPR) {
    for (const pg_node* a : list(n->bool_expr->args, n->bool_expr->n_args)) conjuncts(a, out);
    return;
  }
  out.push_back(n);
}

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

// The columns a conjunct proves non-NULL when it is true.
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

// GROUP BY a, b (no grouping sets, not GROUP BY ()): aggregates see at least one row.
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
    if (!name || !functions().contains(*name)) c.unlisted = true;
    if (name && is_aggregate(*name) && f->over == nullptr) c.aggregate = true;
    return true;
  });
  return c;
}

// A SELECT that returns exactly one row whatever the data: one column, no grouping, no
// LIMIT/OFFSET, and either an aggregate or no FROM and WHERE at all - so as a scalar subquery
// its value is the column's, not NULL for "no row".
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

// ---------------------------------------------------------------------------------------
// The evaluator: statements to output columns, expressions to values.

class evaluator {
 public:
  explicit evaluator(const relation_catalog& catalog) : catalog_(catalog) {}

  output statement(const pg_node* n, const scope* outer, const cte_env* ctes) {
    if (n == nullptr) return unknown_output();
    depth_guard guard(depth_);
    if (guard.too_deep()) return unknown_output();
    switch (n->node_case) {
      case PG_QUERY__NODE__NODE_SELECT_STMT:
        return select(n->select_stmt, outer, ctes);
      case PG_QUERY__NODE__NODE_INSERT_STMT:
        return insert(n->insert_stmt, outer, ctes);
      case PG_QUERY__NODE__NODE_UPDATE_STMT:
        return update(n->update_stmt, outer, ctes);
      case PG_QUERY__NODE__NODE_DELETE_STMT:
        return remove(n->delete_stmt, outer, ctes);
      default:
        return unknown_output();
    }
  }

 private:
  class depth_guard {
   public:
    explicit depth_guard(int& depth) : depth_(depth) { ++depth_; }
    ~depth_guard() { --depth_; }
    depth_guard(const depth_guard&) = delete;
    depth_guard& operator=(const depth_guard&) = delete;
    [[nodiscard]] bool too_deep() const { return depth_ > 400; }

   private:
    int& depth_;
  };

  // A WITH clause made visible to the statement that owns it.
  struct with_frame {
    with_scope scope_;
    cte_env env_;
    const cte_env* open(const PgQuery__WithClause* w, const scope* outer, const cte_env* ctes) {
      if (w == nullptr) return ctes;
      scope_.recursive = w->recursive != 0;
      scope_.outer = outer;
      scope_.parent = ctes;
      for (const pg_node* c : list(w->ctes, w->n_ctes)) {
        if (!is(c, PG_QUERY__NODE__NODE_COMMON_TABLE_EXPR) || c->common_table_expr == nullptr) {
          continue;
        }
        cte_entry e;
        e.name = text(c->common_table_expr->ctename);
        e.cte = c->common_table_expr;
        e.owner = &scope_;
        scope_.entries.push_back(std::move(e));
      }
      env_ = {&scope_, scope_.entries.size(), ctes};
      return &env_;
    }
  };

  // --- statements -----------------------------------------------------------------------

  output select(const PgQuery__SelectStmt* s, const scope* outer, const cte_env* ctes) {
    if (s == nullptr) return unknown_output();
    with_frame with;
    ctes = with.open(s->with_clause, outer, ctes);
    switch (s->op) {
      case PG_QUERY__SET_OPERATION__SETOP_UNION:
      case PG_QUERY__SET_OPERATION__SETOP_INTERSECT:
      case PG_QUERY__SET_OPERATION__SETOP_EXCEPT:
        return set_operation(s, outer, ctes);
      default:
        break;
    }
    if (s->n_values_lists != 0) return values(s, outer, ctes);
    return simple_select(s, outer, ctes);
  }

  // UNION: NULL if NULL in either branch. INTERSECT: only rows in both, so not NULL if not
  // NULL in one of them. EXCEPT: rows of the left branch.
  output set_operation(const PgQuery__SelectStmt* s, const scope* outer, const cte_env* ctes) {
    output left = select(s->larg, outer, ctes);
    const output right = select(s->rarg, outer, ctes);
    if (!left.complete || !right.complete || left.columns.size() != right.columns.size()) {
      return unknown_output();
    }
    for (std::size_t i = 0; i < left.columns.size(); ++i) {
      out_column& c = left.columns[i];
      c.origin = {};
      if (s->op == PG_QUERY__SET_OPERATION__SETOP_UNION) {
        c.null = worst(c.null, right.columns[i].null);
      } else if (s->op == PG_QUERY__SET_OPERATION__SETOP_INTERSECT) {
        c.null = best(c.null, right.columns[i].null);
      }
    }
    return left;
  }

  output values(const PgQuery__SelectStmt* s, const scope* outer, const cte_env* ctes) {
    scope sc;
    sc.parent = outer;
    sc.ctes = ctes;
    output out;
    for (const pg_node* row : list(s->values_lists, s->n_values_lists)) {
      if (!is(row, PG_QUERY__NODE__NODE_LIST) || row->list == nullptr) return unknown_output();
      const auto cells = list(row->list->items, row->list->n_items);
      if (out.columns.empty()) {
        for (std::size_t i = 0; i < cells.size(); ++i) {
          out.columns.push_back({synthesized("column" + std::to_string(i + 1)), nb::not_null, {}});
        }
      }
      if (cells.size() != out.columns.size()) return unknown_output();
      for (std::size_t i = 0; i < cells.size(); ++i) {
        out.columns[i].null = worst(out.columns[i].null, expr(cells[i], sc).null);
      }
    }
    return out;
  }

  output simple_select(const PgQuery__SelectStmt* s, const scope* outer, const cte_env* ctes) {
    level lvl;
    for (const pg_node* f : list(s->from_clause, s->n_from_clause)) {
      const int i = from_item(lvl, f, outer, ctes, lvl.roots);
      lvl.roots.push_back(i);
    }
    prove(lvl, lvl.roots, s->where_clause, /*clear=*/true, /*restrict_to=*/-1);
    scope sc;
    sc.lvl = &lvl;
    sc.roots = lvl.roots;
    sc.parent = outer;
    sc.ctes = ctes;
    sc.grouped = has_grouping_sets(s);
    sc.nonempty_groups = plain_group_by(s);
    sc.windows = list(s->window_clause, s->n_window_clause);
    output out;
    targets(list(s->target_list, s->n_target_list), sc, out);
    return out;
  }

  // INSERT/UPDATE/DELETE ... RETURNING: the target table's rows obey its constraints.
  output insert(const PgQuery__InsertStmt* s, const scope* outer, const cte_env* ctes) {
    if (s == nullptr) return unknown_output();
    with_frame with;
    ctes = with.open(s->with_clause, outer, ctes);
    level lvl;
    lvl.roots.push_back(relation_item(lvl, s->relation, nullptr));
    return returning(lvl, list(s->returning_list, s->n_returning_list), outer, ctes);
  }

  output update(const PgQuery__UpdateStmt* s, const scope* outer, const cte_env* ctes) {
    if (s == nullptr) return unknown_output();
    with_frame with;
    ctes = with.open(s->with_clause, outer, ctes);
    level lvl;
    lvl.roots.push_back(relation_item(lvl, s->relation, nullptr));
    for (const pg_node* f : list(s->from_clause, s->n_from_clause)) {
      const int i = from_item(lvl, f, outer, ctes, lvl.roots);
      lvl.roots.push_back(i);
    }
    prove(lvl, lvl.roots, s->where_clause, true, -1);
    return returning(lvl, list(s->returning_list, s->n_returning_list), outer, ctes);
  }

  output remove(const PgQuery__DeleteStmt* s, const scope* outer, const cte_env* ctes) {
    if (s == nullptr) return unknown_output();
    with_frame with;
    ctes = with.open(s->with_clause, outer, ctes);
    level lvl;
    lvl.roots.push_back(relation_item(lvl, s->relation, nullptr));
    for (const pg_node* f : list(s->using_clause, s->n_using_clause)) {
      const int i = from_item(lvl, f, outer, ctes, lvl.roots);
      lvl.roots.push_back(i);
    }
    prove(lvl, lvl.roots, s->where_clause, true, -1);
    return returning(lvl, list(s->returning_list, s->n_returning_list), outer, ctes);
  }

  output returning(const level& lvl, std::span<pg_node* const> list_, const scope* outer,
                   const cte_env* ctes) {
    scope sc;
    sc.lvl = &lvl;
    sc.roots = lvl.roots;
    sc.parent = outer;
    sc.ctes = ctes;
    output out;
    targets(list_, sc, out);
    return out;
  }

  // --- target lists ---------------------------------------------------------------------

  void targets(std::span<pg_node* const> nodes, const scope& sc, output& out) {
    for (const pg_node* n : nodes) {
      if (!is(n, PG_QUERY__NODE__NODE_RES_TARGET) || n->res_target == nullptr) {
        out.complete = false;
        continue;
      }
      const PgQuery__ResTarget* t = n->res_target;
      if (is(t->val, PG_QUERY__NODE__NODE_COLUMN_REF)) {
        const column_path p = path_of(t->val->column_ref);
        if (p.star) {
          expand_star(p, sc, out);
          continue;
        }
      }
      const value v = expr(t->val, sc);
      const std::string_view name = text(t->name);
      out.columns.push_back({name.empty() ? v.name : name, v.null, v.origin});
    }
  }

  void append_item(const scope& at, int i, output& out) {
    const item& it = at.lvl->items[static_cast<std::size_t>(i)];
    if (!it.complete) out.complete = false;
    for (int s : it.columns) {
      const slot& sl = at.lvl->slots[static_cast<std::size_t>(s)];
      out.columns.push_back({sl.name, slot_value(at, s), sl.origin});
    }
  }

  void expand_star(const column_path& p, const scope& sc, output& out) {
    if (p.size == 0 && sc.lvl != nullptr) {
      for (int r : sc.roots) append_item(sc, r, out);
      return;
    }
    if (p.size == 1) {
      const target_ref r = resolve_item(sc, p.names[0]);
      if (r.at != nullptr && !r.unsure) {
        append_item(*r.at, r.item, out);
        return;
      }
    }
    out.complete = false;
  }

  // --- FROM -----------------------------------------------------------------------------

  int new_item(level& lvl, std::string_view refname, bool complete) {
    item it;
    it.refname = refname;
    it.complete = complete;
    lvl.items.push_back(std::move(it));
    return static_cast<int>(lvl.items.size() - 1);
  }

  int add_slot(level& lvl, int owner, std::string_view name, nb base, column_origin origin) {
    slot s;
    s.name = name;
    s.base = base;
    s.origin = origin;
    s.owner = owner;
    lvl.slots.push_back(s);
    const int id = static_cast<int>(lvl.slots.size() - 1);
    lvl.items[static_cast<std::size_t>(owner)].columns.push_back(id);
    return id;
  }

  // An item showing the columns of a subquery, CTE or view; `t(a, b)` renames the first ones.
  int output_item(level& lvl, const output& out, std::string_view refname,
                  const PgQuery__Alias* alias) {
    const int i = new_item(lvl, refname, out.complete);
    const auto renames =
        alias != nullptr ? list(alias->colnames, alias->n_colnames) : std::span<pg_node* const>();
    for (std::size_t c = 0; c < out.columns.size(); ++c) {
      const std::string_view name =
          c < renames.size() ? string_value(renames[c]) : out.columns[c].name;
      add_slot(lvl, i, name, out.columns[c].null, out.columns[c].origin);
    }
    if (renames.size() > out.columns.size()) {
      lvl.items[static_cast<std::size_t>(i)].complete = false;  // more names than columns
    }
    return i;
  }

  int from_item(level& lvl, const pg_node* n, const scope* outer, const cte_env* ctes,
                const std::vector<int>& lateral) {
    if (n == nullptr) return new_item(lvl, "", false);
    switch (n->node_case) {
      case PG_QUERY__NODE__NODE_RANGE_VAR:
        return relation_item(lvl, n->range_var, ctes);
      case PG_QUERY__NODE__NODE_RANGE_TABLE_SAMPLE:
        if (n->range_table_sample != nullptr &&
            is(n->range_table_sample->relation, PG_QUERY__NODE__NODE_RANGE_VAR)) {
          return relation_item(lvl, n->range_table_sample->relation->range_var, ctes);
        }
        return new_item(lvl, "", false);
      case PG_QUERY__NODE__NODE_RANGE_SUBSELECT:
        return subquery_item(lvl, n->range_subselect, outer, ctes, lateral);
      case PG_QUERY__NODE__NODE_RANGE_FUNCTION:
        return function_item(lvl, n->range_function, outer, ctes, lateral);
      case PG_QUERY__NODE__NODE_JOIN_EXPR:
        return join_item(lvl, n->join_expr, outer, ctes, lateral);
      default:
        return new_item(lvl, "", false);
    }
  }

  // A table, view or CTE. `ctes` is null for INSERT/UPDATE/DELETE targets, which are
  // always tables.
  int relation_item(level& lvl, const PgQuery__RangeVar* rv, const cte_env* ctes) {
    if (rv == nullptr) return new_item(lvl, "", false);
    const std::string_view alias = rv->alias != nullptr ? text(rv->alias->aliasname) : "";
    const std::string_view refname = alias.empty() ? text(rv->relname) : alias;
    if (text(rv->schemaname).empty() && text(rv->catalogname).empty()) {
      if (cte_entry* cte = find_cte(ctes, text(rv->relname))) {
        return output_item(lvl, cte_output(*cte), refname, rv->alias);
      }
    }
    const catalog_relation* rel = catalog_.find(
        relation_name{std::string(text(rv->schemaname)), std::string(text(rv->relname))});
    if (rel == nullptr) return new_item(lvl, refname, false);
    return catalog_item(lvl, *rel, refname, rv->alias);
  }

  int catalog_item(level& lvl, const catalog_relation& rel, std::string_view refname,
                   const PgQuery__Alias* alias) {
    output out;
    const bool view = (rel.kind == 'v' || rel.kind == 'm') && !rel.view_definition.empty();
    const output defined = view ? view_output(rel) : output{};
    const bool view_known =
        view && defined.complete && defined.columns.size() == rel.columns.size();
    for (std::size_t c = 0; c < rel.columns.size(); ++c) {
      const catalog_column& col = rel.columns[c];
      nb null = col.not_null ? nb::not_null : nb::nullable;
      if (view) null = view_known ? defined.columns[c].null : nb::unknown;
      // A foreign table's NOT NULL is a promise about remote data nobody checks.
      if (rel.kind == 'f' && null == nb::not_null) null = nb::unknown;
      const column_origin origin =
          col.attnum > 0 ? column_origin{rel.oid, col.attnum} : column_origin{};
      out.columns.push_back({col.name, null, origin});
    }
    return output_item(lvl, out, refname, alias);
  }

  int subquery_item(level& lvl, const PgQuery__RangeSubselect* rs, const scope* outer,
                    const cte_env* ctes, const std::vector<int>& lateral) {
    if (rs == nullptr) return new_item(lvl, "", false);
    const std::string_view refname = rs->alias != nullptr ? text(rs->alias->aliasname) : "";
    output out;
    if (rs->lateral != 0) {
      const scope lat = lateral_scope(lvl, lateral, outer, ctes);
      out = statement(rs->subquery, &lat, ctes);
    } else {
      out = statement(rs->subquery, outer, ctes);
    }
    return output_item(lvl, out, refname, rs->alias);
  }

  static scope lateral_scope(const level& lvl, const std::vector<int>& lateral, const scope* outer,
                             const cte_env* ctes) {
    scope s;
    s.lvl = &lvl;
    s.roots = lateral;
    s.parent = outer;
    s.ctes = ctes;
    return s;
  }

  // Set-returning functions in FROM (implicitly LATERAL). Only a few well-known ones have a
  // known column list; anything else is an item with unknown columns.
  int function_item(level& lvl, const PgQuery__RangeFunction* rf, const scope* outer,
                    const cte_env* ctes, const std::vector<int>& lateral) {
    if (rf == nullptr) return new_item(lvl, "", false);
    const std::string_view alias = rf->alias != nullptr ? text(rf->alias->aliasname) : "";
    const auto functions_ = list(rf->functions, rf->n_functions);
    const PgQuery__FuncCall* f = nullptr;
    if (rf->is_rowsfrom == 0 && functions_.size() == 1 &&
        is(functions_[0], PG_QUERY__NODE__NODE_LIST) && functions_[0]->list != nullptr &&
        functions_[0]->list->n_items >= 1 &&
        is(functions_[0]->list->items[0], PG_QUERY__NODE__NODE_FUNC_CALL)) {
      f = functions_[0]->list->items[0]->func_call;
    }
    const auto name = f != nullptr ? builtin_name(list(f->funcname, f->n_funcname)) : std::nullopt;
    const std::string_view refname =
        alias.empty() && f != nullptr ? last_name(list(f->funcname, f->n_funcname)) : alias;
    if (!name) return new_item(lvl, refname, false);

    const scope lat = lateral_scope(lvl, lateral, outer, ctes);
    const auto args = list(f->args, f->n_args);
    output out;
    // Scalar-returning functions name their column after the alias, if any.
    const std::string_view scalar_name = alias.empty() ? *name : alias;
    if (*name == "generate_series") {
      out.columns.push_back({scalar_name, nb::not_null, {}});  // NULL bounds give no rows
    } else if (*name == "unnest" && args.size() == 1) {
      out.columns.push_back({scalar_name, array_elements(args[0], lat), {}});
    } else if (*name == "regexp_split_to_table" || *name == "json_object_keys" ||
               *name == "jsonb_object_keys") {
      out.columns.push_back({scalar_name, nb::not_null, {}});
    } else if (*name == "json_array_elements" || *name == "jsonb_array_elements") {
      // JSON null is not SQL NULL. A single-column function's column takes the alias.
      out.columns.push_back({alias.empty() ? "value" : alias, nb::not_null, {}});
    } else if (*name == "json_array_elements_text" || *name == "jsonb_array_elements_text") {
      out.columns.push_back({alias.empty() ? "value" : alias, nb::nullable, {}});
    } else if (*name == "json_each" || *name == "jsonb_each") {
      out.columns.push_back({"key", nb::not_null, {}});
      out.columns.push_back({"value", nb::not_null, {}});
    } else if (*name == "json_each_text" || *name == "jsonb_each_text") {
      out.columns.push_back({"key", nb::not_null, {}});
      out.columns.push_back({"value", nb::nullable, {}});
    } else {
      return new_item(lvl, refname, false);
    }
    if (rf->ordinality != 0) out.columns.push_back({"ordinality", nb::not_null, {}});
    return output_item(lvl, out, refname, rf->alias);
  }

  // unnest(ARRAY[a, b]) has non-NULL elements when a and b are; any other array might hold
  // NULLs.
  nb array_elements(const pg_node* arg, const scope& sc) {
    if (!is(arg, PG_QUERY__NODE__NODE_A_ARRAY_EXPR) || arg->a_array_expr == nullptr) {
      return nb::unknown;
    }
    nb result = nb::not_null;
    for (const pg_node* e : list(arg->a_array_expr->elements, arg->a_array_expr->n_elements)) {
      result = worst(result, expr(e, sc).null);
    }
    return result;
  }

  int join_item(level& lvl, const PgQuery__JoinExpr* j, const scope* outer, const cte_env* ctes,
                const std::vector<int>& lateral) {
    if (j == nullptr) return new_item(lvl, "", false);
    const int l = from_item(lvl, j->larg, outer, ctes, lateral);
    std::vector<int> lateral_right = lateral;  // the right side may refer to the left one
    lateral_right.push_back(l);
    const int r = from_item(lvl, j->rarg, outer, ctes, lateral_right);
    const int self = new_item(lvl, "", true);
    lvl.items[static_cast<std::size_t>(self)].left = l;
    lvl.items[static_cast<std::size_t>(self)].right = r;

    const std::vector<std::string_view> merged_names = merged_columns(lvl, j, l, r, self);
    std::vector<int> merged;
    for (std::string_view name : merged_names) {
      merged.push_back(merge_column(lvl, j->jointype, l, r, self, name));
    }
    switch (j->jointype) {
      case PG_QUERY__JOIN_TYPE__JOIN_INNER:
        prove(lvl, {l, r}, j->quals, /*clear=*/true, -1);
        break;
      case PG_QUERY__JOIN_TYPE__JOIN_LEFT:
        prove(lvl, {l, r}, j->quals, /*clear=*/false, r);  // matched right rows satisfy ON
        mark_extended(lvl, r);
        break;
      case PG_QUERY__JOIN_TYPE__JOIN_RIGHT:
        prove(lvl, {l, r}, j->quals, /*clear=*/false, l);
        mark_extended(lvl, l);
        break;
      default:  // FULL (and anything unexpected): both sides can be NULL-extended
        mark_extended(lvl, l);
        mark_extended(lvl, r);
        break;
    }
    // The join's columns: merged ones, then the rest of the left, then the rest of the right.
    std::vector<int> columns = merged;
    for (int side : {l, r}) {
      const item& input = lvl.items[static_cast<std::size_t>(side)];
      if (!input.complete) lvl.items[static_cast<std::size_t>(self)].complete = false;
      for (int s : input.columns) {
        const auto name = lvl.slots[static_cast<std::size_t>(s)].name;
        if (std::find(merged_names.begin(), merged_names.end(), name) == merged_names.end()) {
          columns.push_back(s);
        }
      }
    }
    lvl.items[static_cast<std::size_t>(self)].columns = columns;
    if (j->join_using_alias != nullptr && !text(j->join_using_alias->aliasname).empty()) {
      const int u = new_item(lvl, text(j->join_using_alias->aliasname), true);
      lvl.items[static_cast<std::size_t>(u)].columns = merged;
      lvl.items[static_cast<std::size_t>(self)].using_alias = u;
    }
    if (j->alias != nullptr && !text(j->alias->aliasname).empty()) alias_join(lvl, self, j->alias);
    return self;
  }

  // USING (a, b) or, for NATURAL, the column names both sides share.
  std::vector<std::string_view> merged_columns(level& lvl, const PgQuery__JoinExpr* j, int l, int r,
                                               int self) {
    std::vector<std::string_view> names;
    if (j->is_natural == 0) {
      for (const pg_node* u : list(j->using_clause, j->n_using_clause)) {
        names.push_back(string_value(u));
      }
      return names;
    }
    const item& left = lvl.items[static_cast<std::size_t>(l)];
    const item& right = lvl.items[static_cast<std::size_t>(r)];
    if (!left.complete || !right.complete) {
      lvl.items[static_cast<std::size_t>(self)].complete = false;
      return names;
    }
    for (int s : left.columns) {
      const auto name = lvl.slots[static_cast<std::size_t>(s)].name;
      for (int t : right.columns) {
        if (lvl.slots[static_cast<std::size_t>(t)].name == name) {
          names.push_back(name);
          break;
        }
      }
    }
    return names;
  }

  // The merged column of JOIN ... USING: the left one for INNER/LEFT, the right one for
  // RIGHT, COALESCE(left, right) for FULL.
  int merge_column(level& lvl, PgQuery__JoinType type, int l, int r, int self,
                   std::string_view name) {
    const int ls = unique_slot(lvl, l, name);
    const int rs = unique_slot(lvl, r, name);
    if (ls < 0 || rs < 0) return add_slot(lvl, self, name, nb::unknown, {});
    auto prove_slot = [&lvl](int s, bool clear) {
      slot& sl = lvl.slots[static_cast<std::size_t>(s)];
      sl.proven = true;
      if (clear) lvl.items[static_cast<std::size_t>(sl.owner)].extended = false;
    };
    switch (type) {
      case PG_QUERY__JOIN_TYPE__JOIN_INNER:  // USING is an equality: both sides not NULL
        prove_slot(ls, true);
        prove_slot(rs, true);
        return add_slot(lvl, self, name, raw_value(lvl, ls),
                        lvl.slots[static_cast<std::size_t>(ls)].origin);
      case PG_QUERY__JOIN_TYPE__JOIN_LEFT:
        prove_slot(rs, false);
        return add_slot(lvl, self, name, raw_value(lvl, ls),
                        lvl.slots[static_cast<std::size_t>(ls)].origin);
      case PG_QUERY__JOIN_TYPE__JOIN_RIGHT:
        prove_slot(ls, false);
        return add_slot(lvl, self, name, raw_value(lvl, rs),
                        lvl.slots[static_cast<std::size_t>(rs)].origin);
      default:  // FULL: each row has a real left or a real right row, whose column it shows
        return add_slot(lvl, self, name, worst(raw_value(lvl, ls), raw_value(lvl, rs)), {});
    }
  }

  // `(a JOIN b ...) AS j(x, y)`: the inputs disappear behind new names; the join's columns
  // become its own slots, frozen at their current nullability.
  void alias_join(level& lvl, int self, const PgQuery__Alias* alias) {
    const std::vector<int> old = lvl.items[static_cast<std::size_t>(self)].columns;
    lvl.items[static_cast<std::size_t>(self)].columns.clear();
    lvl.items[static_cast<std::size_t>(self)].refname = text(alias->aliasname);
    lvl.items[static_cast<std::size_t>(self)].hides_children = true;
    const auto renames = list(alias->colnames, alias->n_colnames);
    for (std::size_t c = 0; c < old.size(); ++c) {
      const slot copy = lvl.slots[static_cast<std::size_t>(old[c])];
      const std::string_view name = c < renames.size() ? string_value(renames[c]) : copy.name;
      add_slot(lvl, self, name, raw_value(lvl, old[c]), copy.origin);
    }
  }

  // Marks the columns that `qual` proves non-NULL. With `clear`, the qual filters rows (WHERE,
  // INNER JOIN ... ON), so a proven column's row is a real one and its item is not
  // NULL-extended. Without it (the ON of an outer join) only rows of the `restrict_to` side
  // that found a match are covered - still enough for their columns once the row is known real.
  void prove(level& lvl, const std::vector<int>& roots, const pg_node* qual, bool clear,
             int restrict_to) {
    if (qual == nullptr) return;
    std::vector<const pg_node*> parts;
    conjuncts(qual, parts);
    std::vector<const PgQuery__ColumnRef*> refs;
    for (const pg_node* c : parts) strict_columns(c, refs);
    if (refs.empty()) return;
    scope here;
    here.lvl = &lvl;
    here.roots = roots;
    for (const PgQuery__ColumnRef* ref : refs) {
      const target_ref t = resolve(here, path_of(ref));
      if (t.at != &here || t.slot < 0 || t.unsure) continue;  // not a column of this level
      const int owner = lvl.slots[static_cast<std::size_t>(t.slot)].owner;
      if (restrict_to >= 0 && !within(lvl, restrict_to, owner)) continue;
      lvl.slots[static_cast<std::size_t>(t.slot)].proven = true;
      if (clear) lvl.items[static_cast<std::size_t>(owner)].extended = false;
    }
  }

  // --- CTEs and views -------------------------------------------------------------------

  static cte_entry* find_cte(const cte_env* env, std::string_view name) {
    for (; env != nullptr; env = env->parent) {
      if (env->with == nullptr) continue;
      for (std::size_t i = 0; i < env->visible && i < env->with->entries.size(); ++i) {
        if (env->with->entries[i].name == name) return &env->with->entries[i];
      }
    }
    return nullptr;
  }

  // Evaluated on first use; a reference from inside its own body (WITH RECURSIVE) sees the
  // current estimate, which is iterated to a fixed point.
  output cte_output(cte_entry& e) {
    if (e.st != cte_entry::state::pending) return e.result;
    with_scope& ws = *e.owner;
    const std::size_t index = static_cast<std::size_t>(&e - ws.entries.data());
    const cte_env env{&ws, ws.recursive ? ws.entries.size() : index, ws.parent};
    e.st = cte_entry::state::running;
    const pg_node* q = e.cte->ctequery;
    const PgQuery__SelectStmt* s =
        is(q, PG_QUERY__NODE__NODE_SELECT_STMT) ? q->select_stmt : nullptr;
    if (ws.recursive && s != nullptr && s->op == PG_QUERY__SET_OPERATION__SETOP_UNION &&
        s->with_clause == nullptr) {
      e.result = rename_cte(e, select(s->larg, ws.outer, &env));
      for (int round = 0; round < 8 && e.result.complete; ++round) {
        const output step = rename_cte(e, select(s->rarg, ws.outer, &env));
        if (!step.complete || step.columns.size() != e.result.columns.size()) {
          e.result = unknown_output();
          break;
        }
        bool changed = false;
        for (std::size_t i = 0; i < step.columns.size(); ++i) {
          const nb next = worst(e.result.columns[i].null, step.columns[i].null);
          changed = changed || next != e.result.columns[i].null;
          e.result.columns[i].null = next;
          e.result.columns[i].origin = {};
        }
        if (!changed) break;
        if (round == 7) e.result = unknown_output();
      }
    } else {
      e.result = rename_cte(e, statement(q, ws.outer, &env));
    }
    add_search_cycle_columns(e);
    e.st = cte_entry::state::done;
    return e.result;
  }

  output rename_cte(const cte_entry& e, output out) {
    const auto names = list(e.cte->aliascolnames, e.cte->n_aliascolnames);
    if (names.size() > out.columns.size()) return unknown_output();
    for (std::size_t i = 0; i < names.size(); ++i) out.columns[i].name = string_value(names[i]);
    return out;
  }

  static void add_search_cycle_columns(cte_entry& e) {
    if (!e.result.complete) return;
    if (e.cte->search_clause != nullptr) {
      e.result.columns.push_back({text(e.cte->search_clause->search_seq_column), nb::not_null, {}});
    }
    if (e.cte->cycle_clause != nullptr) {
      e.result.columns.push_back({text(e.cte->cycle_clause->cycle_mark_column), nb::not_null, {}});
      e.result.columns.push_back({text(e.cte->cycle_clause->cycle_path_column), nb::not_null, {}});
    }
  }

  // A view's columns follow its definition, evaluated like a subquery with nothing outside.
  output view_output(const catalog_relation& rel) {
    if (auto it = views_.find(rel.oid); it != views_.end()) return it->second;
    if (!views_in_progress_.insert(rel.oid).second) return unknown_output();
    auto tree = parse_view(rel.view_definition);
    kept_trees_.push_back(tree);
    output out = tree->ok() ? statement(tree->statement(), nullptr, nullptr) : unknown_output();
    views_in_progress_.erase(rel.oid);
    views_.emplace(rel.oid, out);
    return out;
  }

  // --- expressions ----------------------------------------------------------------------

  value expr(const pg_node* n, const scope& sc) {
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
        if (n->bool_expr != nullptr)
          v.null = all_args(list(n->bool_expr->args, n->bool_expr->n_args), sc);
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

  static void named(value& v, std::string_view name) {
    v.name = name;
    v.strength = 2;
  }

  nb all_args(std::span<pg_node* const> args, const scope& sc) {
    nb result = nb::not_null;
    for (const pg_node* a : args) result = worst(result, expr(a, sc).null);
    return result;
  }

  nb any_arg(std::span<pg_node* const> args, const scope& sc) {
    if (args.empty()) return nb::unknown;
    nb result = nb::nullable;
    for (const pg_node* a : args) result = best(result, expr(a, sc).null);
    return result;
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
    if (t.slot >= 0 && !t.unsure) {
      v.null = slot_value(*t.at, t.slot);
      v.origin = t.at->lvl->slots[static_cast<std::size_t>(t.slot)].origin;
    } else if (t.item >= 0 && !t.unsure) {
      v.null = whole_row(*t.at, t.item);
    } else if (t.item >= 0 && t.at->lvl->items[static_cast<std::size_t>(t.item)].extended) {
      v.null = nb::nullable;  // an unknown column, but of a NULL-extended item
    }
    return v;
  }

  static nb whole_row(const scope& at, int i) {
    if (at.grouped || at.lvl->items[static_cast<std::size_t>(i)].extended) return nb::nullable;
    return nb::not_null;
  }

  value type_cast(const PgQuery__TypeCast* c, const scope& sc) {
    if (c == nullptr) return {};
    value v = expr(c->arg, sc);
    v.origin = {};
    if (v.strength <= 1 && c->type_name != nullptr) {
      const std::string_view type = last_name(list(c->type_name->names, c->type_name->n_names));
      if (!type.empty()) {
        v.name = type;
        v.strength = 1;
      }
    }
    return v;
  }

  value a_expr(const PgQuery__AExpr* e, const scope& sc) {
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
  nb compared(const std::vector<const pg_node*>& operands, const scope& sc) {
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
  nb quantified(const PgQuery__AExpr* e, const scope& sc) {
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

  value case_expr(const PgQuery__CaseExpr* c, const scope& sc) {
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
    if (def.strength > 1) {
      v.name = def.name;
      v.strength = def.strength;
    } else {
      v.name = "case";
      v.strength = 1;
    }
    return v;
  }

  static value sql_value_function(const PgQuery__SQLValueFunction* f) {
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

  value sublink(const PgQuery__SubLink* s, const scope& sc) {
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
        const nb right =
            out.complete && out.columns.size() == 1 ? out.columns[0].null : nb::unknown;
        v.null = worst(expr(s->testexpr, sc).null, right);
        return v;
      }
      default:
        return v;
    }
  }

  value func_call(const PgQuery__FuncCall* f, const scope& sc) {
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
    const auto it = functions().find(*name);
    if (it == functions().end()) return v;
    const auto args = list(f->args, f->n_args);
    if (it->second == fn_kind::nullable && over_nonempty_set(f, *name, sc)) {
      v.null = nonempty_aggregate(*name, args, sc, f->over != nullptr);
      return v;
    }
    switch (it->second) {
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

  // Whether an aggregate or window function certainly sees at least one row: a window with
  // the default frame (it contains the current row), or an aggregate of this query level
  // under a plain GROUP BY. A FILTER can leave it with none.
  bool over_nonempty_set(const PgQuery__FuncCall* f, std::string_view name, const scope& sc) {
    if (f->agg_filter != nullptr || f->agg_within_group != 0) return false;
    if (f->over != nullptr) {
      // OVER w takes w's frame; OVER (w ORDER BY ...) has its own (w may not have one).
      const PgQuery__WindowDef* frame = f->over;
      if (!text(f->over->name).empty()) frame = named_window(sc, text(f->over->name));
      constexpr int frameoption_nondefault = 0x1;  // FRAMEOPTION_NONDEFAULT in parsenodes.h
      return frame != nullptr && (frame->frame_options & frameoption_nondefault) == 0;
    }
    return sc.nonempty_groups && is_aggregate(name) && aggregates_this_level(f, sc);
  }

  static const PgQuery__WindowDef* named_window(const scope& sc, std::string_view name) {
    for (const pg_node* w : sc.windows) {
      if (is(w, PG_QUERY__NODE__NODE_WINDOW_DEF) && w->window_def != nullptr &&
          text(w->window_def->name) == name) {
        return w->window_def;
      }
    }
    return nullptr;
  }

  // An aggregate whose arguments mention only outer-level columns belongs to that outer
  // level (SQL standard), where the groups are not ours.
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

  // The value of an aggregate over a non-empty set of rows.
  nb nonempty_aggregate(std::string_view name, std::span<pg_node* const> args, const scope& sc,
                        bool window) {
    static const std::set<std::string_view> collecting = {"array_agg", "json_agg", "jsonb_agg",
                                                          "json_object_agg", "jsonb_object_agg"};
    static const std::set<std::string_view> first_input = {
        "sum",     "avg",    "min",     "max",        "bool_and",    "bool_or",   "every",
        "bit_and", "bit_or", "bit_xor", "string_agg", "first_value", "last_value"};
    if (collecting.contains(name)) return nb::not_null;  // NULL inputs become elements
    if (!first_input.contains(name) || args.empty()) return nb::nullable;
    scope rows = sc;  // aggregate arguments see the rows before grouping, windows after it
    rows.grouped = rows.grouped && window;
    return expr(args[0], rows).null;  // NULL only when every input is NULL
  }

  // substring(s, int[, int]) and substring(s FROM int FOR int) preserve; substring(s FROM
  // pattern) is NULL when nothing matches. Without types, only an integer literal as the
  // second argument tells the positional form apart.
  nb substring(std::span<pg_node* const> args, const scope& sc) {
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

  value indirection(const PgQuery__AIndirection* ind, const scope& sc) {
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
    // Subscripts out of range give NULL; a field of a NULL row is NULL.
    v.null = subscript || base.null == nb::nullable ? nb::nullable : nb::unknown;
    return v;
  }

  std::string_view synthesized(std::string name) { return names_.emplace_back(std::move(name)); }

  const relation_catalog& catalog_;
  int depth_ = 0;
  std::map<std::uint32_t, output> views_;
  std::set<std::uint32_t> views_in_progress_;
  std::vector<std::shared_ptr<const pg_tree>> kept_trees_;
  std::deque<std::string> names_;
};

}  // namespace

// ---------------------------------------------------------------------------------------

struct parsed_query::tree {
  explicit tree(std::string_view sql) : parsed(sql) {}
  pg_tree parsed;
};

parsed_query::parsed_query(std::string_view sql) : tree_(std::make_unique<tree>(sql)) {}
parsed_query::parsed_query(parsed_query&&) noexcept = default;
parsed_query& parsed_query::operator=(parsed_query&&) noexcept = default;
parsed_query::~parsed_query() = default;

bool parsed_query::ok() const noexcept {
  return tree_ != nullptr && tree_->parsed.ok();
}

std::vector<relation_name> parsed_query::referenced_relations() const {
  std::vector<relation_name> names;
  if (!ok()) return names;
  std::set<std::string_view> cte_names;
  walk(tree_->parsed.root(), [&](const ProtobufCMessage* m) {
    if (m->descriptor == &pg_query__range_var__descriptor) {
      const auto* rv = reinterpret_cast<const PgQuery__RangeVar*>(m);
      names.push_back({std::string(text(rv->schemaname)), std::string(text(rv->relname))});
    } else if (m->descriptor == &pg_query__common_table_expr__descriptor) {
      cte_names.insert(text(reinterpret_cast<const PgQuery__CommonTableExpr*>(m)->ctename));
    }
    return true;
  });
  // A CTE name is not a relation (a table it shadows elsewhere in the query is rare enough
  // to answer `unknown` for).
  std::erase_if(names, [&](const relation_name& n) {
    return n.schema.empty() && cte_names.contains(n.name);
  });
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

std::vector<nullability> parsed_query::infer(const relation_catalog& catalog,
                                             std::span<const column_origin> described) const {
  std::vector<nullability> result(described.size(), nullability::unknown);
  if (!ok() || tree_->parsed.statement() == nullptr) return result;
  try {
    evaluator ev(catalog);
    const output out = ev.statement(tree_->parsed.statement(), nullptr, nullptr);
    if (!out.complete || out.columns.size() != described.size()) return result;
    for (std::size_t i = 0; i < result.size(); ++i) {
      const column_origin mine = out.columns[i].origin;
      const column_origin server = described[i];
      // The server names the table column a result column comes from; if the tree walk
      // thinks it is a different one, the walk went wrong somewhere: do not trust it.
      if (server.table_oid != 0 && mine.table_oid != 0 &&
          (server.table_oid != mine.table_oid || server.attnum != mine.attnum)) {
        continue;
      }
      result[i] = out.columns[i].null;
    }
  } catch (...) {
    std::fill(result.begin(), result.end(), nullability::unknown);
  }
  return result;
}

}  // namespace sqlx::core
