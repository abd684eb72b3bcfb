// The model of one query level: FROM items (tables, views, subqueries, CTEs, functions,
// joins) whose columns are slots, the scopes names resolve against, the CTEs visible at a
// point, and name resolution as PostgreSQL does it.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "describe/pg/nullability.hpp"
#include "describe/pg/nullability/lattice.hpp"
#include "describe/pg/nullability/parse_tree.hpp"

namespace sqlx::core::nullability_detail {

// An index into one of a level's tables, typed so that a slot cannot pass for an item.
// Default-constructed it is `none()`: no item (a missing join input) or no slot (a name
// that resolved to nothing).
template <typename Tag>
class typed_id {
 public:
  constexpr typed_id() noexcept = default;
  constexpr explicit typed_id(std::size_t index) noexcept : index_(index) {}

  [[nodiscard]] static constexpr typed_id none() noexcept { return typed_id(); }
  [[nodiscard]] constexpr bool is_none() const noexcept { return index_ == none_index; }
  [[nodiscard]] constexpr std::size_t index() const noexcept { return index_; }
  friend constexpr bool operator==(typed_id, typed_id) noexcept = default;

 private:
  static constexpr std::size_t none_index = std::numeric_limits<std::size_t>::max();
  std::size_t index_ = none_index;
};

using slot_id = typed_id<struct slot_tag>;
using item_id = typed_id<struct item_tag>;

// How sure a result column's name is, ranked as PostgreSQL's FigureColnameInternal does: a
// column, function or keyword name beats a type name (of a cast) or "case", which beat none.
enum class name_strength : std::uint8_t { none = 0, weak = 1, strong = 2 };

// What an expression evaluates to.
struct value {
  nb null = nb::unknown;
  column_origin origin{};              // set when the value is a plain table or view column
  std::string_view name = "?column?";  // the column name PostgreSQL gives (FigureColname)
  name_strength strength = name_strength::none;
  // A plain column of an outer-joined FROM item that is never NULL in a real row of it: the
  // item's name, so that the value is NULL exactly when that row is missing (nested structs,
  // include/sqlx/detail/nested_fields.hpp). Empty otherwise.
  std::string_view outer_row{};
};

// Names a value as a column, function or keyword name does.
inline void named(value& v, std::string_view name) {
  v.name = name;
  v.strength = name_strength::strong;
}

struct out_column {
  std::string_view name;
  nb null = nb::unknown;
  column_origin origin{};
  std::string_view outer_row{};  // value::outer_row, for the statement's own level only
};

// The result columns of a statement, subquery, CTE or view.
struct output {
  std::vector<out_column> columns;
  bool complete = true;  // false when the column list itself is not known
  // Set when the list is incomplete only because one `(x).*` expands the fields of a
  // composite value, which the parse tree cannot count: columns[*fields_at] stands for all of
  // them, and the described column count tells how many there are.
  std::optional<std::size_t> fields_at;
};

[[nodiscard]] inline output unknown_output() {
  output o;
  o.complete = false;
  return o;
}

struct slot {
  std::string_view name;
  nb base = nb::unknown;  // before null-extension by outer joins
  column_origin origin{};
  item_id owner{};      // the item whose row this column belongs to
  bool proven = false;  // a strict predicate showed it is not NULL in every real row
};

struct item {
  std::string_view refname;      // what qualifies its columns (alias, table or CTE name)
  std::vector<slot_id> columns;  // in SELECT * order
  // A table's system columns (ctid, xmin, ...): named only explicitly, never by `*`.
  std::vector<slot_id> system_columns;
  item_id left{};  // joins: the two inputs and the USING alias (if any)
  item_id right{};
  item_id using_alias{};
  bool complete = true;         // the column list is known
  bool extended = false;        // NULL-extended by an outer join above it
  bool hides_children = false;  // an aliased join: its inputs cannot be named
  // A plain table read whole (not a CTE, view or TABLESAMPLE): its rows are every row the
  // statement's snapshot has, so a foreign key into it always finds its row. 0 otherwise.
  std::uint32_t table = 0;
};

// The FROM clause of one query level.
struct level {
  std::vector<item> items;
  std::vector<slot> slots;
  std::vector<item_id> roots;  // the top-level FROM items

  [[nodiscard]] item& operator[](item_id i) { return items[i.index()]; }
  [[nodiscard]] const item& operator[](item_id i) const { return items[i.index()]; }
  [[nodiscard]] slot& operator[](slot_id s) { return slots[s.index()]; }
  [[nodiscard]] const slot& operator[](slot_id s) const { return slots[s.index()]; }
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
  std::vector<item_id> roots;
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

// A slot's value in its level, ignoring grouping.
[[nodiscard]] inline nb raw_value(const level& l, slot_id s) {
  const slot& sl = l[s];
  if (l[sl.owner].extended) return nb::nullable;
  return sl.proven ? nb::not_null : sl.base;
}

// A slot's value as seen from `at`.
[[nodiscard]] inline nb slot_value(const scope& at, slot_id s) {
  return at.grouped ? nb::nullable : raw_value(*at.lvl, s);
}

// A new FROM item of `lvl` (evaluator_from.cpp).
[[nodiscard]] item_id new_item(level& lvl, std::string_view refname, bool complete);

// An item showing the columns of a subquery, CTE, view or function; `t(a, b)` renames the
// first ones.
[[nodiscard]] item_id output_item(level& lvl, const output& out, std::string_view refname,
                                  const PgQuery__Alias* alias);

// What a LATERAL item (or a function in FROM) sees: the `lateral` items before it, then
// `outer`.
[[nodiscard]] scope lateral_scope(const level& lvl, const std::vector<item_id>& lateral,
                                  const scope* outer, const cte_env* ctes);

// Marks item `i` and everything below it as NULL-extended by an outer join.
void mark_extended(level& l, item_id i);

// Whether item `i` is `root` or below it.
[[nodiscard]] bool within(const level& l, item_id root, item_id i);

// The one slot of item `i` named `name`, or none.
[[nodiscard]] slot_id unique_slot(const level& l, item_id i, std::string_view name);

// The system column of item `i` named `name` (a table's ctid, xmin, ...), or none.
[[nodiscard]] slot_id system_slot(const level& l, item_id i, std::string_view name);

// PostgreSQL accepts at most catalog.schema.table.column in a column reference.
inline constexpr std::size_t max_column_ref_names = 4;

// The column names of a ColumnRef: all String fields, and whether it ends in `*`.
struct column_path {
  std::array<std::string_view, max_column_ref_names> names{};
  std::size_t size = 0;
  bool star = false;
  bool valid = false;
};

[[nodiscard]] column_path path_of(const PgQuery__ColumnRef* ref);

// Where a column reference points: a slot of some scope, or a whole FROM item.
struct target_ref {
  const scope* at = nullptr;
  slot_id slot{};
  item_id item{};
  bool unsure = false;  // the name is there but it is not clear what it means
};

// Resolves `name` / `q.name` / `q` as PostgreSQL does: columns of the nearest level that has
// one by that name first, then whole-row references to a FROM item.
[[nodiscard]] target_ref resolve(const scope& start, const column_path& p);

// The item a `q.*` refers to, looking outwards through the levels.
[[nodiscard]] target_ref resolve_item(const scope& start, std::string_view name);

// The FROM item a whole-row reference `t` (a column reference naming no column) stands for,
// as in `(t).c` and `(t).*`; `at` is nullptr when `n` is not one.
[[nodiscard]] target_ref whole_row_reference(const scope& start, const pg_node* n);

}  // namespace sqlx::core::nullability_detail
