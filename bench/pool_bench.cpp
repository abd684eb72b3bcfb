// Pool overhead: the same primary-key look-ups (a checked SQLX_QUERY_AS) with 1, 2, 8 and 64
// threads, once through a pool (acquire + query + release per look-up) and once on dedicated
// connections (one per thread, held for the whole run), alternately, on one throwaway server.
// The pool has as many connections as there are threads, all opened before the timing, so the
// difference is the pool's own work: its lock, its queue of waiters and, with
// test_before_acquire (sqlx's default, on), the ping. Ratios, never timed assertions.
//
//   pool_bench [rounds] [lookups per thread count]     defaults: 5 rounds, 20,000 look-ups
//
// The look-up's metadata is bench/.sqlx-cpp/ (the same query as runtime_bench's look-up).
#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <sqlx/sqlx.hpp>
#include <string>
#include <thread>
#include <vector>

#include "core/cluster.hpp"
#include "core/migration_files.hpp"
#include "core/pg.hpp"

namespace bench {
struct row {
  std::int64_t id;
  std::string name;
  std::chrono::sys_time<std::chrono::microseconds> created_at;
  std::optional<std::string> note;
  double score;
};
}  // namespace bench

namespace {
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

double median(std::vector<double> v) {
  std::ranges::sort(v);
  return v.size() % 2 == 1 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

}  // namespace

int main(int argc, char** argv) {
  const int rounds = argc > 1 ? std::stoi(argv[1]) : 5;
  const int total = argc > 2 ? std::stoi(argv[2]) : 20'000;

  auto cluster = sqlx::core::temp_cluster::start();
  const std::string url = cluster.url();
  {
    const auto setup = sqlx::core::pg_connection::connect(url);
    sqlx::core::apply_migrations(setup, sqlx::core::load_up_migrations(SQLX_CPP_BENCH_SCHEMA));
    setup.exec(
        fmt::format("INSERT INTO bench_rows SELECT g, 'user ' || g, now(), NULL, g FROM "
                    "generate_series(1, {}) g",
                    table_rows));
    setup.exec("VACUUM ANALYZE bench_rows");
  }
  const auto id_of = [](int thread, int i) {
    return (static_cast<std::int64_t>(thread) * 7919 + i * 104729) % table_rows + 1;
  };

  fmt::print("{} look-ups per run, split over the threads; medians of {} rounds\n", total, rounds);
  fmt::print(
      "| threads | dedicated | pool | pool / dedicated | pool, test_before_acquire | ratio |\n");
  fmt::print("|---:|---:|---:|---:|---:|---:|\n");
  for (const int threads : {1, 2, 8, 64}) {
    const int per_thread = total / threads;
    std::vector<sqlx::pg::connection> dedicated;
    for (int t = 0; t < threads; ++t) dedicated.push_back(sqlx::pg::connection::connect(url));
    const auto options = sqlx::pg::pool_options{}
                             .max_connections(static_cast<std::size_t>(threads))
                             .min_connections(static_cast<std::size_t>(threads));
    auto plain = sqlx::pg::pool_options(options).test_before_acquire(false).connect(url);
    auto pinging = sqlx::pg::pool_options(options).test_before_acquire(true).connect(url);
    // Warm every connection's statement cache, and let min_connections fill.
    for (int t = 0; t < threads; ++t) (void)look_up(dedicated[static_cast<std::size_t>(t)], 1);
    (void)timed(threads, 10, [&](int, int) { return look_up(plain, 1) + look_up(pinging, 1); });

    std::vector<double> d, p, q;
    for (int round = 0; round < rounds; ++round) {
      d.push_back(timed(threads, per_thread, [&](int t, int i) {
        return look_up(dedicated[static_cast<std::size_t>(t)], id_of(t, i));
      }));
      p.push_back(
          timed(threads, per_thread, [&](int t, int i) { return look_up(plain, id_of(t, i)); }));
      q.push_back(
          timed(threads, per_thread, [&](int t, int i) { return look_up(pinging, id_of(t, i)); }));
    }
    const double md = median(d), mp = median(p), mq = median(q);
    fmt::print("| {} | {:.3f} s | {:.3f} s | **{:.3f}** | {:.3f} s | {:.3f} |\n", threads, md, mp,
               mp / md, mq, mq / md);
  }
  return 0;
}
