#include "vet/generic_plan.hpp"

#include <fmt/format.h>

#include <string>

#include "runtime/internal/admin.hpp"

namespace sqlx::core::vet {
namespace {

using sqlx::pg::detail::exec_params;

constexpr std::string_view statement_name = "sqlx_vet_generic_plan";

void walk_plan(const nlohmann::json& node, const plan_visitor& visit, std::string_view within,
               int depth) {
  // Far deeper than any plan; only keeps a hostile document from exhausting the stack.
  if (depth > 1000 || !node.is_object()) return;
  const auto relationship = node.find("Parent Relationship");
  if (relationship != node.end() && relationship->is_string() &&
      (*relationship == "InitPlan" || *relationship == "SubPlan")) {
    within = relationship->get_ref<const std::string&>();
  }
  visit(node, within);
  const auto children = node.find("Plans");
  if (children == node.end() || !children->is_array()) return;
  for (const auto& child : *children) walk_plan(child, visit, within, depth + 1);
}

}  // namespace

void for_each_plan_node(const nlohmann::json& explain, const plan_visitor& visit) {
  if (!explain.is_array()) return;
  for (const auto& entry : explain) {
    if (entry.is_object() && entry.contains("Plan")) walk_plan(entry["Plan"], visit, "", 0);
  }
}

plan_result generic_plan(pg::connection& conn, std::string_view text) {
  const std::string prefix = fmt::format("PREPARE {} AS ", statement_name);
  plan_result out;
  bool prepared = false;
  conn.execute("BEGIN");
  try {
    (void)exec_params(conn, "SET LOCAL plan_cache_mode = force_generic_plan");
    try {
      (void)exec_params(conn, prefix + std::string(text));
      prepared = true;
    } catch (const pg::database_error& e) {
      server_error error{e.message(), e.sqlstate(), e.detail(), e.hint(), 0};
      // The position counts characters of the PREPARE statement; the prefix is ASCII.
      const int shift = static_cast<int>(prefix.size());
      if (e.position() > shift) error.position = e.position() - shift;
      out.error = std::move(error);
    }
    if (prepared) {
      const auto count = exec_params(
          conn, "SELECT cardinality(parameter_types) FROM pg_prepared_statements WHERE name = $1",
          {std::string(statement_name)});
      const int parameters = std::stoi(PQgetvalue(count.get(), 0, 0));
      std::string arguments;
      for (int i = 0; i < parameters; ++i) arguments += i == 0 ? "NULL" : ", NULL";
      try {
        const auto explain = exec_params(
            conn, fmt::format("EXPLAIN (FORMAT JSON, VERBOSE) EXECUTE {}{}", statement_name,
                              parameters > 0 ? "(" + arguments + ")" : std::string()));
        out.plan = nlohmann::json::parse(PQgetvalue(explain.get(), 0, 0));
      } catch (const pg::database_error& e) {
        out.explain_error = e.message();
      }
    }
  } catch (...) {
    sqlx::pg::detail::rollback_if_in_transaction(conn);
    try {
      if (prepared) conn.execute(fmt::format("DEALLOCATE {}", statement_name));
    } catch (...) {  // the first failure is the one to report
    }
    throw;
  }
  conn.execute("ROLLBACK");
  // A prepared statement outlives the transaction: PREPARE is not transactional.
  if (prepared) conn.execute(fmt::format("DEALLOCATE {}", statement_name));
  return out;
}

}  // namespace sqlx::core::vet
