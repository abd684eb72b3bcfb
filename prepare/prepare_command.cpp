#include "prepare_command.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <map>
#include <memory>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "describe/pg/describe.hpp"
#include "describe/pg/nullability_cache.hpp"
#include "describe/pg/phase_timer.hpp"
#include "describe/sqlite/describe.hpp"
#include "dynamic_queries.hpp"
#include "environment/database_url.hpp"
#include "keep_until_exit.hpp"
#include "metadata/digest.hpp"
#include "metadata_dir.hpp"
#include "output_cache.hpp"
#include "runtime/internal/read_file.hpp"
#include "scan/scan_cache.hpp"
#include "scan/scanner.hpp"
#include "server/cluster.hpp"
#include "sqlite_database.hpp"
#include "sqlx/detail/fnv1a.hpp"
#include "sqlx/error.hpp"
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

// The migrations --temp-db applies: --migrations, else ./migrations when it exists.
sqlx::migrator load_migrations(const prepare_target& target) {
  const fs::path migrations_dir = target.migrations.value_or("migrations");
  std::error_code ec;
  if (target.migrations || fs::exists(migrations_dir, ec)) {
    return sqlx::migrator::from_directory(migrations_dir);
  }
  fmt::print(stderr, "sqlcheck: no ./migrations directory; preparing against an empty database\n");
  return {};
}

// A throwaway server with the migrations applied, or the configured database.
struct database_target {
  std::unique_ptr<temp_cluster> cluster;
  std::string url;
};

database_target open_postgres_temp_db(const prepare_target& target) {
  const sqlx::migrator migrations = load_migrations(target);
  auto cluster = std::make_unique<temp_cluster>(temp_cluster::start());
  const std::string url = cluster->url();
  auto conn = sqlx::pg::connection::connect(url);
  (void)migrations.run(conn);
  return database_target{std::move(cluster), url};
}

// The target's database URL: -D, else (first target) DATABASE_URL or .env; nullopt for a
// throwaway database.
std::optional<std::string> target_url(const prepare_target& target) {
  if (target.temp_db) return std::nullopt;
  return resolve_database_url(target.database_url, fs::current_path());
}

// The cache `kind` ("nullability", "output") of target `t` writing into `out`: under
// $XDG_CACHE_HOME (else ~/.cache)/sqlx-cpp, one file per output directory and target; none
// without a home.
std::optional<fs::path> cache_file(std::string_view kind, const fs::path& out, std::size_t t) {
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  const char* home = std::getenv("HOME");
  fs::path base;
  if (xdg != nullptr && *xdg != '\0') {
    base = xdg;
  } else if (home != nullptr && *home != '\0') {
    base = fs::path(home) / ".cache";
  } else {
    return std::nullopt;
  }
  std::error_code ec;
  const std::string key =
      fmt::format("{}\n{}", fs::absolute(out, ec).lexically_normal().string(), t);
  // FNV-1a, not SHA-256: this runs first thing, and OpenSSL's start-up (0.7 ms) is then paid
  // by the threads that hash beside the describe instead.
  return base / "sqlx-cpp" /
         fmt::format("{}-{:016x}", kind, sqlx::detail::fnv1a(key.data(), key.size()));
}

// PostgreSQL connections opened on other threads while the sources are scanned: a backend
// start-up (a few ms) that a warm run would otherwise wait for.
class early_connections {
 public:
  explicit early_connections(std::optional<std::string> url) : url_(std::move(url)) {
    if (!url_ || database_of_url(*url_) != database::postgres) {
      url_.reset();
      return;
    }
    open_another();
  }
  early_connections(const early_connections&) = delete;
  early_connections& operator=(const early_connections&) = delete;
  ~early_connections() = default;

  // Starts opening one more connection.
  void open_another() {
    if (!url_) return;
    auto& slot = *slots_.emplace_back(std::make_unique<slot_type>());
    slot.thread = std::jthread([this, &slot] {
      try {
        slot.conn.emplace(sqlx::pg::connection::connect(*url_));
      } catch (...) {
        slot.failure = std::current_exception();
      }
    });
  }

  // The connections to `url` when they are the ones opened early (throws what opening the
  // first threw; one more that failed is left out, a server at its connection limit still
  // serves one); none otherwise, or when they were taken already.
  std::vector<sqlx::pg::connection> take(const std::string& url) {
    std::vector<sqlx::pg::connection> out;
    if (!url_ || *url_ != url) return out;
    for (auto& slot : slots_) slot->thread.join();  // before url_, which they read, is reset
    url_.reset();
    for (auto& slot : slots_) {
      if (slot->failure && out.empty()) std::rethrow_exception(slot->failure);
      if (slot->conn) out.push_back(std::move(*slot->conn));
    }
    return out;
  }

 private:
  struct slot_type {
    std::optional<sqlx::pg::connection> conn;
    std::exception_ptr failure;
    std::jthread thread;  // last: joined before the members it writes are destroyed
  };
  std::optional<std::string> url_;
  std::vector<std::unique_ptr<slot_type>> slots_;
};

// Whether a second connection is worth opening early: --jobs asks for it, or (by default, on
// two cores or more) the last run found enough queries that a warm run describes them on two
// connections (describe_on_target).
bool wants_second_connection(const prepare_options& options, const scan_cache& scanned) {
  if (options.jobs != 0) return options.jobs >= 2;
  return std::thread::hardware_concurrency() >= 2 && scanned.cached_queries() >= 512;
}

// Describes `texts` on the target's database: PostgreSQL in one pipeline, SQLite one
// sqlite3_prepare_v2 each. nullopt when there is no database to use.
template <typename Progress>
std::optional<std::vector<describe_result>> describe_on_target(
    const prepare_target& target, const std::vector<std::string>& texts, std::size_t jobs,
    nullability_cache* cache, const describe_trust& trust, early_connections& early,
    Progress progress) {
  const auto url = target_url(target);
  if (!target.temp_db && !url) return std::nullopt;
  const bool sqlite = target.temp_db ? target.temp_db_kind == database::sqlite
                                     : database_of_url(*url) == database::sqlite;
  if (sqlite) {
    auto db = target.temp_db ? sqlite_database::temporary(load_migrations(target))
                             : sqlite_database::open(*url);
    return core::sqlite::describe_queries(db.handle(), texts, progress);
  }
  phase_timer timer;
  database_target pg;
  if (target.temp_db) {
    pg = open_postgres_temp_db(target);
  } else {
    pg.url = *url;
  }
  // --jobs: more connections only pay for themselves with enough queries to share. Without
  // it, two when there are two cores and enough queries that a second connection's start-up
  // is repaid: from 512 when it was opened during the scan, else from 4,096 (measured in
  // docs/performance.md).
  auto conns = early.take(pg.url);
  if (jobs == 0) {
    const bool two = std::thread::hardware_concurrency() >= 2 &&
                     (texts.size() >= 4096 || (texts.size() >= 512 && conns.size() >= 2));
    jobs = two ? 2 : 1;
  }
  const std::size_t count = std::clamp<std::size_t>(texts.size() / 256, 1, jobs);
  if (conns.size() > count)
    conns.erase(conns.begin() + static_cast<std::ptrdiff_t>(count), conns.end());
  while (conns.size() < count) conns.push_back(sqlx::pg::connection::connect(pg.url));
  std::vector<sqlx::pg::connection*> pointers;
  for (auto& conn : conns) pointers.push_back(&conn);
  timer.mark(fmt::format("connect ({})", conns.size()));
  if (cache == nullptr) return describe_queries(pointers, texts, progress);
  auto results = describe_queries(pointers, texts, progress, cache, trust);
  timer.mark("cache (describe total)");
  cache->save();
  timer.mark("cache save");
  return results;
}

// Whether the target's database is SQLite (its queries' syntax and errors differ).
bool target_is_sqlite(const prepare_target& target) {
  if (target.temp_db) return target.temp_db_kind == database::sqlite;
  const auto url = target_url(target);
  return url && database_of_url(*url) == database::sqlite;
}

// The source directory's depth: a file under several targets' directories belongs to the
// target whose directory is the deepest.
std::size_t depth_of(const fs::path& dir) {
  std::error_code ec;
  const fs::path canonical = fs::weakly_canonical(fs::absolute(dir, ec), ec);
  return static_cast<std::size_t>(std::distance(canonical.begin(), canonical.end()));
}

// Each target's query occurrences. With one target, its sources scanned together.
std::vector<std::vector<query_occurrence>> scan_targets(const prepare_options& options,
                                                        scan_cache* cache) {
  const auto sources_of = [&](const prepare_target& t) {
    return t.sources.empty() ? std::vector<fs::path>{"."} : t.sources;
  };
  if (options.targets.size() == 1) {
    std::vector<std::vector<query_occurrence>> one;  // not {...}: that would copy
    one.push_back(scan_tree(sources_of(options.targets.front()), cache));
    return one;
  }
  struct claim {
    std::size_t target;
    std::size_t depth;
    query_occurrence occurrence;
  };
  std::vector<claim> claims;
  std::map<std::string, std::size_t> index;  // canonical file + position -> claim
  for (std::size_t t = 0; t < options.targets.size(); ++t) {
    for (const auto& dir : sources_of(options.targets[t])) {
      const std::size_t depth = depth_of(dir);
      for (auto& occurrence : scan_tree({dir}, cache)) {
        std::error_code ec;
        const std::string key = fmt::format(
            "{}:{}:{}", fs::weakly_canonical(fs::absolute(occurrence.file, ec), ec).string(),
            occurrence.literal_position.line, occurrence.literal_position.column);
        const auto [it, inserted] = index.try_emplace(key, claims.size());
        if (inserted) {
          claims.push_back({t, depth, std::move(occurrence)});
        } else if (claims[it->second].target != t) {
          claim& existing = claims[it->second];
          if (depth == existing.depth) {
            throw sqlx::error(fmt::format(
                "{}: in the sources of two databases (-D groups {} and {}): name each source "
                "directory in one group only",
                occurrence.file.string(), existing.target + 1, t + 1));
          }
          if (depth > existing.depth) existing = {t, depth, std::move(occurrence)};
        }
      }
    }
  }
  std::vector<std::vector<query_occurrence>> per_target(options.targets.size());
  for (auto& c : claims) per_target[c.target].push_back(std::move(c.occurrence));
  return per_target;
}

// Every accepted query's file content, rendered on one thread per core (rendering is a
// fair share of a warm run); empty for rejected queries.
std::vector<std::string> render_all(const std::vector<describe_result>& described) {
  std::vector<std::string> out(described.size());
  const auto render = [&](std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to; ++i) {
      if (described[i].description) out[i] = to_file_content(*described[i].description);
    }
  };
  const std::size_t threads =
      described.size() < 256 ? 1
                             : std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 4);
  std::vector<std::thread> workers;
  std::vector<std::exception_ptr> failures(threads);
  for (std::size_t k = 1; k < threads; ++k) {
    workers.emplace_back([&, k] {
      try {
        render(described.size() * k / threads, described.size() * (k + 1) / threads);
      } catch (...) {
        failures[k] = std::current_exception();
      }
    });
  }
  try {
    render(0, described.size() / threads);
  } catch (...) {
    failures[0] = std::current_exception();
  }
  for (auto& worker : workers) worker.join();
  for (const auto& failure : failures) {
    if (failure) std::rethrow_exception(failure);
  }
  return out;
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
                const std::vector<std::pair<std::string, const distinct_query*>>& queries_of) {
  // Built here only: a run that reports no difference does not need it.
  const std::unordered_map<std::string, const distinct_query*> by_file(queries_of.begin(),
                                                                       queries_of.end());
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
    core::phase_timer timer;
    early_connections early(target_url(options.targets.front()));
    // The caches the describe needs, read on the other core while this one scans.
    std::vector<std::optional<nullability_cache>> nullability(options.targets.size());
    std::optional<output_cache> loaded_outputs;
    std::exception_ptr load_failure;
    std::jthread loader([&] {
      try {
        loaded_outputs = output_cache::load(
            options.cache ? cache_file("output", options.out, 0) : std::nullopt, options.out);
        for (std::size_t t = 0; t < nullability.size() && options.cache; ++t) {
          if (auto file = cache_file("nullability", options.out, t)) {
            nullability[t] = nullability_cache::load(std::move(*file));
          }
        }
      } catch (...) {
        load_failure = std::current_exception();
      }
    });
    auto scanned =
        scan_cache::load(options.cache ? cache_file("scan", options.out, 0) : std::nullopt);
    if (wants_second_connection(options, scanned)) early.open_another();
    auto occurrences = scan_targets(options, &scanned);
    scanned.save();
    timer.mark("scan");
    loader.join();
    if (load_failure) std::rethrow_exception(load_failure);
    timer.mark("caches read (rest)");
    std::vector<std::vector<distinct_query>> queries;
    std::map<std::string, std::size_t> target_of_text;
    for (std::size_t t = 0; t < occurrences.size(); ++t) {
      queries.push_back(group_by_text(std::move(occurrences[t])));
      if (occurrences.size() == 1) break;
      for (const auto& q : queries.back()) {
        const auto [it, inserted] = target_of_text.try_emplace(q.text, t);
        if (inserted) continue;
        // One metadata file per query text: it cannot describe two databases' queries.
        const auto& here = q.occurrences.front();
        fmt::print(stderr,
                   "{}: error: this query text is also used with the database of -D group {}: "
                   "a metadata file is keyed by the query text; make the texts differ\n",
                   location(here, here.literal_position), it->second + 1);
        return 1;
      }
    }

    metadata_files files;
    // Each file's description digest (empty: none), for the output cache.
    std::vector<std::pair<std::string, std::string>> digests;
    auto& outputs = *loaded_outputs;
    std::size_t rendered_count = 0;
    std::vector<std::pair<std::string, const distinct_query*>> by_file;
    std::size_t rejected = 0;
    std::size_t total = 0;
    for (std::size_t t = 0; t < options.targets.size(); ++t) {
      // Each query's texts to describe: itself, or each combination of a dynamic query.
      std::vector<std::string> texts;
      texts.reserve(queries[t].size());
      std::vector<query_expansion> expansions;
      std::vector<std::vector<std::size_t>> text_of(queries[t].size());
      // A plain query's text: its file may be trusted (a dynamic query's files are not).
      std::vector<bool> plain;
      const bool sqlite = target_is_sqlite(options.targets[t]);
      for (std::size_t i = 0; i < queries[t].size(); ++i) {
        const auto& query = queries[t][i];
        auto expansion = expand_query(query.text, query.occurrences, sqlite);
        if (!expansion) {
          ++rejected;
          expansion.emplace();
        } else if (expansion->dynamic) {
          for (const auto& combination : expansion->combinations) {
            text_of[i].push_back(texts.size());
            texts.push_back(combination.text);
          }
        } else {
          text_of[i].push_back(texts.size());
          texts.push_back(query.text);
          plain.resize(texts.size());
          plain.back() = true;
        }
        expansions.push_back(std::move(*expansion));
      }
      total += queries[t].size();
      plain.resize(texts.size());
      // The plain queries' file names, and their stat, on another core while the server
      // describes: the description is all that trusting a file waits for then.
      std::vector<std::string> file_names(texts.size());
      std::exception_ptr examine_failure;
      std::jthread examiner([&] {
        try {
          for (std::size_t k = 0; k < texts.size(); ++k) {
            if (plain[k]) file_names[k] = metadata_file_name(texts[k]);
          }
          outputs.examine(file_names);
        } catch (...) {
          examine_failure = std::current_exception();
        }
      });
      const describe_trust trust = [&](std::size_t k, const std::string& digest) {
        if (examiner.joinable()) examiner.join();
        if (examine_failure) std::rethrow_exception(examine_failure);
        return plain[k] && outputs.trusts(file_names[k], digest);
      };
      std::optional<std::vector<describe_result>> described;
      {
        progress_line progress(texts.size());
        described = describe_on_target(
            options.targets[t], texts, options.jobs, nullability[t] ? &*nullability[t] : nullptr,
            trust, early, [&](std::size_t done, std::size_t all) { progress.update(done, all); });
      }
      if (examiner.joinable()) examiner.join();
      if (examine_failure) std::rethrow_exception(examine_failure);
      timer.mark("describe");
      if (!described) {
        fmt::print(stderr,
                   "sqlcheck: no database: pass -D URL, set DATABASE_URL (or put it in .env), "
                   "or use --temp-db to prepare against a throwaway database built from the "
                   "migrations\n");
        return 2;
      }
      auto rendered = render_all(*described);
      for (std::size_t i = 0; i < queries[t].size(); ++i) {
        const auto& query = queries[t][i];
        if (expansions[i].dynamic) {
          std::vector<const describe_result*> results;
          for (const std::size_t k : text_of[i]) results.push_back(&(*described)[k]);
          std::vector<std::string> names;
          if (!add_dynamic_files(expansions[i], query.occurrences, results, files, names)) {
            ++rejected;
          }
          for (const auto& name : names) by_file.emplace_back(name, &query);
          continue;
        }
        if (text_of[i].empty()) continue;  // its dynamic syntax was reported
        const std::size_t k = text_of[i].front();
        if ((*described)[k].error) {
          ++rejected;
          for (const auto& occurrence : query.occurrences) {
            report_server_error(occurrence, *(*described)[k].error);
          }
          continue;
        }
        const std::string name =
            file_names[k].empty() ? metadata_file_name(query.text) : file_names[k];
        if (!(*described)[k].trusted) ++rendered_count;
        files.emplace(name, std::move(rendered[k]));  // empty when trusted: not used
        digests.emplace_back(name, std::move((*described)[k].digest));
        by_file.emplace_back(name, &query);
      }
      keep_until_exit(std::move(texts));
      keep_until_exit(std::move(expansions));
      keep_until_exit(std::move(*described));
      keep_until_exit(std::move(rendered));
      keep_until_exit(std::move(file_names));
    }
    timer.mark("render");
    const auto leave_the_rest = [&] {
      keep_until_exit(std::move(queries));
      keep_until_exit(std::move(files));
      keep_until_exit(std::move(digests));
      keep_until_exit(std::move(by_file));
      keep_until_exit(std::move(nullability));
      keep_until_exit(std::move(outputs));
      keep_until_exit(std::move(scanned));
    };
    if (timer.enabled()) {
      fmt::print(stderr, "timing: sources: {} from the scan cache, {} read\n", scanned.hits(),
                 scanned.records());
      fmt::print(stderr, "timing: files: {} trusted, {} rendered\n", outputs.trusted().size(),
                 rendered_count);
    }
    if (rejected > 0) {
      fmt::print(stderr, "sqlcheck: {} of {} queries rejected by the database; {} left unchanged\n",
                 rejected, total, options.out.string());
      return 1;
    }

    if (options.check) {
      const auto diff = compare_metadata_dir(options.out, files, outputs.trusted());
      timer.mark("compare");
      // The files found right are recorded: the next check trusts them while unchanged.
      if (!diff.changed.empty() || !diff.missing.empty()) {
        std::unordered_set<std::string_view> wrong(diff.changed.begin(), diff.changed.end());
        wrong.insert(diff.missing.begin(), diff.missing.end());
        std::erase_if(digests, [&](const auto& file) { return wrong.contains(file.first); });
      }
      outputs.update(digests, false);
      timer.mark("output cache");
      if (diff.empty()) {
        fmt::print("sqlcheck: {} is up to date ({} queries)\n", options.out.string(), files.size());
        leave_the_rest();
        return 0;
      }
      print_diff(options.out, diff, by_file);
      fmt::print(stderr, "sqlcheck: {} is out of date: run `sqlcheck prepare`\n",
                 options.out.string());
      return 1;
    }
    if (options.keep_unused) {
      // Keep every file no query here uses: other targets' queries live in the same directory.
      for (const auto& name : compare_metadata_dir(options.out, files, outputs.trusted()).unused) {
        files.emplace(name, sqlx::detail::read_file(options.out / name));
      }
    }
    const auto diff = replace_metadata_dir(options.out, files, outputs.trusted());
    timer.mark("compare + write");
    outputs.update(digests, !diff.empty());
    timer.mark("output cache");
    fmt::print("sqlcheck: prepared {} queries into {} ({} new, {} changed, {} removed)\n",
               files.size(), options.out.string(), diff.missing.size(), diff.changed.size(),
               diff.unused.size());
    leave_the_rest();
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
