#include "scan/query_selection.hpp"

#include <fmt/format.h>

#include <deque>
#include <optional>

#include "metadata/digest.hpp"
#include "scan/dynamic_parts.hpp"
#include "scan/scanner.hpp"

namespace sqlx::core {
namespace fs = std::filesystem;
namespace {

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

std::string_view skip_blanks(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  return s;
}

// The directive of one line, if it is `# include "x"` or `# include <x>` (also include_next,
// which a compiler resolves from the include directories as well).
std::optional<include_directive> include_of_line(std::string_view line) {
  line = skip_blanks(line);
  if (!line.starts_with('#')) return std::nullopt;
  line = skip_blanks(line.substr(1));
  if (!line.starts_with("include")) return std::nullopt;
  line.remove_prefix(std::string_view("include").size());
  if (line.starts_with("_next")) line.remove_prefix(std::string_view("_next").size());
  line = skip_blanks(line);
  if (line.empty() || (line.front() != '"' && line.front() != '<')) return std::nullopt;
  const char close = line.front() == '"' ? '"' : '>';
  const std::size_t end = line.find(close, 1);
  if (end == std::string_view::npos || end == 1) return std::nullopt;
  return include_directive{std::string(line.substr(1, end - 1)), close == '"'};
}

fs::path normal_absolute(const fs::path& path) {
  return fs::absolute(path).lexically_normal();
}

bool is_file(const fs::path& path) {
  std::error_code ec;
  return fs::is_regular_file(path, ec);
}

}  // namespace

std::vector<include_directive> find_includes(std::string_view content) {
  std::vector<include_directive> found;
  while (!content.empty()) {
    const std::size_t end = content.find('\n');
    if (auto directive = include_of_line(content.substr(0, end))) {
      found.push_back(std::move(*directive));
    }
    if (end == std::string_view::npos) break;
    content.remove_prefix(end + 1);
  }
  return found;
}

include_walker::include_walker(std::vector<fs::path> include_dirs) {
  for (const fs::path& dir : include_dirs) include_dirs_.push_back(normal_absolute(dir));
}

fs::path include_walker::resolve(const include_directive& directive, const fs::path& from) const {
  if (directive.quoted) {
    const fs::path candidate = from.parent_path() / directive.name;
    if (is_file(candidate)) return candidate.lexically_normal();
  }
  for (const fs::path& dir : include_dirs_) {
    const fs::path candidate = dir / directive.name;
    if (is_file(candidate)) return candidate.lexically_normal();
  }
  return {};
}

const include_walker::file_info& include_walker::info(const fs::path& file) {
  if (const auto it = files_.find(file); it != files_.end()) return it->second;
  std::string content;
  read_source_file(file, content);
  file_info found;
  // Only a file naming a query macro can hold a query: the others (system and third-party
  // headers reached through the include directories) are not scanned, so they cannot fail.
  if (content.find("SQLX_QUERY") != std::string::npos) {
    for (query_occurrence& occurrence : scan_source(content, file)) {
      found.texts.insert(std::move(occurrence.text));
    }
  }
  for (const include_directive& directive : find_includes(content)) {
    if (fs::path header = resolve(directive, file); !header.empty()) {
      found.includes.push_back(std::move(header));
    }
  }
  return files_.emplace(file, std::move(found)).first->second;
}

source_queries include_walker::walk(const fs::path& source) {
  source_queries result;
  std::set<fs::path> seen;
  std::deque<fs::path> pending{normal_absolute(source)};
  while (!pending.empty()) {
    fs::path file = std::move(pending.front());
    pending.pop_front();
    if (!seen.insert(file).second) continue;
    const file_info& found = info(file);
    result.texts.insert(found.texts.begin(), found.texts.end());
    pending.insert(pending.end(), found.includes.begin(), found.includes.end());
    if (!found.texts.empty()) result.query_files.push_back(file);
    result.files.push_back(std::move(file));
  }
  return result;
}

std::vector<query_description> select_queries(const std::vector<query_description>& metadata,
                                              const std::set<std::string>& texts) {
  // A dynamic query's literal selects its index and its combinations' queries.
  std::set<std::string> wanted = texts;
  for (const query_description& query : metadata) {
    if (!query.dynamic_index || !texts.contains(query.query)) continue;
    if (const auto dynamic = parse_dynamic_query(query.query)) {
      for (std::size_t k = 0; k < dynamic->combinations(); ++k) {
        wanted.insert(dynamic->expand(k).text);
      }
    }
  }
  std::vector<query_description> selected;
  for (const query_description& query : metadata) {
    if (wanted.contains(query.query)) selected.push_back(query);
  }
  return selected;
}

std::string generated_header_name(const fs::path& source) {
  const std::string digits = sha256_hex(normal_absolute(source).generic_string()).substr(0, 16);
  return fmt::format("{}.{}.hpp", source.filename().string(), digits);
}

}  // namespace sqlx::core
