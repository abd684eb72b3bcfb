// The runtime of checked queries against the floor - hand-written libpq with binary results
// and PQexecPrepared - and against libpqxx (text format, as<>() conversions), all three in
// the same process on the same throwaway server, each measurement repeated and reported as the
// median with the ratios. Ratios, never timed assertions. The fetch runs whole, alternately
// (the order rotated each round); inserts and look-ups are interleaved in chunks of 1,000
// operations, so that a shared machine's noise falls on the three alike.
//
//   runtime_bench [rounds] [fetch|insert|lookup|sqlx|libpq|libpqxx|libpq-b]...
//       rounds: default 5, each runs every picked implementation once; the other arguments
//       pick workloads and implementations (default: all of each, but libpq-b, an A/A
//       control: the floor again, on a second connection, run only when named).
//   runtime_bench --smoke
//       one round of tiny workloads: proves the benchmark runs (CTest label bench-smoke).
//   RUNTIME_BENCH_VERBOSE=1 prints every run's times.
//
// The workloads (docs/performance.md, "Runtime"):
//   fetch   all of bench_rows (1,000,000 rows of int8, text, timestamptz, nullable text,
//           float8) into a std::vector of structs
//   insert  100,000 single-row INSERTs in one transaction (then committed)
//   lookup  20,000 primary-key look-ups, one row each, autocommit
//
// The schema is bench/schema/0001_bench.sql; the checked queries' metadata is bench/.sqlx-cpp/
// (`sqlcheck prepare --temp-db --migrations bench/schema --source bench --out bench/.sqlx-cpp`).
#include <fmt/format.h>
#include <libpq-fe.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <span>
#include <sqlx/migrate.hpp>
#include <sqlx/sqlx.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "measure.hpp"
#include "runtime/internal/admin.hpp"
#include "runtime_bench/libpq_impl.hpp"
#include "runtime_bench/sqlx_impl.hpp"
#include "runtime_bench/workload.hpp"
#include "server/cluster.hpp"
#if defined(SQLX_CPP_BENCH_PQXX)
#include "runtime_bench/pqxx_impl.hpp"
#endif

using namespace bench;

int main(int argc, char** argv) {
  const bool smoke = argc == 2 && std::string_view(argv[1]) == "--smoke";
  const workload_sizes sizes = smoke ? smoke_sizes : measured_sizes;
  const int rounds = smoke ? 1 : argc > 1 ? std::stoi(argv[1]) : 5;
  if (smoke) argc = 1;
  // Further arguments pick workloads and implementations (default: all of each).
  const std::vector<std::string_view> picked(argv + std::min(argc, 2), argv + argc);
  const auto picks = [&](std::initializer_list<std::string_view> names, std::string_view name) {
    const bool any = std::ranges::any_of(
        picked, [&](std::string_view p) { return std::ranges::find(names, p) != names.end(); });
    return !any || std::ranges::find(picked, name) != picked.end();
  };
  const auto workload = [&](std::string_view name) {
    return picks({"fetch", "insert", "lookup"}, name);
  };
  const auto implementation = [&](std::string_view name) {
    return picks({"sqlx", "libpq", "libpqxx", "libpq-b"}, name) &&
           (name != "libpq-b" || std::ranges::find(picked, name) != picked.end());
  };

  const std::initializer_list<std::pair<std::string_view, std::string_view>> ratios = {
      {"sqlx", "libpq"}, {"libpqxx", "sqlx"}, {"libpq-b", "libpq"}};

  auto cluster = sqlx::core::temp_cluster::start();
  const std::string url = cluster.url();
  {
    auto setup = sqlx::pg::connection::connect(url);
    {
      auto conn = sqlx::pg::connection::connect(url);
      (void)sqlx::migrator::from_directory(SQLX_CPP_BENCH_SCHEMA).run(conn);
    }
    setup.execute(fmt::format(R"sql(
      INSERT INTO bench_rows (id, name, created_at, note, score)
      SELECT g, 'user ' || g,
             timestamptz '2024-01-01 00:00:00+00' + g * interval '1 second'
               + (g % 1000) * interval '1 microsecond',
             CASE WHEN g % 3 = 0 THEN NULL ELSE 'note ' || md5(g::text) END,
             (g % 10007) / 7.0
      FROM generate_series(1, {}) AS g
    )sql",
                              sizes.table_rows));
    setup.execute("VACUUM ANALYZE bench_rows");
  }

  sqlx_impl sqlx{sqlx::pg::connection::connect(url), {}};
  raw_impl raw{PQconnectdb(url.c_str())};
  if (PQstatus(raw.conn) != CONNECTION_OK) {
    fmt::print(stderr, "libpq: {}", PQerrorMessage(raw.conn));
    return 1;
  }
  raw.prepare();
  // An A/A control, only when named on the command line: the floor again on its own
  // connection. What separates it from "libpq" is the noise of the machine.
  raw_impl control{implementation("libpq-b") ? PQconnectdb(url.c_str()) : nullptr};
  if (control.conn != nullptr) control.prepare();
#if defined(SQLX_CPP_BENCH_PQXX)
  pqxx_impl pqxx_side(url);
#endif
  auto cleanup = sqlx::pg::connection::connect(url);

  const std::vector<row> new_rows = rows_to_insert(sizes.insert_rows);
  const std::vector<std::int64_t> ids = lookup_ids(sizes.lookups, sizes.table_rows);

  // The contenders of one workload, those picked on the command line.
  const auto contenders = [&](std::function<digest()> with_sqlx, std::function<digest()> with_raw,
                              [[maybe_unused]] std::function<digest()> with_pqxx) {
    std::vector<contender<digest>> cs;
    if (implementation("sqlx")) cs.push_back({"sqlx", std::move(with_sqlx), {}, {}});
    if (implementation("libpq")) cs.push_back({"libpq", std::move(with_raw), {}, {}});
    if (implementation("libpq-b")) {
      cs.push_back({"libpq-b", [&] { return digest_of(control.fetch()); }, {}, {}});
    }
#if defined(SQLX_CPP_BENCH_PQXX)
    if (implementation("libpqxx")) cs.push_back({"libpqxx", std::move(with_pqxx), {}, {}});
#endif
    return cs;
  };

  fmt::print(
      "runtime_bench: {} rounds; each round runs every implementation once, in rotated "
      "order; medians\n\n",
      rounds);
  print_report_header("sqlx");

  if (workload("fetch")) {
    auto cs =
        contenders([&] { return digest_of(sqlx.fetch()); }, [&] { return digest_of(raw.fetch()); },
#if defined(SQLX_CPP_BENCH_PQXX)
                   [&] { return digest_of(pqxx_side.fetch()); }
#else
                   {}
#endif
        );
    measure(cs, rounds);
    report("fetch", sizes.table_rows, cs, "sqlx", ratios);
  }
  // The chunked workloads' implementations, those picked on the command line.
  const auto workers = [&](std::vector<chunked<digest>> all) {
    std::erase_if(all, [&](const chunked<digest>& w) { return !implementation(w.name); });
    return all;
  };
  constexpr std::size_t chunk = 1000;

  if (workload("insert")) {
    // Each implementation inserts the same rows, each into its own range of ids (the three
    // transactions are open at once), 100,000 inserts in one transaction, then COMMIT.
    std::vector<std::vector<row>> rows_of(4, new_rows);
    for (std::size_t k = 0; k < rows_of.size(); ++k) {
      for (row& r : rows_of[k]) r.id += static_cast<std::int64_t>(k) * sizes.insert_rows;
    }
    const auto span_of = [&](std::size_t k, std::size_t first, std::size_t last) {
      return std::span<const row>(rows_of[k]).subspan(first, last - first);
    };
    auto all = workers({
      {"sqlx", [&] { sqlx.begin(); },
       [&](std::size_t a, std::size_t b) { sqlx.insert(span_of(0, a, b)); },
       [&] {
         sqlx.commit();
         return digest{};
       }},
          {"libpq", [&] { raw.begin(); },
           [&](std::size_t a, std::size_t b) { raw.insert(span_of(1, a, b)); },
           [&] {
             raw.commit();
             return digest{};
           }},
#if defined(SQLX_CPP_BENCH_PQXX)
          {"libpqxx", [&] { pqxx_side.begin(); },
           [&](std::size_t a, std::size_t b) { pqxx_side.insert(span_of(2, a, b)); },
           [&] {
             pqxx_side.commit();
             return digest{};
           }},
#endif
          {"libpq-b", [&] { control.begin(); },
           [&](std::size_t a, std::size_t b) { control.insert(span_of(3, a, b)); },
           [&] {
             control.commit();
             return digest{};
           }},
    });
    // Each round starts from the same table: the previous round's rows checked (every
    // implementation inserted the same rows), deleted and vacuumed away, untimed.
    bool first = true;
    const auto reset = [&] {
      const auto inserted = sqlx::pg::detail::exec_params(
          cleanup,
          fmt::format(
              "SELECT count(*), sum((id - {0}) % {1}), sum(hashtext(name || '|' || "
              "created_at::text "
              "|| '|' || coalesce(note, '<null>') || '|' || score::text)::int8) FROM bench_rows "
              "WHERE id >= {0} GROUP BY (id - {0}) / {1}",
              insert_first_id, sizes.insert_rows));
      for (int k = 1; k < PQntuples(inserted.get()); ++k) {
        for (int column = 0; column < 3; ++column) {
          if (std::string_view(PQgetvalue(inserted.get(), k, column)) !=
              PQgetvalue(inserted.get(), 0, column)) {
            fmt::print(stderr, "insert: the implementations inserted different rows\n");
            std::exit(1);
          }
        }
      }
      const auto deleted = sqlx::pg::detail::exec_params(
          cleanup, fmt::format("DELETE FROM bench_rows WHERE id >= {}", insert_first_id));
      const auto expected = std::to_string(first ? 0 : sizes.insert_rows * std::ssize(all));
      if (std::string_view(PQcmdTuples(deleted.get())) != expected) {
        fmt::print(stderr, "insert: a round did not insert every row\n");
        std::exit(1);
      }
      first = false;
      cleanup.execute("VACUUM bench_rows");
    };
    std::vector<contender<digest>> cs;
    measure_chunked(all, cs, rounds, static_cast<std::size_t>(sizes.insert_rows), chunk, reset);
    report("insert", sizes.insert_rows, cs, "sqlx", ratios);
    reset();
  }
  if (workload("lookup")) {
    digest sqlx_digest;
    digest raw_digest;
    [[maybe_unused]] digest pqxx_digest;
    digest control_digest;
    const auto ids_of = [&](std::size_t first, std::size_t last) {
      return std::span<const std::int64_t>(ids).subspan(first, last - first);
    };
    auto all = workers({
      {"sqlx", [&] { sqlx_digest = {}; },
       [&](std::size_t a, std::size_t b) { sqlx.lookup(ids_of(a, b), sqlx_digest); },
       [&] { return sqlx_digest; }},
          {"libpq", [&] { raw_digest = {}; },
           [&](std::size_t a, std::size_t b) { raw.lookup(ids_of(a, b), raw_digest); },
           [&] { return raw_digest; }},
#if defined(SQLX_CPP_BENCH_PQXX)
          {"libpqxx", [&] { pqxx_digest = {}; },
           [&](std::size_t a, std::size_t b) { pqxx_side.lookup(ids_of(a, b), pqxx_digest); },
           [&] { return pqxx_digest; }},
#endif
          {"libpq-b", [&] { control_digest = {}; },
           [&](std::size_t a, std::size_t b) { control.lookup(ids_of(a, b), control_digest); },
           [&] { return control_digest; }},
    });
    std::vector<contender<digest>> cs;
    measure_chunked(all, cs, rounds, static_cast<std::size_t>(sizes.lookups), chunk);
    report("lookup", sizes.lookups, cs, "sqlx", ratios);
  }
  PQfinish(raw.conn);
  if (control.conn != nullptr) PQfinish(control.conn);
  return 0;
}
