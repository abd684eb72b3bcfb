// Pool overhead: the same primary-key look-ups (a checked SQLX_QUERY_AS) with 1, 2, 8 and 64
// threads, once through a pool (acquire + query + release per look-up) and once on dedicated
// connections (one per thread, held for the whole run), alternately, on one throwaway server.
// The pool has as many connections as there are threads, all opened before the timing, so the
// difference is the pool's own work: its lock, its queue of waiters and its test_before_acquire
// check. Ratios, never timed assertions.
//
//   pool_bench [rounds] [look-ups per run]     defaults: 7 rounds, 20,000 look-ups
//
// Columns: dedicated connections; the pool as configured by default (test_before_acquire on);
// the pool without test_before_acquire; and an A/A control, dedicated connections again on a
// second set of connections, whose distance from the first is the machine's noise.
//
// The look-up's metadata is bench/.sqlx-cpp/ (the same query as runtime_bench's look-up).
#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <sqlx/migrate.hpp>
#include <sqlx/sqlx.hpp>
#include <string>
#include <thread>
#include <vector>

#include "runtime_bench/workload.hpp"
#include "server/cluster.hpp"
#include "sqlx/pg/connection.hpp"
#include "statistics.hpp"

namespace {
using bench::median;
using clock_type = std::chrono::steady_clock;
constexpr std::int64_t table_rows = 10'000;

template <typename Executor>
std::int64_t look_up(Executor& executor, std::int64_t id) {
  return SQLX_QUERY_AS(bench::row,
                       "SELECT id, name, created_at, note, score FROM bench_rows WHERE id = $1", id)
      .fetch_one(executor)
      .id;
}

// Runs `per_thread` look-ups on each of `threads` threads; `work(thread, i)` does one.
template <typename Work>
double timed(int threads, int per_thread, Work work) {
  std::atomic<std::int64_t> checksum{0};
  const auto start = clock_type::now();
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      std::int64_t sum = 0;
      for (int i = 0; i < per_thread; ++i) sum += work(t, i);
      checksum += sum;
    });
  }
  for (auto& w : workers) w.join();
  const double seconds = std::chrono::duration<double>(clock_type::now() - start).count();
  if (checksum.load() <= 0) throw std::runtime_error("look-ups returned nothing");
  return seconds;
}

}  // namespace

int main(int argc, char** argv) {
  const int rounds = argc > 1 ? std::stoi(argv[1]) : 7;
  const int total = argc > 2 ? std::stoi(argv[2]) : 20'000;

  auto cluster = sqlx::core::temp_cluster::start();
  const std::string url = cluster.url();
  {
    auto setup = sqlx::pg::connection::connect(url);
    {
      auto conn = sqlx::pg::connection::connect(url);
      (void)sqlx::migrator::from_directory(SQLX_CPP_BENCH_SCHEMA).run(conn);
    }
    setup.execute(
        fmt::format("INSERT INTO bench_rows SELECT g, 'user ' || g, now(), NULL, g FROM "
                    "generate_series(1, {}) g",
                    table_rows));
    setup.execute("VACUUM ANALYZE bench_rows");
  }
  const auto id_of = [](int thread, int i) {
    return (static_cast<std::int64_t>(thread) * 7919 + i * 104729) % table_rows + 1;
  };

  fmt::print("{} look-ups per run, split over the threads; medians of {} rounds, order rotated\n",
             total, rounds);
  fmt::print(
      "| threads | dedicated | pool (default) | pool / dedicated | pool, no test_before_acquire | "
      "ratio | A/A: dedicated-b / dedicated |\n|---:|---:|---:|---:|---:|---:|---:|\n");
  // Each run opens its own connections (outside the timing) and closes them after, so that the
  // server never holds more than one contender's (64 threads x 4 would pass its limit).
  const auto on_dedicated = [&](int threads, int per_thread) {
    std::vector<sqlx::pg::connection> connections;
    for (int t = 0; t < threads; ++t) {
      connections.push_back(sqlx::pg::connection::connect(url));
      (void)look_up(connections.back(), 1);  // prepared before the timing, as in the pool
    }
    return timed(threads, per_thread, [&](int t, int i) {
      return look_up(connections[static_cast<std::size_t>(t)], id_of(t, i));
    });
  };
  const auto on_pool = [&](bool test_before_acquire, int threads, int per_thread) {
    auto pool = sqlx::pg::pool_options{}
                    .max_connections(static_cast<std::size_t>(threads))
                    .min_connections(static_cast<std::size_t>(threads))
                    .test_before_acquire(test_before_acquire)
                    .connect(url);
    // Open and prepare on every connection before the timing.
    (void)timed(threads, 3, [&](int, int) { return look_up(pool, 1); });
    return timed(threads, per_thread, [&](int t, int i) { return look_up(pool, id_of(t, i)); });
  };
  for (const int threads : {1, 2, 8, 64}) {
    const int per_thread = total / threads;
    struct contender {
      std::function<double()> run;
      std::vector<double> seconds;
    };
    std::vector<contender> contenders{
        {[&] { return on_dedicated(threads, per_thread); }, {}},
        {[&] { return on_pool(true, threads, per_thread); }, {}},
        {[&] { return on_pool(false, threads, per_thread); }, {}},
        {[&] { return on_dedicated(threads, per_thread); }, {}},  // the A/A control
    };
    for (int round = 0; round < rounds; ++round) {
      for (std::size_t k = 0; k < contenders.size(); ++k) {
        auto& c = contenders[(k + static_cast<std::size_t>(round)) % contenders.size()];
        c.seconds.push_back(c.run());
      }
    }
    std::vector<double> m;
    for (const auto& c : contenders) m.push_back(median(c.seconds));
    fmt::print("| {} | {:.3f} s | {:.3f} s | **{:.3f}** | {:.3f} s | {:.3f} | {:.3f} |\n", threads,
               m[0], m[1], m[1] / m[0], m[2], m[2] / m[0], m[3] / m[0]);
  }
  return 0;
}
