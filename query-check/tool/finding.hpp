// What the tool prints: a finding with its place resolved to file:line:col, so that it
// outlives the translation unit it was found in.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace sqlx::query_check {

struct place {
  std::string file;
  std::uint32_t line = 0;  // 1-based; 0 for a whole file
  std::uint32_t column = 0;
};

struct finding {
  std::string rule;   // "sqlx-missing-metadata"
  std::string level;  // "error", "warning"
  place where;
  std::string message;
  struct note {
    place where;
    std::string message;
  };
  std::vector<note> notes;
};

// `file:line:col: error: message [rule]` and `file:line:col: note: message`, as gcc prints.
void print_gcc(std::ostream& out, const std::vector<finding>& findings);

// One SARIF 2.1.0 log with one run; file URIs relative to `base` when they are under it.
void print_sarif(std::ostream& out, const std::vector<finding>& findings, const std::string& base);

}  // namespace sqlx::query_check
