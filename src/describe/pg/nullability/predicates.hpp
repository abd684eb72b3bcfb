// Predicate and query-shape analysis on the parse tree, without a scope: which columns a
// WHERE or ON clause proves non-NULL, what GROUP BY guarantees, and which SELECTs always
// return exactly one row.
#pragma once

#include <vector>

#include "describe/pg/nullability/parse_tree.hpp"

namespace sqlx::core::nullability_detail {

// The AND-ed conjuncts of a predicate.
void conjuncts(const pg_node* n, std::vector<const pg_node*>& out);

// The columns a conjunct proves non-NULL when it is true.
void strict_columns(const pg_node* c, std::vector<const PgQuery__ColumnRef*>& out);

// GROUP BY a, b (no grouping sets, not GROUP BY ()): aggregates see at least one row.
[[nodiscard]] bool plain_group_by(const PgQuery__SelectStmt* s);

// GROUPING SETS / ROLLUP / CUBE (other than the empty set): grouped columns can be NULL.
[[nodiscard]] bool has_grouping_sets(const PgQuery__SelectStmt* s);

// A SELECT that returns exactly one row whatever the data: one column, no grouping, no
// LIMIT/OFFSET, and either an aggregate or no FROM and WHERE at all - so as a scalar subquery
// its value is the column's, not NULL for "no row".
[[nodiscard]] bool returns_one_row(const pg_node* n);

}  // namespace sqlx::core::nullability_detail
