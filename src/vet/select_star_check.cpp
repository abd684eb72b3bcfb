#include "vet/select_star_check.hpp"

#include <fmt/format.h>

#include "vet/tree_helpers.hpp"

namespace sqlx::core::vet {

using namespace nullability_detail;

void select_star_check::check(const query_context& query, std::vector<finding>& out) const {
  walk(&query.statement->base, [&](const ProtobufCMessage* m) {
    if (m->descriptor == &pg_query__sub_link__descriptor) {
      // EXISTS (SELECT * ...) reads no column.
      return reinterpret_cast<const PgQuery__SubLink*>(m)->sub_link_type !=
             PG_QUERY__SUB_LINK_TYPE__EXISTS_SUBLINK;
    }
    if (m->descriptor != &pg_query__res_target__descriptor) return true;
    const pg_node* v = reinterpret_cast<const PgQuery__ResTarget*>(m)->val;
    if (!is(v, PG_QUERY__NODE__NODE_COLUMN_REF) || v->column_ref == nullptr) return true;
    const auto fields = list(v->column_ref->fields, v->column_ref->n_fields);
    if (fields.empty() || !is(fields.back(), PG_QUERY__NODE__NODE_A_STAR)) return true;
    std::string written;
    for (std::size_t i = 0; i + 1 < fields.size(); ++i) {
      written += std::string(string_value(fields[i])) + ".";
    }
    written += "*";
    out.push_back({std::string(name()),
                   fmt::format("`{}` selects whatever columns the schema has; name the columns, "
                               "so that adding one does not change the query's result",
                               written),
                   level::warning, location_of(v->column_ref->location)});
    return true;
  });
}

}  // namespace sqlx::core::vet
