// Applying 200 small migrations to an empty database: sqlx::migrator in process and
// `sqlcheck migrate run`, against the same files run through psql in one session (the
// baseline: no tracking table, no checksums, no lock, one transaction per statement). Each
// round migrates three fresh databases of one throwaway server, in rotating order.
// Ratios, never timed assertions.
//
//   migrate_bench [rounds] [migrations]      defaults: 7 rounds, 200 migrations
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <functional>
#include <sqlx/migrate.hpp>
#include <string>
#include <vector>

#include "server/cluster.hpp"
#include "server/process.hpp"
#include "sqlx/pg/connection.hpp"
#include "statistics.hpp"

namespace {
using bench::median;
namespace fs = std::filesystem;
using clock_type = std::chrono::steady_clock;

// `count` migrations of the kind a service accumulates: a table, an index, a row.
std::vector<fs::path> write_migrations(const fs::path& dir, int count) {
  fs::create_directories(dir);
  std::vector<fs::path> files;
  for (int i = 1; i <= count; ++i) {
    files.push_back(dir / fmt::format("{:04}_table_{}.sql", i, i));
    const std::string sql = fmt::format(
        "-- table {0}\nCREATE TABLE t{0} (id int PRIMARY KEY, name text NOT NULL);\n"
        "CREATE INDEX t{0}_name ON t{0} (name);\nINSERT INTO t{0} VALUES (1, 'row {0}');\n",
        i);
    std::FILE* f = std::fopen(files.back().c_str(), "wb");
    std::fwrite(sql.data(), 1, sql.size(), f);
    std::fclose(f);
  }
  return files;
}

}  // namespace

int main(int argc, char** argv) {
  const int rounds = argc > 1 ? std::stoi(argv[1]) : 7;
  const int count = argc > 2 ? std::stoi(argv[2]) : 200;

  auto cluster = sqlx::core::temp_cluster::start();
  const fs::path dir = cluster.directory() / "bench-migrations";
  const auto files = write_migrations(dir, count);
  const fs::path beside_server = sqlx::core::find_server_binaries() / "psql";
  const std::string psql = fs::exists(beside_server) ? beside_server.string() : "psql";
  auto admin = sqlx::pg::connection::connect(cluster.url());
  int databases = 0;
  auto fresh = [&] {
    const std::string name = fmt::format("m{}", ++databases);
    admin.execute("CREATE DATABASE " + name);
    return name;
  };
  auto check = [](const sqlx::core::process_result& r, std::string_view what) {
    if (r.exit_code != 0) throw std::runtime_error(fmt::format("{} failed: {}", what, r.output));
  };

  struct contender {
    std::string name;
    std::function<void(const std::string& database)> run;
    std::vector<double> seconds;
  };
  std::vector<contender> contenders{
      {"psql, one session (baseline)",
       [&](const std::string& db) {
         std::vector<std::string> args{psql, "-X",           "-q", "-v", "ON_ERROR_STOP=1",
                                       "-d", cluster.url(db)};
         for (const auto& f : files) {
           args.emplace_back("-f");
           args.push_back(f.string());
         }
         check(sqlx::core::run_process(args), "psql");
       },
       {}},
      {"sqlx::migrator (in process, connect included)",
       [&](const std::string& db) {
         auto conn = sqlx::pg::connection::connect(cluster.url(db));
         (void)sqlx::migrator::from_directory(dir).run(conn);
       },
       {}},
      {"sqlcheck migrate run",
       [&](const std::string& db) {
         check(sqlx::core::run_process({SQLX_CPP_SQLCHECK, "migrate", "run", "--source",
                                        dir.string(), "-D", cluster.url(db)}),
               "sqlcheck migrate run");
       },
       {}},
  };
  for (int round = 0; round < rounds; ++round) {
    for (std::size_t k = 0; k < contenders.size(); ++k) {
      auto& c = contenders[(k + static_cast<std::size_t>(round)) % contenders.size()];
      const std::string db = fresh();
      const auto start = clock_type::now();
      c.run(db);
      c.seconds.push_back(std::chrono::duration<double>(clock_type::now() - start).count());
    }
  }
  const double baseline = median(contenders[0].seconds);
  fmt::print("{} migrations, medians of {} rounds\n", count, rounds);
  fmt::print("| | median | fastest | / psql (target <= 1.5) |\n|---|---:|---:|---:|\n");
  for (const auto& c : contenders) {
    fmt::print("| {} | {:.3f} s | {:.3f} s | **{:.2f}** |\n", c.name, median(c.seconds),
               std::ranges::min(c.seconds), median(c.seconds) / baseline);
  }
  return 0;
}
