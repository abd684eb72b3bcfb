// The generic plan of a query: the plan PostgreSQL uses for any parameter values, so a
// sequential scan that only a particular value avoids is still seen. PostgreSQL 15 has no
// EXPLAIN (GENERIC_PLAN) (16 has), so: PREPARE the text, force the generic plan for this
// transaction only (plan_cache_mode), EXPLAIN EXECUTE it with NULL for every parameter, then
// roll back and DEALLOCATE. EXPLAIN without ANALYZE runs nothing, also for UPDATE/DELETE.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "describe/pg/describe.hpp"
#include "sqlx/pg/connection.hpp"

namespace sqlx::core::vet {

struct plan_result {
  nlohmann::json plan;                // EXPLAIN (FORMAT JSON, VERBOSE): an array of one object
  std::optional<server_error> error;  // the server rejected the query (position in its text)
  // The query prepared but EXPLAIN EXECUTE failed (a NULL argument for a NOT NULL domain
  // parameter fails while the arguments are evaluated): the server's message; `plan` is null.
  std::optional<std::string> explain_error;
};

// Throws sqlx::pg::connection_error when the connection fails.
[[nodiscard]] plan_result generic_plan(pg::connection& conn, std::string_view text);

// Calls `visit` on every plan node of an EXPLAIN (FORMAT JSON) document: the root, its
// "Plans" children at any depth, which include InitPlans, SubPlans and CTE scans' plans.
// `within` is the nearest enclosing "InitPlan" or "SubPlan" ("" in the main plan).
using plan_visitor = std::function<void(const nlohmann::json& node, std::string_view within)>;
void for_each_plan_node(const nlohmann::json& explain, const plan_visitor& visit);

}  // namespace sqlx::core::vet
