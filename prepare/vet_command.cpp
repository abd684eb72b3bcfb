#include "vet_command.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <numeric>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>

#include "environment/database_url.hpp"
#include "metadata/metadata.hpp"
#include "runtime/internal/read_file.hpp"
#include "scan/dynamic_parts.hpp"
#include "scan/scanner.hpp"
#include "sqlx/pg/connection.hpp"
#include "usage_error.hpp"
#include "vet/report.hpp"
#include "vet/rule.hpp"
#include "vet/silencing.hpp"
#include "vet/vet.hpp"

namespace sqlx::cli {
namespace fs = std::filesystem;
using namespace sqlx::core;
using namespace sqlx::core::vet;

namespace {

constexpr std::string_view vet_usage = R"(Usage:
  sqlcheck vet [--source DIR]... [-D URL] [--format text|sarif] [--config FILE]
               [--rule NAME=off|warning|error]... [--list-rules]

Lints every tagged query of the sources against the live database and prints
file:line:col: warning|error: message [sqlx-vet-RULE] (or SARIF 2.1.0 with --format sarif).
Configuration: --config FILE (default .sqlx-cpp/vet.json when present), then --rule flags.
Silence a rule for one query with `sqlx-vet: ignore=RULE` in a SQL comment of the query or in
a C++ comment on (or just above) the macro's line. Rules: sqlcheck vet --list-rules.
Details: docs/vet.md.

Exit status: 0 no error-level finding, 1 an error-level finding or a failure, 2 usage error.
)";

struct vet_options {
  std::vector<fs::path> sources;
  std::optional<std::string> database_url;
  std::optional<fs::path> config_file;
  std::vector<std::string> rule_flags;
  bool sarif = false;
  bool list_rules = false;
  bool help = false;
};

// Whether `.sqlx-cpp/` (prepare's default output) records `text` as a SQLite query. A missing or
// unreadable file says nothing: the query is linted.
bool prepared_for_sqlite(const std::string& text) {
  const fs::path file = fs::path(".sqlx-cpp") / metadata_file_name(text);
  std::error_code ec;
  if (!fs::exists(file, ec)) return false;
  try {
    return read_metadata_file(file).db == database::sqlite;
  } catch (const metadata_error&) {
    return false;
  }
}

// Source files' lines, read once: for C++-comment directives and SARIF's UTF-16 columns.
class source_lines {
 public:
  [[nodiscard]] std::string_view line(const fs::path& file, std::uint32_t number) {
    auto it = files_.find(file.string());
    if (it == files_.end()) {
      std::vector<std::string> lines;
      std::string content;
      try {
        content = sqlx::detail::read_file(file);
      } catch (const std::exception&) {
        // Gone since the scan (or a #line name): no lines, so no directive and byte columns.
      }
      std::size_t start = 0;
      while (start <= content.size()) {
        const auto end = content.find('\n', start);
        lines.push_back(content.substr(start, end == std::string::npos ? end : end - start));
        if (end == std::string::npos) break;
        start = end + 1;
      }
      it = files_.emplace(file.string(), std::move(lines)).first;
    }
    if (number == 0 || number > it->second.size()) return {};
    return it->second[number - 1];
  }

 private:
  std::unordered_map<std::string, std::vector<std::string>> files_;
};

std::optional<vet_options> parse(const std::vector<std::string_view>& args, int& status) {
  vet_options options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    const bool has_value = i + 1 < args.size();
    if (arg == "-h" || arg == "--help") {
      options.help = true;
    } else if (arg == "--list-rules") {
      options.list_rules = true;
    } else if ((arg == "--source") && has_value) {
      options.sources.emplace_back(args[++i]);
    } else if ((arg == "-D" || arg == "--database-url") && has_value) {
      options.database_url = std::string(args[++i]);
    } else if (arg == "--config" && has_value) {
      options.config_file = fs::path(args[++i]);
    } else if (arg == "--rule" && has_value) {
      options.rule_flags.emplace_back(args[++i]);
    } else if (arg == "--format" && has_value) {
      const std::string_view format = args[++i];
      if (format != "text" && format != "sarif") {
        status = usage_error(fmt::format("--format `{}`: expected text or sarif", format));
        return std::nullopt;
      }
      options.sarif = format == "sarif";
    } else {
      status = usage_error(fmt::format("unknown or incomplete argument `{}` for vet", arg));
      return std::nullopt;
    }
  }
  return options;
}

vet_config load_config(const vet_options& options) {
  vet_config config;
  if (options.config_file) {
    config.load_file(*options.config_file);
  } else if (std::error_code ec; fs::exists(default_config_file, ec)) {
    config.load_file(default_config_file);
  }
  for (const auto& flag : options.rule_flags) config.apply_flag(flag);
  return config;
}

void print_rules(const vet_config& config) {
  for (const auto& r : all_rules()) {
    fmt::print("{:<28} {:<8} {}\n", r->name(), level_name(config.level_of(r->name())),
               r->summary());
  }
}

// A dynamic query (docs/dynamic-queries.md) is linted as each of its combinations, each an
// occurrence whose bytes map back to the literal's; a malformed one is left as written (the
// server rejects it, and prepare says why).
std::vector<query_occurrence> expand_dynamic_queries(std::vector<query_occurrence> occurrences) {
  std::vector<query_occurrence> out;
  for (auto& o : occurrences) {
    std::optional<dynamic_query_text> dynamic;
    try {
      dynamic = parse_dynamic_query(o.text);
    } catch (const dynamic_syntax_error&) {
    }
    if (!dynamic) {
      out.push_back(std::move(o));
      continue;
    }
    for (std::size_t k = 0; k < dynamic->combinations(); ++k) {
      dynamic_combination combination = dynamic->expand(k);
      query_occurrence c = o;
      c.text = std::move(combination.text);
      c.text_positions.clear();
      if (!o.text_positions.empty()) {
        for (const std::size_t byte : combination.origin) {
          c.text_positions.push_back(o.text_positions[std::min(byte, o.text_positions.size() - 1)]);
        }
      }
      out.push_back(std::move(c));
    }
  }
  return out;
}

// Every occurrence's findings at their source positions, without those a C++ comment
// silences there; per occurrence in the order of the source, as a compiler reports.
std::vector<reported_finding> place(const std::vector<query_occurrence>& occurrences,
                                    const std::unordered_map<std::string, std::size_t>& index,
                                    const std::vector<std::vector<finding>>& results) {
  source_lines lines;
  std::vector<reported_finding> reported;
  for (const auto& o : occurrences) {
    const rule_set silenced = ignored_above([&](std::uint32_t n) { return lines.line(o.file, n); },
                                            o.macro_position.line);
    const std::size_t first = reported.size();
    for (const finding& f : results[index.at(o.text)]) {
      if (f.rule != query_error_rule && silences(silenced, f.rule)) continue;
      source_position at = o.literal_position;
      if (f.offset && !o.text_positions.empty()) {
        at = o.text_positions[std::min(*f.offset, o.text_positions.size() - 1)];
      }
      reported.push_back({o.file, at, utf16_column(lines.line(o.file, at.line), at.column), f});
    }
    // Source order, ties in the order the rules found them: a total order, so std::sort is
    // deterministic (std::stable_sort's buffer is deprecated for clang with libstdc++ 12).
    std::vector<std::size_t> order(reported.size() - first);
    std::iota(order.begin(), order.end(), first);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      const source_position& x = reported[a].position;
      const source_position& y = reported[b].position;
      return std::tuple(x.line, x.column, a) < std::tuple(y.line, y.column, b);
    });
    std::vector<reported_finding> sorted;
    sorted.reserve(order.size());
    for (const std::size_t i : order) sorted.push_back(std::move(reported[i]));
    std::move(sorted.begin(), sorted.end(), reported.begin() + static_cast<std::ptrdiff_t>(first));
  }
  return reported;
}

}  // namespace

int vet_main(const std::vector<std::string_view>& args) {
  int status = 0;
  const auto options = parse(args, status);
  if (!options) return status;
  if (options->help) {
    fmt::print("{}", vet_usage);
    return 0;
  }
  vet_config config;
  try {
    config = load_config(*options);
  } catch (const config_error& e) {
    return usage_error(e.what());
  }
  if (options->list_rules) {
    print_rules(config);
    return 0;
  }
  try {
    const std::vector<fs::path> roots =
        options->sources.empty() ? std::vector<fs::path>{"."} : options->sources;
    const std::vector<query_occurrence> occurrences = expand_dynamic_queries(scan_tree(roots));

    const auto url = resolve_database_url(options->database_url, fs::current_path());
    if (!url) {
      fmt::print(stderr,
                 "sqlcheck: no database: pass -D URL or set DATABASE_URL (or put it in .env); "
                 "vet needs the live database the queries run on (its plans and statistics)\n");
      return 2;
    }
    if (database_of_url(*url) == database::sqlite) {
      return usage_error(
          "vet lints PostgreSQL queries; -D (or DATABASE_URL) names a SQLite "
          "database (docs/vet.md)");
    }
    auto conn = sqlx::pg::connection::connect(*url);

    // Each distinct text is linted once, then reported at every place it is written. A
    // program's SQLite queries (their .sqlx-cpp/ file says so) are not PostgreSQL's to lint.
    std::vector<std::string> texts;
    std::unordered_map<std::string, std::size_t> index;
    std::vector<query_occurrence> postgres_occurrences;
    std::size_t sqlite_queries = 0;
    std::unordered_map<std::string, bool> is_sqlite;
    for (const auto& o : occurrences) {
      auto [known, inserted] = is_sqlite.try_emplace(o.text, false);
      if (inserted) {
        known->second = prepared_for_sqlite(o.text);
        sqlite_queries += known->second ? 1 : 0;
      }
      if (known->second) continue;
      postgres_occurrences.push_back(o);
      if (index.try_emplace(o.text, texts.size()).second) texts.push_back(o.text);
    }
    const auto results = vet_queries(conn, texts, config);

    std::vector<reported_finding> reported = place(postgres_occurrences, index, results);
    // A dynamic query's combinations often share a finding: reported once.
    std::set<std::tuple<std::string, std::uint32_t, std::uint32_t, std::string, std::string>> seen;
    std::erase_if(reported, [&](const reported_finding& r) {
      return !seen.emplace(r.file.string(), r.position.line, r.position.column, r.what.rule,
                           r.what.message)
                  .second;
    });

    std::size_t errors = 0;
    for (const auto& r : reported) errors += r.what.severity == level::error ? 1 : 0;
    if (options->sarif) {
      fmt::print("{}\n", sarif_log(reported, config));
    } else {
      for (const auto& r : reported) fmt::print("{}\n", gcc_line(r));
    }
    fmt::print(stderr, "sqlcheck vet: {} queries{}; findings: {} error(s), {} warning(s)\n",
               texts.size(),
               sqlite_queries > 0 ? fmt::format(" ({} SQLite queries skipped)", sqlite_queries)
                                  : std::string(),
               errors, reported.size() - errors);
    return errors > 0 ? 1 : 0;
  } catch (const scan_error& e) {
    fmt::print(stderr, "{}\n", e.what());
    return 1;
  } catch (const std::exception& e) {
    fmt::print(stderr, "sqlcheck: error: {}\n", e.what());
    return 1;
  }
}

}  // namespace sqlx::cli
