// unindexed-foreign-key-join: a join whose condition is a foreign key (every column pair
// compared with =, in JOIN ... ON or WHERE) while no index on the referencing table has the
// key's columns as its leading columns: joining from the referenced row to its referencing
// rows then reads the whole referencing table (and so does every DELETE of a referenced row).
#pragma once

#include "vet/rule.hpp"

namespace sqlx::core::vet {

class unindexed_fk_join_check final : public rule {
 public:
  [[nodiscard]] std::string_view name() const override { return "unindexed-foreign-key-join"; }
  [[nodiscard]] std::string_view summary() const override {
    return "join on a foreign key that has no index on the referencing columns";
  }
  void check(const query_context& query, std::vector<finding>& out) const override;
};

}  // namespace sqlx::core::vet
