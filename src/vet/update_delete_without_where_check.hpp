// update-delete-without-where: an UPDATE or DELETE with no WHERE changes every row of its
// table; anywhere in the statement (also in a WITH clause).
#pragma once

#include "vet/rule.hpp"

namespace sqlx::core::vet {

class update_delete_without_where_check final : public rule {
 public:
  [[nodiscard]] std::string_view name() const override { return "update-delete-without-where"; }
  [[nodiscard]] std::string_view summary() const override {
    return "UPDATE or DELETE without WHERE changes every row of the table";
  }
  void check(const query_context& query, std::vector<finding>& out) const override;
};

}  // namespace sqlx::core::vet
