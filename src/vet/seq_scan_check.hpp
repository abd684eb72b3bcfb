// seq-scan: a sequential scan of a table at least as large as the threshold (vet_config's
// seq_scan: rows by pg_class.reltuples, or pages) anywhere in the query's generic plan: the
// whole tree, InitPlans and SubPlans included, not only its root.
#pragma once

#include "vet/rule.hpp"

namespace sqlx::core::vet {

class seq_scan_check final : public rule {
 public:
  [[nodiscard]] std::string_view name() const override { return "seq-scan"; }
  [[nodiscard]] std::string_view summary() const override {
    return "the generic plan scans a large table sequentially";
  }
  void check(const query_context& query, std::vector<finding>& out) const override;
};

}  // namespace sqlx::core::vet
