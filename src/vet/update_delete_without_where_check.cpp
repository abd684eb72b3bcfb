#include "vet/update_delete_without_where_check.hpp"

#include <fmt/format.h>

#include "vet/tree_helpers.hpp"

namespace sqlx::core::vet {

using namespace nullability_detail;

void update_delete_without_where_check::check(const query_context& query,
                                              std::vector<finding>& out) const {
  walk(&query.statement->base, [&](const ProtobufCMessage* m) {
    const PgQuery__RangeVar* relation = nullptr;
    std::string_view verb;
    if (m->descriptor == &pg_query__update_stmt__descriptor) {
      const auto* u = reinterpret_cast<const PgQuery__UpdateStmt*>(m);
      if (u->where_clause == nullptr) relation = u->relation;
      verb = "UPDATE";
    } else if (m->descriptor == &pg_query__delete_stmt__descriptor) {
      const auto* d = reinterpret_cast<const PgQuery__DeleteStmt*>(m);
      if (d->where_clause == nullptr) relation = d->relation;
      verb = "DELETE";
    }
    if (relation != nullptr) {
      out.push_back(
          {std::string(name()),
           fmt::format("{} without WHERE {} every row of `{}`", verb,
                       verb == "UPDATE" ? "changes" : "deletes", relation_display_name(relation)),
           level::warning, location_of(relation->location)});
    }
    return true;
  });
}

}  // namespace sqlx::core::vet
