// What a check found: one problem at its own place, with notes at related places. Front ends
// decide how it is shown (clang's diagnostics in the plugin, gcc-style lines or SARIF in the
// tool), so the checks never format output themselves.
#pragma once

#include <clang/Basic/SourceLocation.h>

#include <string>
#include <vector>

namespace sqlx::query_check {

enum class severity { error, warning, note };

struct diagnostic_note {
  clang::SourceLocation where;
  std::string message;
};

struct diagnostic {
  std::string check;  // "missing-metadata", shown as [sqlx-missing-metadata]
  severity level = severity::error;
  clang::SourceLocation where;  // always a file location (never inside a macro expansion)
  std::string message;
  std::vector<diagnostic_note> notes;
};

// Where checks send what they find.
class diagnostic_sink {
 public:
  virtual ~diagnostic_sink() = default;
  virtual void report(const diagnostic& found) = 0;
};

}  // namespace sqlx::query_check
