// Column nullability from the PostgreSQL parse tree (libpg_query) plus the catalog.
//
// sqlx marks table columns nullable from `attnotnull` and then patches outer joins from an
// EXPLAIN plan; the plan has the join sides swapped (Hash Right Join for a LEFT JOIN) and its
// walk stops at Sort/Limit/Aggregate nodes, so it answers "not null" for columns that are NULL
// at run time. The parse tree has none of these problems: a LEFT JOIN is a LEFT JOIN wherever
// it sits. The evaluator models every FROM clause as a small tree of items (tables, views,
// subqueries, CTEs, functions, joins) whose columns are slots; an outer join marks the items
// of its optional side as null-extended, and strict predicates (WHERE, INNER JOIN ... ON)
// prove columns non-null and undo the null-extension of the item they belong to.
//
// Lattice: not_null < unknown < nullable (lattice.hpp). Anything not modelled answers
// `unknown`; nothing answers `not_null` by default.
//
// The files of this folder, in the order of the data: parse_tree (libpg_query's tree, its
// arena, the view cache), builtins (functions and operators whose NULL behaviour is known),
// scope (a query level's items and slots, name resolution), predicates (what WHERE/ON prove,
// GROUP BY facts, single-row SELECTs), evaluator (statements, FROM, expressions, function
// calls), and this file: the public parsed_query (core/nullability.hpp).
#include "describe/pg/nullability.hpp"

#include <algorithm>
#include <set>
#include <string>

#include "describe/pg/nullability/evaluator.hpp"
#include "describe/pg/nullability/parse_tree.hpp"

namespace sqlx::core {

using nullability_detail::evaluator;
using nullability_detail::output;
using nullability_detail::pg_tree;
using nullability_detail::text;
using nullability_detail::walk;

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
                                             std::span<const column_origin> described,
                                             std::vector<std::string>* outer_rows) const {
  std::vector<nullability> result(described.size(), nullability::unknown);
  if (outer_rows != nullptr) outer_rows->assign(described.size(), std::string());
  if (!ok() || tree_->parsed.statement() == nullptr) return result;
  try {
    evaluator ev(catalog);
    output out = ev.statement(tree_->parsed.statement(), nullptr, nullptr);
    if (!out.complete && out.fields_at && out.columns.size() <= described.size() + 1) {
      // One `(x).*` of a composite value: it stands for the columns the others leave.
      const auto at = static_cast<std::ptrdiff_t>(*out.fields_at);
      const auto fields = described.size() + 1 - out.columns.size();
      const auto placeholder = out.columns[*out.fields_at];
      out.columns.erase(out.columns.begin() + at);
      out.columns.insert(out.columns.begin() + at, fields, placeholder);
      out.complete = true;
    }
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
      if (outer_rows != nullptr && result[i] == nullability::nullable) {
        (*outer_rows)[i] = std::string(out.columns[i].outer_row);
      }
    }
  } catch (...) {
    std::fill(result.begin(), result.end(), nullability::unknown);
    if (outer_rows != nullptr) outer_rows->assign(described.size(), std::string());
  }
  return result;
}

}  // namespace sqlx::core
