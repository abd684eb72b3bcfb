// The structure of one SQLite statement, as far as nullability and parameter types need it:
// result columns, FROM items and joins, WHERE, grouping, compound arms, CTEs, the target and
// values of INSERT/UPDATE/DELETE and their RETURNING lists. Anything the parser does not model
// becomes an `unknown` expression (its answer is then `unknown`, never `not null`).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace sqlx::core::sqlite {

struct select_stmt;
struct expr;
using expr_ptr = std::unique_ptr<expr>;

enum class expr_kind : std::uint8_t {
  null_literal,
  integer_literal,
  real_literal,
  string_literal,
  blob_literal,
  keyword_value,  // CURRENT_TIME, CURRENT_DATE, CURRENT_TIMESTAMP, TRUE, FALSE
  parameter,
  column,     // [schema.][table.]column
  unary,      // op: "-", "+", "~", "NOT"
  binary,     // op: arithmetic, comparison, "AND", "OR", "||", "LIKE", "GLOB", "IS", ...
  null_test,  // IS NULL / NOTNULL (not_ = false) or IS NOT NULL / NOTNULL (not_ = true)
  between,    // args: value, low, high
  in_list,    // args: value, items...
  in_select,  // args: value; subquery
  exists,     // subquery
  subquery,   // a scalar subquery
  function,   // name(args) [FILTER] [OVER]
  cast,       // CAST(args[0] AS type_name)
  case_,      // args: [operand], (when, then)..., [else]; has_operand, has_else
  collate,    // args[0] COLLATE name
  raise,      // RAISE(...) (triggers only)
  unknown,
};

struct expr {
  expr_kind kind = expr_kind::unknown;
  std::string text;   // literal text, operator, function or type name, parameter spelling
  std::string table;  // column: the qualifier (empty when none)
  std::string name;   // column: its name
  int parameter = 0;  // parameter: 1-based index
  bool not_ = false;  // NOT IN, NOT BETWEEN, NOT LIKE, IS NOT NULL, NOT EXISTS
  bool star = false;  // count(*)
  bool distinct = false;
  bool window = false;  // has OVER
  bool frame = false;   // OVER (... ROWS|RANGE|GROUPS ...): an explicit frame, possibly empty
  bool filter = false;  // FILTER (WHERE ...)
  bool has_operand = false;
  bool has_else = false;
  std::vector<expr_ptr> args;
  std::unique_ptr<select_stmt> select;
  std::size_t offset = 0;
};

enum class join_kind : std::uint8_t { inner, left, right, full, cross };

struct from_item;
using from_ptr = std::unique_ptr<from_item>;

struct from_item {
  enum class kind_t : std::uint8_t { table, subquery, function, join } kind = kind_t::table;
  std::string schema;
  std::string name;                     // table / view / CTE / table-valued function
  std::string alias;                    // the name it is referred to by (alias or name)
  std::unique_ptr<select_stmt> select;  // subquery
  std::vector<expr_ptr> args;           // table-valued function arguments
  // join
  join_kind join = join_kind::inner;
  bool natural = false;
  from_ptr left;
  from_ptr right;
  expr_ptr on;
  std::vector<std::string> using_columns;
};

struct result_column {
  expr_ptr value;     // null for `*` and `t.*`
  std::string alias;  // AS name (or bare alias)
  bool star = false;
  std::string star_table;  // `t.*`
  std::size_t offset = 0;  // where the expression starts (its text is SQLite's column name)
  std::size_t end = 0;
};

struct select_core {
  bool distinct = false;
  std::vector<result_column> columns;         // empty for VALUES
  std::vector<std::vector<expr_ptr>> values;  // VALUES rows
  from_ptr from;
  expr_ptr where;
  std::vector<expr_ptr> group_by;
  expr_ptr having;
};

struct common_table {
  std::string name;
  std::vector<std::string> columns;
  std::unique_ptr<select_stmt> select;
  bool recursive = false;
};

struct ordering_term {
  expr_ptr value;
};

struct select_stmt {
  std::vector<common_table> with;
  std::vector<select_core> cores;
  std::vector<std::string>
      compound_ops;  // between cores: "UNION", "UNION ALL", "INTERSECT", "EXCEPT"
  std::vector<ordering_term> order_by;
  expr_ptr limit;
  expr_ptr offset;
};

struct assignment {
  std::vector<std::string> columns;  // `(a, b) = ...` assigns several
  expr_ptr value;
};

struct upsert_clause {
  std::vector<assignment> set;
  expr_ptr where;
};

struct statement {
  enum class kind_t : std::uint8_t { select, insert, update, delete_, other } kind = kind_t::other;
  std::vector<common_table> with;
  std::unique_ptr<select_stmt> select;  // SELECT, or INSERT ... SELECT
  std::string schema;
  std::string table;  // INSERT/UPDATE/DELETE target
  std::string alias;
  std::vector<std::string> insert_columns;
  std::vector<std::vector<expr_ptr>> insert_values;  // INSERT ... VALUES
  bool default_values = false;
  std::vector<assignment> set;  // UPDATE
  from_ptr from;                // UPDATE ... FROM
  expr_ptr where;
  std::vector<upsert_clause> upserts;
  std::vector<result_column> returning;
  std::vector<ordering_term> order_by;  // DELETE/UPDATE ... ORDER BY LIMIT
  expr_ptr limit;
  expr_ptr offset;
};

}  // namespace sqlx::core::sqlite
