// The registry of rules: adding a rule is a file pair and a line here.
#include "vet/equals_null_check.hpp"
#include "vet/not_in_nullable_check.hpp"
#include "vet/rule.hpp"
#include "vet/select_star_check.hpp"
#include "vet/seq_scan_check.hpp"
#include "vet/unindexed_fk_join_check.hpp"
#include "vet/update_delete_without_where_check.hpp"

namespace sqlx::core::vet {

std::span<const std::unique_ptr<rule>> all_rules() {
  static const std::vector<std::unique_ptr<rule>> rules = [] {
    std::vector<std::unique_ptr<rule>> r;
    r.push_back(std::make_unique<seq_scan_check>());
    r.push_back(std::make_unique<update_delete_without_where_check>());
    r.push_back(std::make_unique<not_in_nullable_check>());
    r.push_back(std::make_unique<equals_null_check>());
    r.push_back(std::make_unique<select_star_check>());
    r.push_back(std::make_unique<unindexed_fk_join_check>());
    return r;
  }();
  return rules;
}

const rule* find_rule(std::string_view name) {
  for (const auto& r : all_rules()) {
    if (r->name() == name) return r.get();
  }
  return nullptr;
}

}  // namespace sqlx::core::vet
