#include "vet/seq_scan_check.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <utility>

#include "runtime/internal/admin.hpp"
#include "vet/config.hpp"
#include "vet/generic_plan.hpp"
#include "vet/tree_helpers.hpp"

namespace sqlx::core::vet {

using namespace nullability_detail;

namespace {

struct table_size {
  double rows = 0;  // reltuples; -1 (never analyzed or vacuumed) counts as 0
  double pages = 0;
};

table_size size_of(pg::connection& conn, const std::string& schema, const std::string& table) {
  const auto r = sqlx::pg::detail::exec_params(
      conn,
      "SELECT greatest(c.reltuples, 0)::float8, c.relpages::float8 FROM pg_class c "
      "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2",
      {schema, table});
  if (PQntuples(r.get()) != 1) return {};
  return {std::stod(PQgetvalue(r.get(), 0, 0)), std::stod(PQgetvalue(r.get(), 0, 1))};
}

// Where the query names the table: the first reference to it, unqualified or with its
// schema; nothing when the table is reached through a view.
std::optional<std::size_t> reference_to(const pg_node* statement, std::string_view schema,
                                        std::string_view table) {
  std::optional<std::size_t> at;
  walk(&statement->base, [&](const ProtobufCMessage* m) {
    if (at || m->descriptor != &pg_query__range_var__descriptor) return !at;
    const auto* rv = reinterpret_cast<const PgQuery__RangeVar*>(m);
    if (text(rv->relname) == table &&
        (text(rv->schemaname).empty() || text(rv->schemaname) == schema)) {
      at = location_of(rv->location);
    }
    return !at;
  });
  return at;
}

}  // namespace

void seq_scan_check::check(const query_context& query, std::vector<finding>& out) const {
  const seq_scan_threshold& limit = query.config.seq_scan;
  std::set<std::pair<std::string, std::string>> reported;
  for_each_plan_node(query.plan, [&](const nlohmann::json& node, std::string_view within) {
    if (node.value("Node Type", "") != "Seq Scan") return;
    const std::string schema = node.value("Schema", "");
    const std::string table = node.value("Relation Name", "");
    if (table.empty() || !reported.emplace(schema, table).second) return;
    const table_size size = size_of(query.conn, schema, table);
    const bool by_rows = limit.min_rows > 0 && size.rows >= limit.min_rows;
    const bool by_pages = limit.min_pages > 0 && size.pages >= limit.min_pages;
    if (!by_rows && !by_pages) return;
    const std::string where = within.empty()         ? ""
                              : within == "InitPlan" ? " in an InitPlan"
                                                     : " in a SubPlan";
    out.push_back(
        {std::string(name()),
         fmt::format("the generic plan scans table `{}.{}` sequentially{} (about {:.0f} rows, "
                     "{:.0f} pages; threshold {}); an index on the filtered or joined columns "
                     "would avoid reading it all",
                     schema, table, where, size.rows, size.pages,
                     by_rows ? fmt::format("{:.0f} rows", limit.min_rows)
                             : fmt::format("{:.0f} pages", limit.min_pages)),
         level::warning, reference_to(query.statement, schema, table)});
  });
}

}  // namespace sqlx::core::vet
