#include "prepare_command.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <map>
#include <memory>
#include <unordered_map>

#include "describe/pg/describe.hpp"
#include "environment/database_url.hpp"
#include "metadata_dir.hpp"
#include "runtime/internal/read_file.hpp"
#include "scan/scanner.hpp"
#include "server/cluster.hpp"
#include "sqlx/migrate.hpp"

namespace sqlx::cli {
namespace fs = std::filesystem;
using namespace sqlx::core;

namespace {

// A distinct query text and every place it is written.
struct distinct_query {
  std::string text;
  std::vector<query_occurrence> occurrences;
};

std::vector<distinct_query> group_by_text(std::vector<query_occurrence> occurrences) {
  std::vector<distinct_query> queries;
  std::unordered_map<std::string, std::size_t> index;
  for (auto& occurrence : occurrences) {
    const auto [it, inserted] = index.try_emplace(occurrence.text, queries.size());
    if (inserted) queries.push_back({occurrence.text, {}});
    queries[it->second].occurrences.push_back(std::move(occurrence));
  }
  return queries;
}

std::string first_line(std::string_view text) {
  const auto start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return "";
  text.remove_prefix(start);
  const auto end = text.find('\n');
  std::string line(text.substr(0, end));
  if (end != std::string_view::npos) line += " ...";
  return line;
}

std::string location(const query_occurrence& occurrence, source_position position) {
  return fmt::format("{}:{}:{}", occurrence.file.string(), position.line, position.column);
}

void report_server_error(const query_occurrence& occurrence, const server_error& error) {
  source_position where = occurrence.literal_position;
  if (error.position > 0 && !occurrence.text_positions.empty()) {
    const std::size_t byte = byte_offset_of_position(occurrence.text, error.position);
    where = occurrence.text_positions[std::min(byte, occurrence.text_positions.size() - 1)];
  }
  const std::string at = location(occurrence, where);
  fmt::print(stderr, "{}: error: {}\n", at, error.message);
  if (!error.detail.empty()) fmt::print(stderr, "{}: note: detail: {}\n", at, error.detail);
  if (!error.hint.empty()) fmt::print(stderr, "{}: note: hint: {}\n", at, error.hint);
  fmt::print(stderr, "{}: note: in query: {}\n", at, first_line(occurrence.text));
}

// A throwaway server with the migrations applied, or the configured database.
struct database_target {
  std::unique_ptr<temp_cluster> cluster;
  std::string url;
};

std::optional<database_target> open_target(const prepare_options& options) {
  if (!options.temp_db) {
    auto url = resolve_database_url(options.database_url, fs::current_path());
    if (!url) return std::nullopt;
    return database_target{nullptr, *url};
  }
  const fs::path migrations_dir = options.migrations.value_or("migrations");
  sqlx::migrator migrations;
  std::error_code ec;
  if (options.migrations || fs::exists(migrations_dir, ec)) {
    migrations = sqlx::migrator::from_directory(migrations_dir);
  } else {
    fmt::print(stderr,
               "sqlcheck: no ./migrations directory; preparing against an empty database\n");
  }
  auto cluster = std::make_unique<temp_cluster>(temp_cluster::start());
  const std::string url = cluster->url();
  auto conn = sqlx::pg::connection::connect(url);
  (void)migrations.run(conn);
  return database_target{std::move(cluster), url};
}

class progress_line {
 public:
  explicit progress_line(std::size_t total) : enabled_(total >= 500 && isatty(STDERR_FILENO)) {}
  void update(std::size_t done, std::size_t total) const {
    if (enabled_) fmt::print(stderr, "\rsqlcheck: described {}/{} queries", done, total);
  }
  ~progress_line() {
    if (enabled_) fmt::print(stderr, "\r\033[K");
  }
  progress_line(const progress_line&) = delete;
  progress_line& operator=(const progress_line&) = delete;

 private:
  bool enabled_;
};

void print_diff(const fs::path& out, const metadata_diff& diff,
                const std::map<std::string, const distinct_query*>& by_file) {
  auto print = [&](std::string_view label, const std::vector<std::string>& names) {
    for (const auto& name : names) {
      const auto it = by_file.find(name);
      if (it != by_file.end()) {
        const auto& first = it->second->occurrences.front();
        fmt::print(stderr, "{}: {} ({}: {})\n", label, (out / name).string(),
                   location(first, first.literal_position), first_line(it->second->text));
      } else {
        fmt::print(stderr, "{}: {}\n", label, (out / name).string());
      }
    }
  };
  print("missing", diff.missing);
  print("changed", diff.changed);
  print("unused", diff.unused);
}

}  // namespace

int run_prepare(const prepare_options& options) {
  try {
    const std::vector<fs::path> sources =
        options.sources.empty() ? std::vector<fs::path>{"."} : options.sources;
    const auto queries = group_by_text(scan_tree(sources));

    auto target = open_target(options);
    if (!target) {
      fmt::print(stderr,
                 "sqlcheck: no database: pass -D URL, set DATABASE_URL (or put it in .env), or "
                 "use --temp-db to prepare against a throwaway server built from the migrations\n");
      return 2;
    }
    auto conn = sqlx::pg::connection::connect(target->url);

    std::vector<std::string> texts;
    texts.reserve(queries.size());
    for (const auto& query : queries) texts.push_back(query.text);
    std::vector<describe_result> described;
    {
      progress_line progress(texts.size());
      described = describe_queries(
          conn, texts, [&](std::size_t done, std::size_t total) { progress.update(done, total); });
    }

    metadata_files files;
    std::map<std::string, const distinct_query*> by_file;
    std::size_t rejected = 0;
    for (std::size_t i = 0; i < queries.size(); ++i) {
      if (described[i].error) {
        ++rejected;
        for (const auto& occurrence : queries[i].occurrences) {
          report_server_error(occurrence, *described[i].error);
        }
        continue;
      }
      const std::string name = metadata_file_name(queries[i].text);
      files.emplace(name, to_file_content(*described[i].description));
      by_file.emplace(name, &queries[i]);
    }
    if (rejected > 0) {
      fmt::print(stderr, "sqlcheck: {} of {} queries rejected by the server; {} left unchanged\n",
                 rejected, queries.size(), options.out.string());
      return 1;
    }

    if (options.check) {
      const auto diff = compare_metadata_dir(options.out, files);
      if (diff.empty()) {
        fmt::print("sqlcheck: {} is up to date ({} queries)\n", options.out.string(), files.size());
        return 0;
      }
      print_diff(options.out, diff, by_file);
      fmt::print(stderr, "sqlcheck: {} is out of date: run `sqlcheck prepare`\n",
                 options.out.string());
      return 1;
    }
    if (options.keep_unused) {
      // Keep every file no query here uses: other targets' queries live in the same directory.
      for (const auto& name : compare_metadata_dir(options.out, files).unused) {
        files.emplace(name, sqlx::detail::read_file(options.out / name));
      }
    }
    const auto diff = replace_metadata_dir(options.out, files);
    fmt::print("sqlcheck: prepared {} queries into {} ({} new, {} changed, {} removed)\n",
               files.size(), options.out.string(), diff.missing.size(), diff.changed.size(),
               diff.unused.size());
    return 0;
  } catch (const scan_error& e) {
    fmt::print(stderr, "{}\n", e.what());
    return 1;
  } catch (const std::exception& e) {
    fmt::print(stderr, "sqlcheck: error: {}\n", e.what());
    return 1;
  }
}

}  // namespace sqlx::cli
