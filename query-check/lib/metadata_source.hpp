// Where a query's description comes from: the committed `.sqlx-cpp/` files (offline, the
// default) or, with DATABASE_URL set and SQLX_OFFLINE not true, the live server - the same
// describe sqlcheck prepare runs, so a query is judged exactly as prepare would record it.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "describe/pg/describe.hpp"
#include "metadata/metadata.hpp"

namespace sqlx::query_check {

struct query_lookup {
  std::optional<core::query_description> description;  // the query is known
  std::optional<core::server_error> rejected;          // live: the server rejected it
};

class metadata_source {
 public:
  virtual ~metadata_source() = default;
  // One result per text, in order. Throws std::runtime_error when the source is unusable.
  [[nodiscard]] virtual std::vector<query_lookup> lookup(const std::vector<std::string>& texts) = 0;
};

// `.sqlx-cpp/query-<sha256>.json`; remembers which files it read.
class offline_metadata final : public metadata_source {
 public:
  explicit offline_metadata(std::filesystem::path dir) : dir_(std::move(dir)) {}
  [[nodiscard]] std::vector<query_lookup> lookup(const std::vector<std::string>& texts) override;
  [[nodiscard]] const std::set<std::string>& used_files() const noexcept { return used_; }
  // A file a query uses that lookup does not read (a dynamic query's index).
  void mark_used(std::string name) { used_.insert(std::move(name)); }
  [[nodiscard]] const std::filesystem::path& dir() const noexcept { return dir_; }

 private:
  std::filesystem::path dir_;
  std::set<std::string> used_;
};

// Describes every text on the server, in one pipelined round trip.
class live_metadata final : public metadata_source {
 public:
  explicit live_metadata(std::string url) : url_(std::move(url)) {}
  [[nodiscard]] std::vector<query_lookup> lookup(const std::vector<std::string>& texts) override;

 private:
  std::string url_;
};

// The offline metadata of every `.sqlx-cpp` directory the checked sources use, kept across
// translation units so that the tool can tell which files no query used.
class metadata_registry {
 public:
  // `dir` overrides the search for each source's nearest `.sqlx-cpp`.
  explicit metadata_registry(std::optional<std::filesystem::path> dir = std::nullopt)
      : override_(std::move(dir)) {}
  [[nodiscard]] offline_metadata& for_source(const std::filesystem::path& source_file);
  [[nodiscard]] const std::map<std::filesystem::path, offline_metadata>& dirs() const noexcept {
    return dirs_;
  }

 private:
  std::optional<std::filesystem::path> override_;
  std::map<std::filesystem::path, offline_metadata> dirs_;
};

// The `.sqlx-cpp` directory of a source file: the nearest one in its directory or a parent;
// `<dir of file>/.sqlx-cpp` when there is none.
[[nodiscard]] std::filesystem::path find_metadata_dir(const std::filesystem::path& source_file);

// The metadata files (query-*.json) of `dir` that are not in `used`, sorted.
[[nodiscard]] std::vector<std::filesystem::path> unused_metadata_files(
    const std::filesystem::path& dir, const std::set<std::string>& used);

}  // namespace sqlx::query_check
