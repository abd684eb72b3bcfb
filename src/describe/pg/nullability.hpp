// Column nullability inferred from the query's PostgreSQL parse tree (libpg_query) and the
// catalog, instead of from an EXPLAIN plan. The rule that must never break: never answer
// `not_null` for a column that can be NULL; when in doubt, answer `unknown`.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "describe/pg/catalog.hpp"

namespace sqlx::core {

enum class nullability : std::uint8_t { not_null, nullable, unknown };

// Where the server says a result column comes from (PQftable / PQftablecol); 0 when it is
// not a plain table column.
struct column_origin {
  std::uint32_t table_oid = 0;
  int attnum = 0;
};

// One query parsed once; cheap to move. Parsing needs no database, so it can run on another
// thread while the server describes the queries.
class parsed_query {
 public:
  explicit parsed_query(std::string_view sql);
  parsed_query(parsed_query&&) noexcept;
  parsed_query& operator=(parsed_query&&) noexcept;
  ~parsed_query();

  // False when libpg_query could not parse the text (the server will report the error).
  [[nodiscard]] bool ok() const noexcept;

  // Every table/view name the query refers to (not CTE names), as written.
  [[nodiscard]] std::vector<relation_name> referenced_relations() const;

  // One answer per result column. `described` is the server's description of the result
  // columns (its size is the true column count); when the tree does not yield exactly that
  // many columns, every answer is `unknown`. With `outer_rows`, also each column's outer row
  // (empty for most): the outer-joined FROM item whose missing row is the only way the column
  // is NULL (a plain NOT NULL column of that item; nested structs).
  [[nodiscard]] std::vector<nullability> infer(
      const relation_catalog& catalog, std::span<const column_origin> described,
      std::vector<std::string>* outer_rows = nullptr) const;

 private:
  struct tree;
  std::unique_ptr<tree> tree_;
};

}  // namespace sqlx::core
