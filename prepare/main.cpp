// sqlcheck: the command-line program of sqlx-cpp.
#include <fmt/format.h>

#include <charconv>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "generate_command.hpp"
#include "migrate_command.hpp"
#include "prepare_command.hpp"
#include "usage_error.hpp"
#include "vet_command.hpp"

namespace {

constexpr std::string_view usage =
    R"(sqlcheck - compile-time checked SQL for C++ (PostgreSQL, SQLite)

Usage:
  sqlcheck prepare [--source DIR]... [--out DIR] [-D URL] [--check] [--jobs N]
                   [--no-cache]
                   [--temp-db[=postgres|sqlite] [--migrations DIR]]
  sqlcheck prepare (-D URL | --temp-db=KIND) --source DIR... (-D URL ...) [--out DIR]
  sqlcheck generate [--metadata DIR] --out FILE [--online-source FILE]...
  sqlcheck generate [--metadata DIR] --out-dir DIR --source FILE... [--include-dir DIR]...
                    [--depfile FILE] [--online]
  sqlcheck migrate add [-r] [--sequential|--timestamp] [--source DIR] DESCRIPTION
  sqlcheck migrate run [--source DIR] [-D URL] [--target-version V] [--dry-run]
                       [--ignore-missing] [--schema S]
  sqlcheck migrate revert [--source DIR] [-D URL] [--target-version V] [--dry-run]
                          [--ignore-missing] [--schema S]
  sqlcheck migrate info [--source DIR] [-D URL] [--schema S]
  sqlcheck migrate embed [--source DIR] --out FILE [--function NAME]
  sqlcheck database create|drop|reset|setup [-D URL] [-y] [-f] [--source DIR]
  sqlcheck vet [--source DIR]... [-D URL] [--format text|sarif] [--config FILE]
               [--rule NAME=off|warning|error]... [--list-rules]

prepare   Scan C/C++ sources for SQLX_QUERY, SQLX_QUERY_AS and SQLX_QUERY_SCALAR, describe
          every query against PostgreSQL or SQLite (by the URL's scheme) and write one JSON
          file per query to .sqlx-cpp/. All or nothing: on any error the output directory
          is left as it was. A program using two databases repeats `-D URL --source DIR...`:
          each -D (or --temp-db) starts a group whose --source directories follow it; a file
          under two groups' directories belongs to the deeper directory's group.

generate  Write the header the compiler checks queries against from .sqlx-cpp/ (no
          database). sqlx_cpp_check() in CMake runs it; the file is rewritten only when
          its content changes. Online mode, as sqlx: unless SQLX_OFFLINE is true (1, true,
          TRUE, yes), when DATABASE_URL is set or in ./.env or a parent's .env, the
          --online-source files' new or changed queries are prepared into the metadata
          directory first (other files there are kept).
          With --out-dir (what sqlx_cpp_check() runs): one header per --source FILE,
          DIR/<file name>.<16 hex digits of the SHA-256 of its absolute path>.hpp, holding
          only the queries of FILE and of the headers it reaches through #include (quoted
          names from the including file's directory, then the --include-dir directories;
          every directive is followed, also under #if), so editing one query recompiles only
          the sources that use it. --depfile names every file read, for the build tool;
          --online prepares those files' queries first in online mode.

migrate   Migrations as sqlx-cli, over the same _sqlx_migrations table (docs/migrations.md):
          add creates <version>_<description>.sql (-r: .up.sql and .down.sql; version a
          timestamp, or sequential when the existing ones are or with --sequential);
          run applies the pending ones under an advisory lock (up to --target-version);
          revert runs the latest applied version's .down.sql (or every one above
          --target-version; 0 reverts all); info lists installed, pending and changed ones;
          embed writes a C++ source defining `sqlx::migrator NAME()` (default
          sqlx::embedded_migrations) that holds the files' bytes, for
          sqlx_cpp_embed_migrations() in CMake (rewritten only when it changes).
          --source DIR is the migrations directory (default: ./migrations), --schema S
          runs them in schema S (created if needed), --dry-run only says what would run.

database  create / drop the database of the URL (connecting to the server's `postgres`
          database); setup = create + migrate run; reset = drop + setup. drop and reset
          ask first unless -y; -f terminates the database's other connections first.

vet       Lint every tagged query against the live database (docs/vet.md): sequential
          scans of large tables in the generic plan, UPDATE/DELETE without WHERE, NOT IN
          over a nullable subquery, = NULL, SELECT *, joins on unindexed foreign keys.
          Prints file:line:col: warning|error: ... [sqlx-vet-RULE] (or SARIF 2.1.0 with
          --format sarif) and exits 1 when a finding is an error. Levels come from
          --config FILE (default: .sqlx-cpp/vet.json when present) and --rule NAME=LEVEL;
          `sqlx-vet: ignore=RULE` in a SQL comment of the query, or in a C++ comment on the
          macro's line or the line before it, silences a rule for that query.

Options:
  --source DIR       scan DIR (repeatable; default: the current directory; for generate
                     --out-dir: a source FILE to write a header for). Hidden
                     directories, .git and build directories are skipped
  --out DIR          where the metadata goes (default: ./.sqlx-cpp)
  -D, --database-url URL
                     the database (default: $DATABASE_URL, else DATABASE_URL in ./.env or
                     a parent directory's .env): postgres://... or sqlite://path/app.db,
                     sqlite:app.db, sqlite::memory: (?mode=ro|rw|rwc, as sqlx)
  --check            write nothing; list missing, changed and unused files and exit 1 if
                     the directory is not up to date (for CI)
  --temp-db[=KIND]   no server needed: start a throwaway PostgreSQL (KIND postgres, the
                     default) or create a temporary SQLite file (KIND sqlite), apply the
                     migrations, prepare against it and remove it
  --migrations DIR   migrations for --temp-db (default: ./migrations), sqlx naming:
                     <version>_<description>.sql or .up.sql, applied in version order
  --keep-unused      for prepare: do not remove files of queries not found
  --jobs N           for prepare: describe over N PostgreSQL connections at once (1-64;
                     default on 2 cores or more: 2 from 512 queries when the last run
                     found as many, else from 4,096; otherwise 1); the files are the
                     same as with one
  --no-cache         for prepare: do not reuse nullability answers of earlier runs (kept
                     in $XDG_CACHE_HOME/sqlx-cpp, and reused only when still valid)
  --metadata DIR     for generate: the metadata directory (default: ./.sqlx-cpp)
  --online-source F  for generate: a source to prepare first in online mode
  --out-dir DIR      for generate: write one header per --source FILE into DIR
  --include-dir DIR  for generate --out-dir: where #include names are looked up (repeatable)
  --depfile FILE     for generate --out-dir: write the files read as a Makefile-style depfile
  --online           for generate --out-dir: in online mode prepare the sources' queries first
  -h, --help         this text

Examples:
  sqlcheck prepare --temp-db                      # the usual local run, no set-up needed
  sqlcheck prepare -D postgres://app@localhost/app --source src --source include
  DATABASE_URL=postgres://ci@db/app sqlcheck prepare --check
  sqlcheck prepare -D sqlite://data/bot.db --source bot
  sqlcheck prepare -D postgres://app@db/app --source web -D sqlite:cache.db --source cache

Exit status: 0 success, 1 a check or an operation failed, 2 usage error.
)";

using sqlx::cli::usage_error;

int prepare_main(const std::vector<std::string_view>& args) {
  sqlx::cli::prepare_options options;
  // Each -D or --temp-db after the first database starts another target; --source and
  // --migrations belong to the latest one.
  auto target_for_database = [&]() -> sqlx::cli::prepare_target& {
    auto& last = options.targets.back();
    if (last.database_url || last.temp_db) options.targets.emplace_back();
    return options.targets.back();
  };
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    auto value = [&]() -> std::optional<std::string> {
      if (i + 1 >= args.size()) return std::nullopt;
      return std::string(args[++i]);
    };
    if (arg == "-h" || arg == "--help") {
      fmt::print("{}", usage);
      return 0;
    }
    if (arg == "--check") {
      options.check = true;
    } else if (arg == "--no-cache") {
      options.cache = false;
    } else if (arg == "--keep-unused") {
      options.keep_unused = true;
    } else if (arg == "--jobs" || arg == "-j") {
      const auto v = value();
      std::size_t jobs = 0;
      const char* end = v ? v->data() + v->size() : nullptr;
      if (!v || std::from_chars(v->data(), end, jobs).ptr != end || jobs == 0 || jobs > 64) {
        return usage_error(fmt::format("{} needs a number of connections from 1 to 64", arg));
      }
      options.jobs = jobs;
    } else if (arg == "--temp-db" || arg.starts_with("--temp-db=")) {
      const std::string_view kind = arg == "--temp-db" ? "postgres" : arg.substr(10);
      if (kind != "postgres" && kind != "sqlite") {
        return usage_error(fmt::format("--temp-db={}: expected postgres or sqlite", kind));
      }
      auto& target = target_for_database();
      target.temp_db = true;
      target.temp_db_kind =
          kind == "sqlite" ? sqlx::core::database::sqlite : sqlx::core::database::postgres;
    } else if (arg == "--source" || arg == "--out" || arg == "--migrations" || arg == "-D" ||
               arg == "--database-url") {
      auto v = value();
      if (!v) return usage_error(fmt::format("{} needs a value", arg));
      if (arg == "--source") options.targets.back().sources.emplace_back(*v);
      if (arg == "--out") options.out = *v;
      if (arg == "--migrations") options.targets.back().migrations = *v;
      if (arg == "-D" || arg == "--database-url") target_for_database().database_url = *v;
    } else {
      return usage_error(fmt::format("unknown argument `{}` for prepare", arg));
    }
  }
  for (const auto& target : options.targets) {
    if (target.migrations && !target.temp_db) {
      return usage_error("--migrations only applies with --temp-db (after it)");
    }
    if (options.targets.size() > 1 && target.sources.empty()) {
      return usage_error(
          "with several databases, each -D URL or --temp-db needs its --source directories "
          "after it");
    }
  }
  return sqlx::cli::run_prepare(options);
}

// The per-source arguments of generate; false for an argument that is not one of them.
bool parse_per_source_argument(const std::vector<std::string_view>& args, std::size_t& i,
                               sqlx::cli::per_source_options& options, bool& per_source) {
  const bool has_value = i + 1 < args.size();
  if (args[i] == "--online") {
    options.online = true;
    return true;
  }
  if (!has_value) return false;
  if (args[i] == "--out-dir") {
    options.out_dir = args[++i];
    per_source = true;
  } else if (args[i] == "--source") {
    options.sources.emplace_back(args[++i]);
  } else if (args[i] == "--include-dir") {
    options.include_dirs.emplace_back(args[++i]);
  } else if (args[i] == "--depfile") {
    options.depfile = std::filesystem::path(args[++i]);
  } else {
    return false;
  }
  return true;
}

int generate_main(const std::vector<std::string_view>& args) {
  sqlx::cli::per_source_options per_source_options;
  bool per_source = false;
  std::optional<std::filesystem::path> out;
  std::vector<std::filesystem::path> online_sources;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const bool has_value = i + 1 < args.size();
    if (args[i] == "--metadata" && has_value) {
      per_source_options.metadata_dir = args[++i];
    } else if (args[i] == "--out" && has_value) {
      out = std::filesystem::path(args[++i]);
    } else if (args[i] == "--online-source" && has_value) {
      online_sources.emplace_back(args[++i]);
    } else if (!parse_per_source_argument(args, i, per_source_options, per_source)) {
      return usage_error(fmt::format("unknown or incomplete argument `{}` for generate", args[i]));
    }
  }
  if (per_source) {
    if (out || !online_sources.empty()) {
      return usage_error("--out-dir excludes --out and --online-source (use --online)");
    }
    return sqlx::cli::run_generate_per_source(per_source_options);
  }
  if (!out) return usage_error("generate needs --out FILE or --out-dir DIR");
  if (!per_source_options.sources.empty() || !per_source_options.include_dirs.empty() ||
      per_source_options.depfile || per_source_options.online) {
    return usage_error("--source, --include-dir, --depfile and --online need --out-dir");
  }
  return sqlx::cli::run_generate(per_source_options.metadata_dir, *out, online_sources);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string_view> args(argv + 1, argv + argc);
  if (args.empty()) return usage_error("missing command");
  if (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
    fmt::print("{}", usage);
    return 0;
  }
  if (args[0] == "prepare") return prepare_main({args.begin() + 1, args.end()});
  if (args[0] == "generate") return generate_main({args.begin() + 1, args.end()});
  if (args[0] == "migrate") return sqlx::cli::migrate_main({args.begin() + 1, args.end()});
  if (args[0] == "database") return sqlx::cli::database_main({args.begin() + 1, args.end()});
  if (args[0] == "vet") return sqlx::cli::vet_main({args.begin() + 1, args.end()});
  return usage_error(fmt::format("unknown command `{}`", args[0]));
}
