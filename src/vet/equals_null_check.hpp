// equals-null: `x = NULL`, `x <> NULL` (and `!=`) are NULL for every x, never true: the
// condition filters out every row. `IS [NOT] NULL` or `IS [NOT] DISTINCT FROM` is meant.
#pragma once

#include "vet/rule.hpp"

namespace sqlx::core::vet {

class equals_null_check final : public rule {
 public:
  [[nodiscard]] std::string_view name() const override { return "equals-null"; }
  [[nodiscard]] std::string_view summary() const override {
    return "comparison with = NULL or <> NULL is never true";
  }
  // Always a bug: nothing compares equal (or unequal) to NULL.
  [[nodiscard]] level default_level() const override { return level::error; }
  void check(const query_context& query, std::vector<finding>& out) const override;
};

}  // namespace sqlx::core::vet
