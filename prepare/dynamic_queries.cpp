#include "dynamic_queries.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>

#include "metadata/dynamic_index.hpp"

namespace sqlx::cli {
using namespace sqlx::core;
namespace {

std::string location(const query_occurrence& occurrence, source_position position) {
  return fmt::format("{}:{}:{}", occurrence.file.string(), position.line, position.column);
}

source_position position_of(const query_occurrence& occurrence, std::size_t byte) {
  if (occurrence.text_positions.empty() || byte == dynamic_syntax_error::whole_literal) {
    return occurrence.literal_position;
  }
  return occurrence.text_positions[std::min(byte, occurrence.text_positions.size() - 1)];
}

// "id int8, name text"
std::string column_list(const query_description& description) {
  std::string out;
  for (const auto& column : description.columns) {
    if (!out.empty()) out += ", ";
    out += fmt::format("{} {}", column.name, column.type.type_name);
  }
  return out.empty() ? "no columns" : out;
}

bool same_columns(const query_description& a, const query_description& b) {
  return std::ranges::equal(a.columns, b.columns, [](const auto& x, const auto& y) {
    return x.name == y.name && x.type.type_name == y.type.type_name;
  });
}

}  // namespace

std::optional<query_expansion> expand_query(std::string_view text,
                                            const std::vector<query_occurrence>& occurrences,
                                            bool sqlite) {
  query_expansion expansion;
  try {
    expansion.dynamic = parse_dynamic_query(text);
    if (expansion.dynamic && sqlite) {
      throw dynamic_syntax_error(expansion.dynamic->parts.front().begin,
                                 "dynamic queries (`[[ ... ]]`, `{{ a | b }}`) are supported on "
                                 "PostgreSQL only for now");
    }
  } catch (const dynamic_syntax_error& e) {
    for (const auto& occurrence : occurrences) {
      fmt::print(stderr, "{}: error: {}\n",
                 location(occurrence, position_of(occurrence, e.offset())), e.what());
    }
    return std::nullopt;
  }
  if (expansion.dynamic) {
    for (std::size_t k = 0; k < expansion.dynamic->combinations(); ++k) {
      expansion.combinations.push_back(expansion.dynamic->expand(k));
    }
  }
  return expansion;
}

bool add_dynamic_files(const query_expansion& expansion,
                       const std::vector<query_occurrence>& occurrences,
                       std::span<const describe_result* const> results, metadata_files& files,
                       std::vector<std::string>& names) {
  const dynamic_query_text& query = *expansion.dynamic;
  bool ok = true;
  for (std::size_t k = 0; k < results.size(); ++k) {
    const describe_result& result = *results[k];
    if (!result.error) continue;
    ok = false;
    const dynamic_combination& combination = expansion.combinations[k];
    const server_error& error = *result.error;
    for (const auto& occurrence : occurrences) {
      std::size_t byte = 0;
      if (error.position > 0 && !combination.origin.empty()) {
        byte =
            combination.origin[std::min(byte_offset_of_position(combination.text, error.position),
                                        combination.origin.size() - 1)];
      }
      const std::string at = location(occurrence, error.position > 0 ? position_of(occurrence, byte)
                                                                     : occurrence.literal_position);
      fmt::print(stderr, "{}: error: {}\n", at, error.message);
      if (!error.detail.empty()) fmt::print(stderr, "{}: note: detail: {}\n", at, error.detail);
      if (!error.hint.empty()) fmt::print(stderr, "{}: note: hint: {}\n", at, error.hint);
      fmt::print(stderr, "{}: note: in combination {} of this dynamic query ({}): {}\n", at, k,
                 query.describe_combination(k), combination.text);
    }
  }
  if (!ok) return false;
  const query_description& first = *results.front()->description;
  for (std::size_t k = 1; k < results.size(); ++k) {
    const query_description& other = *results[k]->description;
    if (same_columns(first, other)) continue;
    for (const auto& occurrence : occurrences) {
      const std::string at = location(occurrence, occurrence.literal_position);
      fmt::print(stderr,
                 "{}: error: the combinations of this dynamic query return different columns: "
                 "every combination must return the same columns (names and types)\n",
                 at);
      fmt::print(stderr, "{}: note: combination 0 ({}) returns: {}\n", at,
                 query.describe_combination(0), column_list(first));
      fmt::print(stderr, "{}: note: combination {} ({}) returns: {}\n", at, k,
                 query.describe_combination(k), column_list(other));
    }
    return false;
  }
  dynamic_index index;
  index.query = query.text;
  for (std::size_t k = 0; k < results.size(); ++k) {
    const std::string name = metadata_file_name(expansion.combinations[k].text);
    files.emplace(name, to_file_content(*results[k]->description));
    names.push_back(name);
    index.combinations.push_back(name);
  }
  const std::string index_name = dynamic_index_file_name(query.text);
  files.emplace(index_name, to_file_content(index));
  names.push_back(index_name);
  return true;
}

}  // namespace sqlx::cli
