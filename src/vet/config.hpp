// `sqlcheck vet`'s configuration: each rule's level and the seq-scan thresholds, from a JSON
// file (comments allowed) and `--rule NAME=LEVEL` flags. Format in docs/vet.md.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "sqlx/error.hpp"
#include "vet/finding.hpp"

namespace sqlx::core::vet {

// A configuration file or flag that cannot be used: names the file and the key (sqlcheck
// exits 2, a usage error).
class config_error : public sqlx::error {
 public:
  using sqlx::error::error;
  ~config_error() override;
};

struct seq_scan_threshold {
  // A sequential scan is reported when the table has at least min_rows rows
  // (pg_class.reltuples) or at least min_pages pages (relpages); 0 turns a bound off.
  double min_rows = 10000;
  double min_pages = 0;
};

class vet_config {
 public:
  // The level of `rule`: the configured one, else the rule's default.
  [[nodiscard]] level level_of(std::string_view rule) const;
  // Throws config_error for a rule name that no rule has.
  void set_level(std::string_view rule, level l);
  // `NAME=LEVEL` as the --rule flag writes it; throws config_error.
  void apply_flag(std::string_view flag);
  // Reads `file` into this configuration (its settings override the current ones); throws
  // config_error naming the file and the key.
  void load_file(const std::filesystem::path& file);

  seq_scan_threshold seq_scan;

 private:
  std::map<std::string, level, std::less<>> levels_;
};

// The configuration file read when --config is not given, relative to the current directory.
inline constexpr std::string_view default_config_file = ".sqlx-cpp/vet.json";

}  // namespace sqlx::core::vet
