#include "vet/vet.hpp"

#include <nlohmann/json.hpp>

#include "describe/pg/nullability.hpp"
#include "vet/foreign_keys.hpp"
#include "vet/generic_plan.hpp"
#include "vet/rule.hpp"
#include "vet/silencing.hpp"

namespace sqlx::core::vet {
namespace {

finding query_error(std::string_view text, const server_error& error) {
  finding f{std::string(query_error_rule), error.message, level::error, std::nullopt};
  if (!error.detail.empty()) f.message += " (" + error.detail + ")";
  if (error.position > 0) f.offset = byte_offset_of_position(text, error.position);
  return f;
}

bool enabled(const vet_config& config, std::string_view rule) {
  return config.level_of(rule) != level::off;
}

}  // namespace

std::vector<std::vector<finding>> vet_queries(pg::connection& conn,
                                              std::span<const std::string> texts,
                                              const vet_config& config) {
  // The catalog describe's nullability inference reads: every relation the texts name.
  std::vector<relation_name> names;
  for (const auto& text : texts) {
    const auto referenced = parsed_query(text).referenced_relations();
    names.insert(names.end(), referenced.begin(), referenced.end());
  }
  const relation_catalog catalog = load_relation_catalog(conn, std::move(names));
  const std::vector<foreign_key> keys = enabled(config, "unindexed-foreign-key-join")
                                            ? load_foreign_keys(conn)
                                            : std::vector<foreign_key>{};

  std::vector<std::vector<finding>> results(texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const std::string& text = texts[i];
    auto& findings = results[i];
    const plan_result plan = generic_plan(conn, text);
    if (plan.error) {
      findings.push_back(query_error(text, *plan.error));
      continue;
    }
    const rule_set silenced = ignored_in_sql(text);
    if (plan.explain_error && config.level_of("seq-scan") != level::off &&
        !silences(silenced, "seq-scan")) {
      findings.push_back({"seq-scan",
                          "no generic plan (" + *plan.explain_error +
                              "), so the query was not checked for sequential scans",
                          config.level_of("seq-scan"), std::nullopt});
    }
    const nullability_detail::pg_tree tree(text);
    if (!tree.ok() || tree.statement() == nullptr) continue;
    const query_context context{text, tree.statement(), catalog, keys, plan.plan, &conn, config};
    for (const auto& r : all_rules()) {
      const level l = config.level_of(r->name());
      if (l == level::off || silences(silenced, r->name())) continue;
      const std::size_t first = findings.size();
      r->check(context, findings);
      for (std::size_t f = first; f < findings.size(); ++f) findings[f].severity = l;
    }
  }
  return results;
}

}  // namespace sqlx::core::vet
