#include "vet/tree_helpers.hpp"

namespace sqlx::core::vet {

using namespace nullability_detail;

std::string relation_display_name(const PgQuery__RangeVar* relation) {
  if (relation == nullptr) return "?";
  std::string name(text(relation->schemaname));
  if (!name.empty()) name += '.';
  name += text(relation->relname);
  return name;
}

const pg_node* strip_casts(const pg_node* n) {
  while (is(n, PG_QUERY__NODE__NODE_TYPE_CAST) && n->type_cast != nullptr) n = n->type_cast->arg;
  return n;
}

bool is_null_constant(const pg_node* n) {
  n = strip_casts(n);
  return is(n, PG_QUERY__NODE__NODE_A_CONST) && n->a_const != nullptr && n->a_const->isnull;
}

}  // namespace sqlx::core::vet
