#include "describe/pg/nullability_cache.hpp"

#include <dlfcn.h>
#include <fmt/format.h>
#include <pg_query.h>

#include "metadata/cache_file.hpp"

namespace sqlx::core {
namespace {

constexpr std::string_view magic = "sqlx-cpp nullability cache 1";

// This build of the tool and of libpg_query (which may be a shared library upgraded apart).
std::string tool_identity() {
  Dl_info info{};
  const bool found = dladdr(reinterpret_cast<void*>(&pg_query_parse_protobuf), &info) != 0;
  return fmt::format("exe {} pg_query {} {}", file_version("/proc/self/exe"), PG_VERSION_NUM,
                     file_version(found ? info.dli_fname : nullptr));
}

}  // namespace

nullability_cache nullability_cache::load(std::filesystem::path file) {
  nullability_cache cache;
  cache.file_ = std::move(file);
  cache.identity_ = tool_identity();
  const auto data = read_cache_file(cache.file_);
  if (!data) return cache;
  cache_reader r(*data);
  if (r.text() != magic || r.text() != cache.identity_) return cache;
  std::string catalog = r.text();
  std::map<std::string, nullability_cache_entry> entries;
  while (r.ok() && !r.at_end()) {
    std::string hash = r.text();
    nullability_cache_entry entry;
    for (long long n = r.number(); r.ok() && n > 0; --n) {
      relation_name name;
      name.schema = r.text();
      name.name = r.text();
      entry.relations.push_back(std::move(name));
    }
    for (long long n = r.number(); r.ok() && n > 0; --n) {
      column_origin origin;
      origin.table_oid = static_cast<std::uint32_t>(r.number());
      origin.attnum = static_cast<int>(r.number());
      entry.described.push_back(origin);
    }
    for (long long n = r.number(); r.ok() && n > 0; --n) {
      const long long answer = r.number();
      if (answer < 0 || answer > 2) return cache;
      entry.answers.push_back(static_cast<nullability>(answer));
    }
    entries.emplace(std::move(hash), std::move(entry));
  }
  if (!r.ok()) return cache;
  cache.catalog_ = std::move(catalog);
  cache.entries_ = std::move(entries);
  return cache;
}

const nullability_cache_entry* nullability_cache::find(const std::string& text_hash) const {
  const auto it = entries_.find(text_hash);
  return it != entries_.end() ? &it->second : nullptr;
}

void nullability_cache::assign(std::string catalog,
                               std::map<std::string, nullability_cache_entry> entries,
                               bool changed) {
  catalog_ = std::move(catalog);
  entries_ = std::move(entries);
  changed_ = changed;
}

void nullability_cache::save() const {
  if (file_.empty() || !changed_) return;
  std::string out;
  put_text(out, magic);
  put_text(out, identity_);
  put_text(out, catalog_);
  for (const auto& [hash, entry] : entries_) {
    put_text(out, hash);
    put_number(out, static_cast<long long>(entry.relations.size()));
    for (const auto& name : entry.relations) {
      put_text(out, name.schema);
      put_text(out, name.name);
    }
    put_number(out, static_cast<long long>(entry.described.size()));
    for (const auto& origin : entry.described) {
      put_number(out, origin.table_oid);
      put_number(out, origin.attnum);
    }
    put_number(out, static_cast<long long>(entry.answers.size()));
    for (const auto answer : entry.answers) put_number(out, static_cast<long long>(answer));
  }
  write_cache_file(file_, out);
}

}  // namespace sqlx::core
