#include "vet/equals_null_check.hpp"

#include <fmt/format.h>

#include "vet/tree_helpers.hpp"

namespace sqlx::core::vet {

using namespace nullability_detail;

void equals_null_check::check(const query_context& query, std::vector<finding>& out) const {
  walk(&query.statement->base, [&](const ProtobufCMessage* m) {
    if (m->descriptor != &pg_query__a__expr__descriptor) return true;
    const auto* e = reinterpret_cast<const PgQuery__AExpr*>(m);
    if (e->kind != PG_QUERY__A__EXPR__KIND__AEXPR_OP) return true;
    // The parser spells `!=` as `<>`.
    const std::string_view op = last_name(list(e->name, e->n_name));
    if (op != "=" && op != "<>") return true;
    if (!is_null_constant(e->lexpr) && !is_null_constant(e->rexpr)) return true;
    out.push_back({std::string(name()),
                   fmt::format("comparison `{} NULL` is never true (it is NULL for every value); "
                               "use `IS {}NULL` or `IS {}DISTINCT FROM`",
                               op, op == "=" ? "" : "NOT ", op == "=" ? "NOT " : ""),
                   level::error, location_of(e->location)});
    return true;
  });
}

}  // namespace sqlx::core::vet
