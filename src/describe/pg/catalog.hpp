// The part of the system catalog that nullability inference needs: the tables and views a
// query names, their columns' NOT NULL flags, and view definitions - loaded in a few batched
// round trips for all queries at once.
#pragma once

#include <compare>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace sqlx::pg {
class connection;
}

namespace sqlx::core {

// A relation as written in SQL: `schema` empty means "resolved through search_path".
struct relation_name {
  std::string schema;
  std::string name;
  friend auto operator<=>(const relation_name&, const relation_name&) = default;
};

struct catalog_column {
  std::string name;
  bool not_null = false;
  int attnum = 0;  // pg_attribute.attnum: matches PQftablecol for the server cross-check
  std::string default_expression{};  // pg_get_expr of its DEFAULT; empty when it has none
  bool generated = false;            // GENERATED ALWAYS AS (...) STORED: computed, not written
};

// A validated, non-deferrable foreign key of a relation: at the start of every statement, the
// values of its columns in each row (when none is NULL) are those of a row of `referenced`.
struct catalog_foreign_key {
  std::uint32_t referenced = 0;
  std::vector<std::pair<int, int>> columns;  // (attnum here, attnum in `referenced`), sorted
};

struct catalog_relation {
  std::uint32_t oid = 0;
  char kind = 'r';                      // pg_class.relkind: r, v, m, p, f, ...
  std::vector<catalog_column> columns;  // in attnum order, without dropped columns
  std::string view_definition;          // pg_get_viewdef for views, else empty
  std::vector<catalog_foreign_key> foreign_keys;
  bool row_security = false;  // pg_class.relrowsecurity: rows may be hidden
  // A rule, or a BEFORE ... FOR EACH ROW trigger, may change the rows an INSERT or UPDATE
  // writes: RETURNING then shows values no statement spells.
  bool rewrites_rows = false;
  // pg_class.relhassubclass: it has (or had) inheritance children or partitions, whose rows a
  // scan without ONLY reads too.
  bool has_children = false;
};

class relation_catalog {
 public:
  // nullptr when the name does not resolve (unknown relation: inference answers `unknown`).
  [[nodiscard]] const catalog_relation* find(const relation_name& name) const;
  [[nodiscard]] const catalog_relation* find(std::uint32_t oid) const;
  void add(const relation_name& name, catalog_relation relation);
  // Everything loaded, names and relations, serialized: equal fingerprints give equal
  // inferences (the nullability cache's key).
  [[nodiscard]] std::string fingerprint() const;

 private:
  std::map<relation_name, std::uint32_t> by_name_;
  std::map<std::uint32_t, catalog_relation> by_oid_;
};

// Loads the named relations and, transitively, every relation their view definitions name,
// resolving unqualified names through the connection's search_path. A few round trips in
// total, independent of the number of names. Throws the runtime's exceptions
// (sqlx::pg::database_error, connection_error) on failure.
[[nodiscard]] relation_catalog load_relation_catalog(pg::connection& conn,
                                                     std::vector<relation_name> names);

}  // namespace sqlx::core
