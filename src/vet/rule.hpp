// One lint rule of `sqlcheck vet` (one concern per rule, one rule per file, as clang-tidy's
// checks): a name, a one-line summary, its default level and the check itself.
#pragma once

#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <span>
#include <string_view>
#include <vector>

#include "describe/pg/catalog.hpp"
#include "describe/pg/nullability/parse_tree.hpp"
#include "vet/finding.hpp"

namespace sqlx::pg {
class connection;
}

namespace sqlx::core::vet {

class vet_config;
struct foreign_key;

// Everything a rule may look at for one query. The plan and the tree are those of a query the
// server accepted.
struct query_context {
  std::string_view text;
  const nullability_detail::pg_node* statement = nullptr;  // the parse tree (libpg_query)
  const relation_catalog& catalog;                         // the tables and views the queries name
  std::span<const foreign_key> foreign_keys;               // every foreign key of the database
  const nlohmann::json& plan;      // EXPLAIN (FORMAT JSON, VERBOSE) of the generic plan
  pg::connection* conn = nullptr;  // the live database (null in tests of tree-only rules)
  const vet_config& config;
};

class rule {
 public:
  rule() = default;
  rule(const rule&) = delete;
  rule& operator=(const rule&) = delete;
  virtual ~rule() = default;

  [[nodiscard]] virtual std::string_view name() const = 0;
  [[nodiscard]] virtual std::string_view summary() const = 0;
  [[nodiscard]] virtual level default_level() const { return level::warning; }
  // Appends what it finds; the driver sets each finding's level and applies silencing.
  virtual void check(const query_context& query, std::vector<finding>& out) const = 0;
};

// Every rule, in a fixed order (the order of docs/vet.md and of SARIF's rules array).
[[nodiscard]] std::span<const std::unique_ptr<rule>> all_rules();

// The rule of that name, or nullptr.
[[nodiscard]] const rule* find_rule(std::string_view name);

}  // namespace sqlx::core::vet
