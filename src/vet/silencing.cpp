#include "vet/silencing.hpp"

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#include <memory>

namespace sqlx::core::vet {
namespace {

constexpr std::string_view directive = "sqlx-vet:";

bool rule_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

struct scan_result_deleter {
  void operator()(PgQueryScanResult* r) const noexcept {
    pg_query_free_scan_result(*r);
    delete r;
  }
};

struct tokens_deleter {
  void operator()(PgQuery__ScanResult* r) const noexcept {
    pg_query__scan_result__free_unpacked(r, nullptr);
  }
};

}  // namespace

rule_set directive_rules(std::string_view comment) {
  rule_set rules;
  for (auto at = comment.find(directive); at != std::string_view::npos;
       at = comment.find(directive, at + 1)) {
    std::string_view rest = comment.substr(at + directive.size());
    rest.remove_prefix(std::min(rest.find_first_not_of(" \t"), rest.size()));
    if (!rest.starts_with("ignore=")) continue;
    rest.remove_prefix(std::string_view("ignore=").size());
    // RULE[,RULE...]: stops at the first character that cannot be in a list of names.
    while (!rest.empty()) {
      std::size_t n = 0;
      while (n < rest.size() && rule_name_char(rest[n])) ++n;
      if (n == 0) break;
      rules.emplace(rest.substr(0, n));
      rest.remove_prefix(n);
      if (rest.empty() || rest.front() != ',') break;
      rest.remove_prefix(1);
    }
  }
  return rules;
}

rule_set ignored_in_sql(std::string_view text) {
  rule_set rules;
  if (text.find(directive) == std::string_view::npos) return rules;  // the usual case
  const std::string sql(text);
  std::unique_ptr<PgQueryScanResult, scan_result_deleter> scanned(
      new PgQueryScanResult(pg_query_scan(sql.c_str())));
  if (scanned->error != nullptr) return rules;
  std::unique_ptr<PgQuery__ScanResult, tokens_deleter> tokens(pg_query__scan_result__unpack(
      nullptr, scanned->pbuf.len, reinterpret_cast<const std::uint8_t*>(scanned->pbuf.data)));
  if (tokens == nullptr) return rules;
  for (std::size_t i = 0; i < tokens->n_tokens; ++i) {
    const PgQuery__ScanToken* t = tokens->tokens[i];
    if (t->token != PG_QUERY__TOKEN__SQL_COMMENT && t->token != PG_QUERY__TOKEN__C_COMMENT) {
      continue;
    }
    if (t->start < 0 || t->end < t->start || static_cast<std::size_t>(t->end) > sql.size()) {
      continue;
    }
    rules.merge(directive_rules(text.substr(static_cast<std::size_t>(t->start),
                                            static_cast<std::size_t>(t->end - t->start))));
  }
  return rules;
}

rule_set ignored_in_source_line(std::string_view line) {
  const auto line_comment = line.find("//");
  const auto block_comment = line.find("/*");
  const auto comment = std::min(line_comment, block_comment);
  if (comment == std::string_view::npos) return {};
  return directive_rules(line.substr(comment));
}

rule_set ignored_above(const std::function<std::string_view(std::uint32_t)>& line,
                       std::uint32_t macro_line) {
  rule_set rules = ignored_in_source_line(line(macro_line));
  constexpr std::uint32_t reach = 3;
  for (std::uint32_t n = macro_line - 1; n >= 1 && n + reach >= macro_line; --n) {
    const std::string_view text = line(n);
    std::string_view code = text.substr(0, std::min(text.find("//"), text.find("/*")));
    code = code.substr(0, code.find_last_not_of(" \t\r") + 1);
    if (!code.empty() && (code.back() == ';' || code.back() == '{' || code.back() == '}')) break;
    rules.merge(ignored_in_source_line(text));
  }
  return rules;
}

bool silences(const rule_set& rules, std::string_view rule) {
  return rules.contains(rule) || rules.contains("all");
}

}  // namespace sqlx::core::vet
