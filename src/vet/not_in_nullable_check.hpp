// not-in-nullable: `x NOT IN (SELECT c ...)` (and `x <> ALL (SELECT c ...)`) is never true
// when the subquery returns a NULL: the query silently returns no rows. The subquery's
// column is judged by describe's nullability inference (src/describe/pg/nullability/); a
// column it cannot prove NOT NULL is reported too. A NOT IN list holding NULL is the same bug.
#pragma once

#include "vet/rule.hpp"

namespace sqlx::core::vet {

class not_in_nullable_check final : public rule {
 public:
  [[nodiscard]] std::string_view name() const override { return "not-in-nullable"; }
  [[nodiscard]] std::string_view summary() const override {
    return "NOT IN over a subquery whose column can be NULL is never true once a NULL appears";
  }
  void check(const query_context& query, std::vector<finding>& out) const override;
};

}  // namespace sqlx::core::vet
