// select-star: `SELECT *` or `t.*` (also in RETURNING): the result's columns then change with
// the schema, and the checked query's .sqlx-cpp/ description goes stale with every added
// column. A star under EXISTS is fine (its columns are never read) and is not reported.
#pragma once

#include "vet/rule.hpp"

namespace sqlx::core::vet {

class select_star_check final : public rule {
 public:
  [[nodiscard]] std::string_view name() const override { return "select-star"; }
  [[nodiscard]] std::string_view summary() const override {
    return "SELECT * makes the query's columns change with the schema";
  }
  void check(const query_context& query, std::vector<finding>& out) const override;
};

}  // namespace sqlx::core::vet
