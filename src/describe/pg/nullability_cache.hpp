// The nullability answers of the last `sqlcheck prepare`, kept across runs so that an
// unchanged query text is not parsed again (libpg_query's parse is most of a warm run's
// CPU). An answer is reused only when everything it was computed from is the same: the same
// tool build (which fixes the parser and the inference rules), the same text (its SHA-256),
// the same catalog slice (its fingerprint: names, columns, keys, view definitions, ...) and
// the same result columns as the server described them now. Anything else recomputes.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "describe/pg/catalog.hpp"
#include "describe/pg/nullability.hpp"

namespace sqlx::core {

struct nullability_cache_entry {
  std::vector<relation_name> relations;  // parsed_query::referenced_relations()
  std::vector<column_origin> described;  // the server's result columns it was inferred for
  std::vector<nullability> answers;
};

class nullability_cache {
 public:
  // Empty when `file` is missing, unreadable, malformed or written by another build of the
  // tool or of libpg_query (their files' size and modification time differ).
  [[nodiscard]] static nullability_cache load(std::filesystem::path file);

  // The entry for a text's SHA-256 (hex); nullptr when there is none.
  [[nodiscard]] const nullability_cache_entry* find(const std::string& text_hash) const;

  // The catalog fingerprint (SHA-256 hex) the loaded entries were inferred against.
  [[nodiscard]] const std::string& catalog() const noexcept { return catalog_; }

  [[nodiscard]] std::size_t size() const noexcept { return entries_.size(); }

  // Replaces the contents; save() writes them (atomically, errors ignored: it is a cache)
  // unless they are what was loaded (`changed` false: the usual warm run writes nothing).
  void assign(std::string catalog, std::map<std::string, nullability_cache_entry> entries,
              bool changed);
  void save() const;

 private:
  std::filesystem::path file_;
  std::string identity_;
  std::string catalog_;
  std::map<std::string, nullability_cache_entry> entries_;
  bool changed_ = false;
};

}  // namespace sqlx::core
