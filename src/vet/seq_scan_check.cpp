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

// EXPLAIN names a table's second unaliased reference `users_1`, its third `users_2`, in the
// order of the range table, which is the order of the text for the usual query: the N of
// `users_N` (0 for `users` itself), or nothing when `alias` is not of that form.
std::optional<std::size_t> generated_ordinal(std::string_view alias, std::string_view table) {
  if (alias == table) return 0;
  if (!alias.starts_with(table) || alias.size() < table.size() + 2 || alias[table.size()] != '_') {
    return std::nullopt;
  }
  std::size_t n = 0;
  for (const char c : alias.substr(table.size() + 1)) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<std::size_t>(c - '0');
  }
  return n;
}

// Where the query names the scanned table: the reference whose alias is the plan node's
// "Alias", else the N-th unaliased reference for EXPLAIN's `table_N`, else the first
// reference to the table; nothing when only a view names it.
std::optional<std::size_t> reference_to(const pg_node* statement, std::string_view schema,
                                        std::string_view table, std::string_view alias) {
  const auto ordinal = generated_ordinal(alias, table);
  std::optional<std::size_t> aliased;
  std::optional<std::size_t> numbered;
  std::optional<std::size_t> first;
  std::size_t unaliased = 0;
  walk(&statement->base, [&](const ProtobufCMessage* m) {
    if (m->descriptor != &pg_query__range_var__descriptor) return true;
    const auto* rv = reinterpret_cast<const PgQuery__RangeVar*>(m);
    if (text(rv->relname) != table ||
        (!text(rv->schemaname).empty() && text(rv->schemaname) != schema)) {
      return true;
    }
    if (!first) first = location_of(rv->location);
    if (rv->alias != nullptr) {
      if (!aliased && text(rv->alias->aliasname) == alias) aliased = location_of(rv->location);
    } else if (ordinal && unaliased++ == *ordinal) {
      numbered = location_of(rv->location);
    }
    return true;
  });
  return aliased ? aliased : numbered ? numbered : first;
}

}  // namespace

void seq_scan_check::check(const query_context& query, std::vector<finding>& out) const {
  if (query.conn == nullptr) return;
  const seq_scan_threshold& limit = query.config.seq_scan;
  std::set<std::pair<std::string, std::string>> reported;
  for_each_plan_node(query.plan, [&](const nlohmann::json& node, std::string_view within) {
    if (node.value("Node Type", "") != "Seq Scan") return;
    const std::string schema = node.value("Schema", "");
    const std::string table = node.value("Relation Name", "");
    if (table.empty() || !reported.emplace(schema, table).second) return;
    const table_size size = size_of(*query.conn, schema, table);
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
         level::warning, reference_to(query.statement, schema, table, node.value("Alias", ""))});
  });
}

}  // namespace sqlx::core::vet
