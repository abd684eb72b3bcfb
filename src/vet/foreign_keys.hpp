// The database's foreign keys and whether each has an index on the referencing side whose
// leading columns are the key's columns (in any order), loaded in one round trip.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace sqlx::pg {
class connection;
}

namespace sqlx::core::vet {

struct foreign_key {
  std::string name;                     // the constraint's name
  std::uint32_t referencing = 0;        // conrelid
  std::uint32_t referenced = 0;         // confrelid
  std::string referencing_name;         // conrelid::regclass, as PostgreSQL quotes it
  std::string referenced_name;          // confrelid::regclass
  std::vector<int> columns;             // conkey: attnums of the referencing table
  std::vector<int> referenced_columns;  // confkey, pairwise with `columns`
  std::vector<std::string> column_names;
  std::vector<std::string> referenced_column_names;
  // A valid, non-partial index on the referencing table has exactly these columns as its
  // leading key columns, so a join from the referenced side can use it.
  bool indexed = false;
};

// Throws the runtime's exceptions on failure.
[[nodiscard]] std::vector<foreign_key> load_foreign_keys(pg::connection& conn);

}  // namespace sqlx::core::vet
