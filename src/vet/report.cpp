#include "vet/report.hpp"

#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>

#include "vet/rule.hpp"

namespace sqlx::core::vet {
namespace {

std::string_view sarif_level(level l) {
  return l == level::error ? "error" : l == level::warning ? "warning" : "none";
}

nlohmann::json rule_descriptor(std::string_view name, std::string_view summary, level l) {
  return {{"id", rule_id(name)},
          {"name", std::string(name)},
          {"shortDescription", {{"text", std::string(summary)}}},
          {"help", {{"text", fmt::format("docs/vet.md, rule {}", name)}}},
          {"defaultConfiguration", {{"level", sarif_level(l)}, {"enabled", l != level::off}}}};
}

}  // namespace

std::string gcc_line(const reported_finding& f) {
  return fmt::format("{}:{}:{}: {}: {} [{}]", f.file.string(), f.position.line, f.position.column,
                     level_name(f.what.severity), f.what.message, rule_id(f.what.rule));
}

std::string artifact_uri(const std::filesystem::path& file) {
  const std::string path = file.generic_string();
  std::string out = file.is_absolute() ? "file://" : "";
  for (const unsigned char c : path) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    out += keep ? std::string(1, static_cast<char>(c)) : fmt::format("%{:02X}", c);
  }
  return out;
}

std::uint32_t utf16_column(std::string_view line, std::uint32_t byte_column) {
  std::uint32_t units = 1;
  const std::size_t end = std::min<std::size_t>(byte_column > 0 ? byte_column - 1 : 0, line.size());
  for (std::size_t i = 0; i < end; ++i) {
    const auto c = static_cast<unsigned char>(line[i]);
    if ((c & 0xC0) == 0x80) continue;  // a continuation byte
    units += c >= 0xF0 ? 2 : 1;        // outside the BMP: a surrogate pair
  }
  return units;
}

std::string sarif_log(std::span<const reported_finding> findings, const vet_config& config) {
  nlohmann::json rules = nlohmann::json::array();
  std::map<std::string, std::size_t> index;
  for (const auto& r : all_rules()) {
    index[std::string(r->name())] = rules.size();
    rules.push_back(rule_descriptor(r->name(), r->summary(), config.level_of(r->name())));
  }
  index[std::string(query_error_rule)] = rules.size();
  rules.push_back(rule_descriptor(query_error_rule, "the server rejects the query", level::error));

  nlohmann::json results = nlohmann::json::array();
  for (const auto& f : findings) {
    nlohmann::json result = {
        {"ruleId", rule_id(f.what.rule)},
        {"level", sarif_level(f.what.severity)},
        {"message", {{"text", f.what.message}}},
        {"locations",
         {{{"physicalLocation",
            {{"artifactLocation", {{"uri", artifact_uri(f.file)}}},
             {"region", {{"startLine", f.position.line}, {"startColumn", f.utf16_column}}}}}}}}};
    if (const auto it = index.find(f.what.rule); it != index.end()) {
      result["ruleIndex"] = it->second;
    }
    results.push_back(std::move(result));
  }
  const nlohmann::json log = {
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs",
       {{{"tool", {{"driver", {{"name", "sqlcheck vet"}, {"rules", rules}}}}},
         {"columnKind", "utf16CodeUnits"},
         {"results", results}}}}};
  return log.dump(2);
}

}  // namespace sqlx::core::vet
