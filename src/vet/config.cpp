#include "vet/config.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "runtime/internal/read_file.hpp"
#include "vet/rule.hpp"

namespace sqlx::core::vet {

config_error::~config_error() = default;

namespace {

level parse_level_or_throw(std::string_view value, std::string_view where) {
  const auto l = parse_level(value);
  if (!l) {
    throw config_error(
        fmt::format("{}: level `{}` is not one of off, warning, error", where, value));
  }
  return *l;
}

double non_negative_number(const nlohmann::json& value, std::string_view where) {
  if (!value.is_number() || value.get<double>() < 0) {
    throw config_error(fmt::format("{}: expected a number >= 0", where));
  }
  return value.get<double>();
}

}  // namespace

level vet_config::level_of(std::string_view rule_name) const {
  const auto it = levels_.find(rule_name);
  if (it != levels_.end()) return it->second;
  const rule* r = find_rule(rule_name);
  return r != nullptr ? r->default_level() : level::error;
}

void vet_config::set_level(std::string_view rule_name, level l) {
  if (find_rule(rule_name) == nullptr) {
    throw config_error(fmt::format("no rule named `{}` (sqlcheck vet --list-rules)", rule_name));
  }
  levels_.insert_or_assign(std::string(rule_name), l);
}

void vet_config::apply_flag(std::string_view flag) {
  const auto eq = flag.find('=');
  if (eq == std::string_view::npos) {
    throw config_error(fmt::format("--rule `{}`: expected NAME=LEVEL", flag));
  }
  set_level(flag.substr(0, eq), parse_level_or_throw(flag.substr(eq + 1), "--rule"));
}

void vet_config::load_file(const std::filesystem::path& file) {
  const std::string where = file.string();
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(sqlx::detail::read_file(file), nullptr, true,
                                /*ignore_comments=*/true);
  } catch (const nlohmann::json::exception& e) {
    throw config_error(fmt::format("{}: not valid JSON: {}", where, e.what()));
  } catch (const std::exception& e) {
    throw config_error(fmt::format("{}: {}", where, e.what()));
  }
  if (!doc.is_object()) throw config_error(fmt::format("{}: expected a JSON object", where));
  for (const auto& [key, value] : doc.items()) {
    if (key == "rules") {
      if (!value.is_object())
        throw config_error(fmt::format("{}: `rules` must be an object", where));
      for (const auto& [name, l] : value.items()) {
        const std::string at = fmt::format("{}: rules.{}", where, name);
        if (!l.is_string()) throw config_error(fmt::format("{}: expected a string", at));
        if (find_rule(name) == nullptr) throw config_error(fmt::format("{}: no such rule", at));
        set_level(name, parse_level_or_throw(l.get<std::string>(), at));
      }
    } else if (key == "seq-scan") {
      if (!value.is_object()) {
        throw config_error(fmt::format("{}: `seq-scan` must be an object", where));
      }
      for (const auto& [name, v] : value.items()) {
        const std::string at = fmt::format("{}: seq-scan.{}", where, name);
        if (name == "min-rows") {
          seq_scan.min_rows = non_negative_number(v, at);
        } else if (name == "min-pages") {
          seq_scan.min_pages = non_negative_number(v, at);
        } else {
          throw config_error(fmt::format("{}: unknown key (min-rows, min-pages)", at));
        }
      }
    } else {
      throw config_error(fmt::format("{}: unknown key `{}` (rules, seq-scan)", where, key));
    }
  }
}

}  // namespace sqlx::core::vet
