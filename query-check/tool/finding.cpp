#include "finding.hpp"

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

namespace sqlx::query_check {
namespace {

using json = nlohmann::ordered_json;

std::string where(const place& p) {
  if (p.line == 0) return p.file;
  return p.file + ":" + std::to_string(p.line) + ":" + std::to_string(p.column);
}

json sarif_location(const place& p, const std::string& base, const std::string& message = {}) {
  namespace fs = std::filesystem;
  std::string uri = p.file;
  std::error_code ec;
  const fs::path relative = fs::proximate(p.file, base, ec);
  if (!ec && !relative.empty() && !relative.string().starts_with("..")) uri = relative.string();
  json region = json::object();
  if (p.line > 0) region = {{"startLine", p.line}, {"startColumn", p.column}};
  json physical = {{"artifactLocation", {{"uri", uri}}}};
  if (!region.empty()) physical["region"] = region;
  json location = {{"physicalLocation", physical}};
  if (!message.empty()) location["message"] = {{"text", message}};
  return location;
}

}  // namespace

void print_gcc(std::ostream& out, const std::vector<finding>& findings) {
  for (const finding& f : findings) {
    out << where(f.where) << ": " << f.level << ": " << f.message << " [" << f.rule << "]\n";
    for (const auto& note : f.notes) out << where(note.where) << ": note: " << note.message << "\n";
  }
}

void print_sarif(std::ostream& out, const std::vector<finding>& findings, const std::string& base) {
  std::set<std::string> rule_ids;
  json results = json::array();
  for (const finding& f : findings) {
    rule_ids.insert(f.rule);
    json result = {{"ruleId", f.rule},
                   {"level", f.level},
                   {"message", {{"text", f.message}}},
                   {"locations", json::array({sarif_location(f.where, base)})}};
    if (!f.notes.empty()) {
      json related = json::array();
      for (const auto& note : f.notes)
        related.push_back(sarif_location(note.where, base, note.message));
      result["relatedLocations"] = related;
    }
    results.push_back(result);
  }
  json rules = json::array();
  for (const auto& id : rule_ids) rules.push_back({{"id", id}});
  const json log = {
      {"version", "2.1.0"},
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"runs", json::array({{{"tool", {{"driver", {{"name", "query-check"}, {"rules", rules}}}}},
                             {"results", results}}})}};
  out << log.dump(2) << "\n";
}

}  // namespace sqlx::query_check
