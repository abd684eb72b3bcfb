// Which queries a source needs: the per-source generated headers of `sqlcheck generate
// --out-dir` (docs/cmake.md). A source's header holds the queries of the source itself and of
// every header it can reach through #include, so that editing one query recompiles only the
// sources that use it.
#pragma once

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "metadata/metadata.hpp"

namespace sqlx::core {

// One `#include "name"` (quoted) or `#include <name>` directive.
struct include_directive {
  std::string name;
  bool quoted = false;
  friend bool operator==(const include_directive&, const include_directive&) = default;
};

// The #include directives of a file's content, found line by line: every directive counts,
// also in `#if 0` blocks and in comments that look like one, which can only add headers
// (never lose a query). A computed `#include MACRO` is not followed.
[[nodiscard]] std::vector<include_directive> find_includes(std::string_view content);

// What a source's translation unit can see: the query texts found in it and the files read.
struct source_queries {
  std::set<std::string> texts;
  std::vector<std::filesystem::path> files;        // the source first, then each header reached
  std::vector<std::filesystem::path> query_files;  // those of `files` holding a tagged query
};

// Follows #include directives from sources, the way a compiler would resolve them: a quoted
// name from the including file's directory first, then from each include directory in order;
// an angle-bracket name only from the include directories. Names found in neither (the
// standard library, system headers) are not followed. Every directive is followed, whatever
// the preprocessor would decide, so the result is a superset of what the compiler reads.
// Each file is read and scanned once however many sources reach it.
class include_walker {
 public:
  explicit include_walker(std::vector<std::filesystem::path> include_dirs);

  // Throws scan_error when a file reached cannot be read, or one naming SQLX_QUERY cannot be
  // scanned (headers that do not are never scanned).
  [[nodiscard]] source_queries walk(const std::filesystem::path& source);

 private:
  struct file_info {
    std::set<std::string> texts;
    std::vector<std::filesystem::path> includes;  // resolved
  };
  const file_info& info(const std::filesystem::path& file);
  [[nodiscard]] std::filesystem::path resolve(const include_directive& directive,
                                              const std::filesystem::path& from) const;

  std::vector<std::filesystem::path> include_dirs_;
  std::map<std::filesystem::path, file_info> files_;
};

// The metadata of the queries whose text is in `texts`, in `metadata`'s order. Texts without
// metadata are left out: the compiler then reports them as unprepared.
[[nodiscard]] std::vector<query_description> select_queries(
    const std::vector<query_description>& metadata, const std::set<std::string>& texts);

// The file name of a source's generated header: `<file name>.<16 hex digits>.hpp`, the digits
// from the SHA-256 of the absolute, lexically normal path (so `a/x.cpp` and `b/x.cpp` differ).
// CMake's sqlx_cpp_check() derives the same name.
[[nodiscard]] std::string generated_header_name(const std::filesystem::path& source);

}  // namespace sqlx::core
