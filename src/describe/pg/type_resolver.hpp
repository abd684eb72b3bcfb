// Resolving what the server's describe names by number: type OIDs to sqlx's type_info (user
// types too: enums, domains, composites, arrays, ranges) and column origins to
// "schema.table.column". A few batched catalog queries for all queries at once.
#pragma once

#include <libpq-fe.h>

#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "metadata/metadata.hpp"

namespace sqlx::pg {
class connection;
}

namespace sqlx::core {

// Resolves type OIDs to sqlx's type_info, fetching every non-built-in type (and the types it
// refers to: array elements, domain bases, composite fields, range subtypes) in a few batches.
class type_resolver {
 public:
  explicit type_resolver(pg::connection& conn);
  type_resolver(const type_resolver&) = delete;
  type_resolver& operator=(const type_resolver&) = delete;
  ~type_resolver();

  // Loads `wanted` and every type they refer to.
  void load(std::set<Oid> wanted);
  // A loaded (or built-in) type; an unknown OID is a {"Custom": "oid N"} type.
  [[nodiscard]] const type_description& describe(Oid oid) const;

  // The fields of a loaded composite type, in order: a table's NOT NULL column is not null
  // (a whole-row reference's fields); any other field, of a view or a composite type, is
  // nullable. Empty for any other type.
  [[nodiscard]] std::vector<composite_field_description> composite_fields(Oid oid) const;

 private:
  struct state;
  std::unique_ptr<state> state_;
};

// "schema.table.column" for every (table, column) the server named as a column's origin.
[[nodiscard]] std::map<std::pair<Oid, int>, std::string> load_origins(
    pg::connection& conn, const std::set<std::pair<Oid, int>>& origins);

}  // namespace sqlx::core
