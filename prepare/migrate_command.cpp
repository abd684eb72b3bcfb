#include "migrate_command.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <libpq-fe.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "embed_migrations.hpp"
#include "environment/database_url.hpp"
#include "environment/sqlite_url.hpp"
#include "output_file.hpp"
#include "runtime/internal/admin.hpp"
#include "runtime/internal/redact.hpp"
#include "runtime/internal/write_file.hpp"
#include "sqlite_admin.hpp"
#include "sqlx/error.hpp"
#include "sqlx/migrate.hpp"
#include "usage_error.hpp"

namespace sqlx::cli {
namespace fs = std::filesystem;
namespace {

int failure(const std::string& message) {
  fmt::print(stderr, "sqlcheck: error: {}\n", message);
  return 1;
}

struct common_options {
  std::optional<std::string> database_url;
  fs::path source = "migrations";
  std::optional<std::int64_t> target_version;
  std::optional<std::string> schema;
  std::optional<fs::path> out;                         // migrate embed
  std::string function = "sqlx::embedded_migrations";  // migrate embed
  bool dry_run = false;
  bool ignore_missing = false;
  bool yes = false;
  bool force = false;
  bool reversible = false;
  bool sequential = false;
  bool timestamp = false;
  std::vector<std::string> positional;
};

// Parses the flags `allowed` lists; returns an exit status on a usage error.
std::optional<int> parse(const std::vector<std::string_view>& args, std::string_view command,
                         std::string_view allowed, common_options& out) {
  auto allows = [&](std::string_view flag) {
    return allowed.find(std::string(flag) + " ") != std::string_view::npos;
  };
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    auto value = [&]() -> std::optional<std::string> {
      if (i + 1 >= args.size()) return std::nullopt;
      return std::string(args[++i]);
    };
    if (!arg.starts_with("-") || arg == "-") {
      out.positional.emplace_back(arg);
      continue;
    }
    std::string flag(arg);
    if (flag == "--database-url") flag = "-D";
    if (flag == "--reversible") flag = "-r";
    if (flag == "--sequential") flag = "-s";
    if (flag == "--timestamp") flag = "-t";
    if (flag == "--yes") flag = "-y";
    if (flag == "--force") flag = "-f";
    if (!allows(flag))
      return usage_error(fmt::format("unknown argument `{}` for {}", arg, command));
    if (flag == "-D" || flag == "--source" || flag == "--target-version" || flag == "--schema" ||
        flag == "--out" || flag == "--function") {
      auto v = value();
      if (!v) return usage_error(fmt::format("{} needs a value", arg));
      if (flag == "-D") out.database_url = *v;
      if (flag == "--source") out.source = *v;
      if (flag == "--schema") out.schema = *v;
      if (flag == "--out") out.out = *v;
      if (flag == "--function") out.function = *v;
      if (flag == "--target-version") {
        std::int64_t version = 0;
        const auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), version);
        if (ec != std::errc{} || end != v->data() + v->size()) {
          return usage_error(fmt::format("--target-version: `{}` is not a version number", *v));
        }
        out.target_version = version;
      }
    } else if (flag == "--dry-run") {
      out.dry_run = true;
    } else if (flag == "--ignore-missing") {
      out.ignore_missing = true;
    } else if (flag == "-y") {
      out.yes = true;
    } else if (flag == "-f") {
      out.force = true;
    } else if (flag == "-r") {
      out.reversible = true;
    } else if (flag == "-s") {
      out.sequential = true;
    } else if (flag == "-t") {
      out.timestamp = true;
    }
  }
  return std::nullopt;
}

std::optional<std::string> database_url(const common_options& options) {
  return core::resolve_database_url(options.database_url, fs::current_path());
}

constexpr std::string_view no_url =
    "no database: pass -D URL, set DATABASE_URL, or put DATABASE_URL in ./.env";

std::string label(migration_type type) {
  return type == migration_type::reversible_down ? "revert" : "migrate";
}

std::string duration(std::chrono::nanoseconds elapsed) {
  return fmt::format("{:.3f}ms", static_cast<double>(elapsed.count()) / 1e6);
}

void print_steps(const std::vector<migration_step>& steps) {
  for (const auto& step : steps) {
    std::string_view text = "Applied";
    if (step.what == migration_step::action::skipped) text = "Skipped";
    if (step.what == migration_step::action::would_apply ||
        step.what == migration_step::action::would_revert) {
      text = "Can apply";
    }
    fmt::print("{} {}/{} {} ({})\n", text, step.version, label(step.type), step.description,
               duration(step.elapsed));
  }
}

migrate_options to_migrate_options(const common_options& o) {
  migrate_options m;
  m.schema = o.schema;
  m.target_version = o.target_version;
  m.dry_run = o.dry_run;
  m.ignore_missing = o.ignore_missing;
  return m;
}

// Runs f with a connection to the URL's database: SQLite for a sqlite: URL, else PostgreSQL.
template <typename F>
decltype(auto) with_database(const std::string& url, F&& f) {
  if (sqlx::core::is_sqlite_url(url)) {
    auto conn = open_sqlite(url);
    return f(conn);
  }
  auto conn = pg::connection::connect(url);
  return f(conn);
}

int run_migrations(const common_options& o, const std::string& url) {
  const migrator m = migrator::from_directory(o.source);
  with_database(url, [&](auto& conn) { print_steps(m.run(conn, to_migrate_options(o))); });
  return 0;
}

// ---- migrate add ----

std::string utc_timestamp() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y%m%d%H%M%S", &tm);
  return text;
}

// sqlx-cli's choice: --timestamp, --sequential, else sequential when the existing versions
// are (the last two differ by one, or the only one is 0 or 1), else a timestamp.
std::string version_prefix(const common_options& o, const std::vector<migration>& existing) {
  std::vector<std::int64_t> versions;
  for (const auto& m : existing) {
    if (versions.empty() || versions.back() != m.version) versions.push_back(m.version);
  }
  if (o.timestamp) return utc_timestamp();
  if (o.sequential) return fmt::format("{:04}", versions.empty() ? 1 : versions.back() + 1);
  if (versions.size() >= 2 && versions.back() - versions[versions.size() - 2] == 1) {
    return fmt::format("{:04}", versions.back() + 1);
  }
  if (versions.size() == 1 && (versions.back() == 0 || versions.back() == 1)) {
    return fmt::format("{:04}", versions.back() + 1);
  }
  return utc_timestamp();
}

int add_main(const common_options& o) {
  if (o.positional.size() != 1) return usage_error("migrate add needs one DESCRIPTION");
  if (o.sequential && o.timestamp)
    return usage_error("--sequential and --timestamp exclude each other");
  fs::create_directories(o.source);
  const migrator existing = migrator::from_directory(o.source);
  const bool reversible =
      o.reversible || (!existing.migrations().empty() &&
                       existing.migrations().back().type != migration_type::simple);
  const std::string prefix = version_prefix(o, existing.migrations());
  std::string name = o.positional[0];
  std::ranges::replace(name, ' ', '_');
  auto create = [&](std::string_view suffix, std::string_view content) {
    const fs::path path = o.source / fmt::format("{}_{}{}", prefix, name, suffix);
    if (fs::exists(path)) throw sqlx::error(path.string() + " already exists");
    fmt::print("Creating {}\n", path.string());
    sqlx::detail::write_file(path, content);
  };
  if (reversible) {
    create(".up.sql", "-- Add up migration script here\n");
    create(".down.sql", "-- Add down migration script here\n");
  } else {
    create(".sql", "-- Add migration script here\n");
  }
  return 0;
}

// ---- migrate embed ----

int embed_main(const common_options& o) {
  if (!o.positional.empty()) {
    return usage_error(fmt::format("unexpected argument `{}` for migrate embed", o.positional[0]));
  }
  if (!o.out) return usage_error("migrate embed needs --out FILE");
  write_if_changed(*o.out,
                   embedded_migrations_source(migrator::from_directory(o.source), o.function));
  return 0;
}

int info_main(const common_options& o, const std::string& url) {
  const migrator m = migrator::from_directory(o.source);
  const auto statuses =
      with_database(url, [&](auto& conn) { return m.info(conn, to_migrate_options(o)); });
  for (const auto& s : statuses) {
    std::string status;
    switch (s.what) {
      case migration_status::state::applied:
        status = "installed";
        break;
      case migration_status::state::pending:
        status = "pending";
        break;
      case migration_status::state::checksum_changed:
        status = "installed (different checksum)";
        break;
      case migration_status::state::missing:
        status = "installed (missing from the source)";
        break;
    }
    if (s.dirty) status += " (dirty: failed part-way)";
    fmt::print("{}/{} {}\n", s.version, status, s.description);
    if (s.what == migration_status::state::checksum_changed) {
      fmt::print("applied migration had checksum {}\n", to_hex(s.applied_checksum));
      fmt::print("local migration has checksum {}\n", to_hex(s.local_checksum));
    }
  }
  return 0;
}

// ---- database ----

void create_database(const std::string& url) {
  if (sqlx::core::is_sqlite_url(url)) return create_sqlite_database(url);
  const auto target = pg::detail::parse_server_address(url);
  auto conn = pg::connection::connect(target.maintenance_conninfo());
  if (pg::detail::database_exists(conn, target.database)) return;
  conn.execute("CREATE DATABASE " + pg::detail::quote_identifier(target.database));
  fmt::print("Created database {}\n", pg::detail::redact_conninfo(target.database));
}

// Returns false when the user declined.
bool drop_database(const std::string& url, bool yes, bool force) {
  if (sqlx::core::is_sqlite_url(url)) return drop_sqlite_database(url, yes);
  const auto target = pg::detail::parse_server_address(url);
  if (!yes) {
    // The name too: a URL given as a key/value dbname is a name to libpq, password included.
    fmt::print("Drop database {} at {}? (y/N): ", pg::detail::redact_conninfo(target.database),
               pg::detail::redact_conninfo(url));
    std::fflush(stdout);
    std::string answer;
    if (!std::getline(std::cin, answer) || (answer != "y" && answer != "Y" && answer != "yes")) {
      return false;
    }
  }
  auto conn = pg::connection::connect(target.maintenance_conninfo());
  if (!pg::detail::database_exists(conn, target.database)) return true;
  if (force) pg::detail::terminate_sessions(conn, target.database);
  conn.execute("DROP DATABASE IF EXISTS " + pg::detail::quote_identifier(target.database));
  fmt::print("Dropped database {}\n", pg::detail::redact_conninfo(target.database));
  return true;
}

template <typename F>
int guarded(F&& f) {
  try {
    return std::forward<F>(f)();
  } catch (const std::exception& e) {
    return failure(e.what());
  }
}

}  // namespace

int migrate_main(const std::vector<std::string_view>& args) {
  if (args.empty()) {
    return usage_error("migrate needs a subcommand: add, run, revert, info or embed");
  }
  const std::string_view sub = args[0];
  const std::vector<std::string_view> rest(args.begin() + 1, args.end());
  common_options o;
  std::string_view allowed;
  if (sub == "add") {
    allowed = "--source -r -s -t ";
  } else if (sub == "run" || sub == "revert") {
    allowed = "--source -D --target-version --dry-run --ignore-missing --schema ";
  } else if (sub == "info") {
    allowed = "--source -D --schema ";
  } else if (sub == "embed") {
    allowed = "--source --out --function ";
  } else {
    return usage_error(fmt::format("unknown migrate subcommand `{}`", sub));
  }
  if (auto status = parse(rest, fmt::format("migrate {}", sub), allowed, o)) return *status;
  if (sub == "add") return guarded([&] { return add_main(o); });
  if (sub == "embed") return guarded([&] { return embed_main(o); });
  if (!o.positional.empty()) {
    return usage_error(
        fmt::format("unexpected argument `{}` for migrate {}", o.positional[0], sub));
  }
  return guarded([&] {
    const auto url = database_url(o);  // throws for a broken .env
    if (!url) return failure(std::string(no_url));
    if (sub == "info") return info_main(o, *url);
    if (sub == "run") return run_migrations(o, *url);
    const migrator m = migrator::from_directory(o.source);
    const auto steps =
        with_database(*url, [&](auto& conn) { return m.revert(conn, to_migrate_options(o)); });
    print_steps(steps);
    if (steps.empty()) fmt::print("No migrations available to revert\n");
    return 0;
  });
}

int database_main(const std::vector<std::string_view>& args) {
  if (args.empty()) {
    return usage_error("database needs a subcommand: create, drop, reset or setup");
  }
  const std::string_view sub = args[0];
  const std::vector<std::string_view> rest(args.begin() + 1, args.end());
  common_options o;
  std::string_view allowed;
  if (sub == "create") {
    allowed = "-D ";
  } else if (sub == "drop") {
    allowed = "-D -y -f ";
  } else if (sub == "reset") {
    allowed = "-D -y -f --source ";
  } else if (sub == "setup") {
    allowed = "-D --source ";
  } else {
    return usage_error(fmt::format("unknown database subcommand `{}`", sub));
  }
  if (auto status = parse(rest, fmt::format("database {}", sub), allowed, o)) return *status;
  if (!o.positional.empty()) {
    return usage_error(
        fmt::format("unexpected argument `{}` for database {}", o.positional[0], sub));
  }
  return guarded([&] {
    const auto url = database_url(o);  // throws for a broken .env
    if (!url) return failure(std::string(no_url));
    if (sub == "create") {
      create_database(*url);
      return 0;
    }
    if (sub == "drop" || sub == "reset") {
      if (!drop_database(*url, o.yes, o.force)) {
        fmt::print(stderr, "sqlcheck: not dropped\n");
        return 1;
      }
      if (sub == "drop") return 0;
    }
    create_database(*url);
    return run_migrations(o, *url);
  });
}

}  // namespace sqlx::cli
