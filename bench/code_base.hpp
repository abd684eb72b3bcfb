// A generated code base for the prepare benchmarks: 40 queries per source file in 25
// directories, as a service would have.
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace bench {

// `n` query texts from `templates` in turn, each made distinct by its number ({0}).
inline std::vector<std::string> generate_queries(std::span<const std::string_view> templates,
                                                 std::size_t n) {
  std::vector<std::string> queries;
  queries.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    queries.push_back(fmt::format(fmt::runtime(templates[i % templates.size()]), i + 1));
  }
  return queries;
}

inline void write_sources(const std::filesystem::path& root,
                          const std::vector<std::string>& queries) {
  constexpr std::size_t per_file = 40;
  for (std::size_t start = 0; start < queries.size(); start += per_file) {
    const std::size_t file_index = start / per_file;
    const std::filesystem::path file = root / "src" / fmt::format("module_{}", file_index % 25) /
                                       fmt::format("repo_{}.cpp", file_index);
    std::filesystem::create_directories(file.parent_path());
    std::ofstream out(file);
    out << "#include <sqlx/sqlx.hpp>\n\nnamespace app {\n";
    for (std::size_t i = start; i < std::min(queries.size(), start + per_file); ++i) {
      std::string escaped;
      for (char c : queries[i]) {
        if (c == '"' || c == '\\') escaped += '\\';
        escaped += c;
      }
      out << fmt::format(
          "// query {}\nauto q{}(auto& db) {{\n  return SQLX_QUERY(\"{}\").fetch_all(db);\n}}\n\n",
          i, i, escaped);
    }
    out << "}  // namespace app\n";
  }
}

}  // namespace bench
