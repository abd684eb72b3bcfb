// The async runtime (sqlx::asio) against the blocking one, side by side on one throwaway
// server, medians of rounds run alternately (order rotated). Ratios, never timed assertions.
//
//   async_bench [rounds] [look-ups]     defaults: 5 rounds, 20,000 look-ups
//
// 1. Sequential primary-key look-ups from one coroutine on an async_connection against the same
//    look-ups on a blocking connection (target: within 1.10x).
// 2. The look-ups spread over 1,000 coroutines on one thread through an async_pool of 10,
//    against 10 threads through the blocking pool of 10: throughput, and the process's resident
//    memory growth during the run (sampled every millisecond).
// 3. 1,000 look-ups issued at once on one async_connection (pipelined) against the same 1,000
//    one after another on it (target: >= 5x); over loopback, then through a proxy of ours that
//    adds 1 ms in each direction (bench/delay_proxy.hpp). Beside it, the ceiling: the same
//    look-ups on raw libpq, one after another against pipelined with a Sync after each (what
//    the async runtime sends) and with one Sync for all (bench/libpq_pipeline.hpp).
//
// The look-up's metadata is bench/.sqlx-cpp/ (the same query as runtime_bench's).
#include <fmt/format.h>

#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <functional>
#include <optional>
#include <sqlx/asio.hpp>
#include <sqlx/migrate.hpp>
#include <string>
#include <thread>
#include <vector>

#include "delay_proxy.hpp"
#include "libpq_pipeline.hpp"
#include "runtime_bench/workload.hpp"
#include "server/cluster.hpp"
#include "statistics.hpp"

namespace {

namespace asio = boost::asio;
using asio::use_awaitable;
using clock_type = std::chrono::steady_clock;
constexpr std::int64_t table_rows = 10'000;

std::int64_t id_of(int i) {
  return (static_cast<std::int64_t>(i) * 104729) % table_rows + 1;
}

template <typename Executor>
std::int64_t look_up(Executor& executor, std::int64_t id) {
  return SQLX_QUERY_AS(bench::row,
                       "SELECT id, name, created_at, note, score FROM bench_rows WHERE id = $1", id)
      .fetch_one(executor)
      .id;
}

template <typename Executor>
asio::awaitable<std::int64_t> look_up_async(Executor& executor, std::int64_t id) {
  const bench::row r =
      co_await SQLX_QUERY_AS(
          bench::row, "SELECT id, name, created_at, note, score FROM bench_rows WHERE id = $1", id)
          .async_fetch_one(executor, use_awaitable);
  co_return r.id;
}

double seconds_since(clock_type::time_point start) {
  return std::chrono::duration<double>(clock_type::now() - start).count();
}

// The process's resident set in KiB.
long resident_kib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return 0;
}

// Runs `work` while a thread samples the resident set: the seconds it took and the largest
// growth above the start, in KiB.
struct measured {
  double seconds;
  long rss_growth_kib;
};
measured with_memory(const std::function<double()>& work) {
  const long base = resident_kib();
  std::atomic<bool> running{true};
  std::atomic<long> peak{base};
  std::thread sampler([&] {
    while (running) {
      peak = std::max(peak.load(), resident_kib());
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  });
  const double seconds = work();
  running = false;
  sampler.join();
  return {seconds, peak - base};
}

// Runs a coroutine to its end on a fresh io_context; returns what it returned.
template <typename T>
T run(const std::function<asio::awaitable<T>(asio::io_context&)>& body) {
  asio::io_context io;
  std::optional<T> out;
  std::exception_ptr failure;
  asio::co_spawn(io, body(io), [&](std::exception_ptr e, T value) {
    failure = e;
    out = value;
  });
  io.run();
  if (failure) std::rethrow_exception(failure);
  return *out;
}

}  // namespace

int main(int argc, char** argv) {
  const int rounds = argc > 1 ? std::stoi(argv[1]) : 5;
  const int total = argc > 2 ? std::stoi(argv[2]) : 20'000;
  const int coroutines = std::min(1000, total);
  const int pipelined = std::min(1000, total);

  auto cluster = sqlx::core::temp_cluster::start();
  const std::string url = cluster.url();
  {
    auto setup = sqlx::pg::connection::connect(url);
    (void)sqlx::migrator::from_directory(SQLX_CPP_BENCH_SCHEMA).run(setup);
    setup.execute(
        fmt::format("INSERT INTO bench_rows SELECT g, 'user ' || g, now(), NULL, g FROM "
                    "generate_series(1, {}) g",
                    table_rows));
    setup.execute("VACUUM ANALYZE bench_rows");
  }

  // 1. One caller, sequential look-ups.
  const auto blocking_sequential = [&] {
    auto conn = sqlx::pg::connection::connect(url);
    (void)look_up(conn, 1);  // prepared before the timing
    const auto start = clock_type::now();
    std::int64_t sum = 0;
    for (int i = 0; i < total; ++i) sum += look_up(conn, id_of(i));
    if (sum <= 0) throw std::runtime_error("no rows");
    return seconds_since(start);
  };
  const auto async_sequential = [&] {
    return run<double>([&](asio::io_context& io) -> asio::awaitable<double> {
      auto conn = co_await sqlx::pg::async_connection::open(io.get_executor(), url);
      (void)co_await look_up_async(conn, 1);
      const auto start = clock_type::now();
      std::int64_t sum = 0;
      for (int i = 0; i < total; ++i) sum += co_await look_up_async(conn, id_of(i));
      if (sum <= 0) throw std::runtime_error("no rows");
      co_return seconds_since(start);
    });
  };

  // 2. Many callers through a pool of 10.
  const auto blocking_threads = [&] {
    auto pool = sqlx::pg::pool_options{}.max_connections(10).min_connections(10).connect(url);
    return with_memory([&] {
      const auto start = clock_type::now();
      std::vector<std::thread> threads;
      std::atomic<std::int64_t> sum{0};
      for (int t = 0; t < 10; ++t) {
        threads.emplace_back([&, t] {
          std::int64_t s = 0;
          for (int i = t; i < total; i += 10) s += look_up(pool, id_of(i));
          sum += s;
        });
      }
      for (auto& t : threads) t.join();
      if (sum <= 0) throw std::runtime_error("no rows");
      return seconds_since(start);
    });
  };
  const auto async_coroutines = [&] {
    measured m{};
    m = with_memory([&] {
      return run<double>([&](asio::io_context& io) -> asio::awaitable<double> {
        auto pool = co_await sqlx::pg::async_pool::open(
            io.get_executor(), url,
            sqlx::pg::pool_options{}.max_connections(10).min_connections(10));
        const auto start = clock_type::now();
        int finished = 0;
        std::int64_t sum = 0;
        for (int c = 0; c < coroutines; ++c) {
          asio::co_spawn(
              io,
              [&, c]() -> asio::awaitable<void> {
                for (int i = c; i < total; i += coroutines)
                  sum += co_await look_up_async(pool, id_of(i));
                ++finished;
              },
              asio::detached);
        }
        asio::steady_timer tick(io);
        while (finished < coroutines) {
          tick.expires_after(std::chrono::microseconds(100));
          co_await tick.async_wait(use_awaitable);
        }
        if (sum <= 0) throw std::runtime_error("no rows");
        co_return seconds_since(start);
      });
    });
    return m;
  };

  // 3. 1,000 look-ups on one connection: pipelined against one after another.
  bench::delay_proxy proxy(cluster.port(), std::chrono::milliseconds(1));
  const std::string delayed_url =
      fmt::format("postgresql://postgres@127.0.0.1:{}/postgres", proxy.port());
  const auto one_connection = [&](bool concurrent, const std::string& target) {
    return run<double>([&, concurrent](asio::io_context& io) -> asio::awaitable<double> {
      auto conn = co_await sqlx::pg::async_connection::open(io.get_executor(), target);
      (void)co_await look_up_async(conn, 1);
      const auto start = clock_type::now();
      std::int64_t sum = 0;
      if (concurrent) {
        int finished = 0;
        for (int i = 0; i < pipelined; ++i) {
          asio::co_spawn(
              io,
              [&, i]() -> asio::awaitable<void> {
                sum += co_await look_up_async(conn, id_of(i));
                ++finished;
              },
              asio::detached);
        }
        asio::steady_timer tick(io);
        while (finished < pipelined) {
          tick.expires_after(std::chrono::microseconds(50));
          co_await tick.async_wait(use_awaitable);
        }
      } else {
        for (int i = 0; i < pipelined; ++i) sum += co_await look_up_async(conn, id_of(i));
      }
      if (sum <= 0) throw std::runtime_error("no rows");
      co_return seconds_since(start);
    });
  };

  bench::libpq_lookups raw(url);
  const auto libpq_run = [&](bench::libpq_mode mode) {
    const auto start = clock_type::now();
    if (raw.run(mode, pipelined, id_of) <= 0) throw std::runtime_error("no rows");
    return seconds_since(start);
  };

  std::vector<double> blocking1, async1, threads2, coroutines2, sequential3, pipelined3;
  std::vector<double> libpq_sequential, libpq_pipelined, libpq_batch;
  std::vector<double> threads_kib, coroutines_kib, sequential_delayed, pipelined_delayed;
  for (int round = 0; round < rounds; ++round) {
    // Alternate which side goes first.
    const bool flip = round % 2 == 1;
    if (flip) async1.push_back(async_sequential());
    blocking1.push_back(blocking_sequential());
    if (!flip) async1.push_back(async_sequential());
    if (flip) {
      const auto c = async_coroutines();
      coroutines2.push_back(c.seconds);
      coroutines_kib.push_back(static_cast<double>(c.rss_growth_kib));
    }
    const auto t = blocking_threads();
    threads2.push_back(t.seconds);
    threads_kib.push_back(static_cast<double>(t.rss_growth_kib));
    if (!flip) {
      const auto c = async_coroutines();
      coroutines2.push_back(c.seconds);
      coroutines_kib.push_back(static_cast<double>(c.rss_growth_kib));
    }
    if (flip) pipelined3.push_back(one_connection(true, url));
    sequential3.push_back(one_connection(false, url));
    if (!flip) pipelined3.push_back(one_connection(true, url));
    if (flip) libpq_pipelined.push_back(libpq_run(bench::libpq_mode::pipelined));
    libpq_sequential.push_back(libpq_run(bench::libpq_mode::sequential));
    if (!flip) libpq_pipelined.push_back(libpq_run(bench::libpq_mode::pipelined));
    libpq_batch.push_back(libpq_run(bench::libpq_mode::pipelined_batch));
    if (flip) pipelined_delayed.push_back(one_connection(true, delayed_url));
    sequential_delayed.push_back(one_connection(false, delayed_url));
    if (!flip) pipelined_delayed.push_back(one_connection(true, delayed_url));
  }

  using bench::median;
  fmt::print("medians of {} rounds, alternating\n\n", rounds);
  fmt::print("| comparison | baseline | async | async / baseline |\n|---|---:|---:|---:|\n");
  fmt::print(
      "| {} sequential look-ups, 1 caller: blocking connection vs 1 coroutine | {:.3f} s | "
      "{:.3f} s | **{:.3f}** (time) |\n",
      total, median(blocking1), median(async1), median(async1) / median(blocking1));
  const double threads_rate = total / median(threads2);
  const double coroutines_rate = total / median(coroutines2);
  fmt::print(
      "| {} look-ups, pool of 10: 10 threads (blocking pool) vs {} coroutines on 1 thread "
      "(async_pool) | {:.0f} /s | {:.0f} /s | **{:.3f}** (throughput) |\n",
      total, coroutines, threads_rate, coroutines_rate, coroutines_rate / threads_rate);
  fmt::print("| same, resident memory growth during the run | {:.0f} KiB | {:.0f} KiB | {:.3f} |\n",
             median(threads_kib), median(coroutines_kib),
             median(coroutines_kib) / std::max(1.0, median(threads_kib)));
  fmt::print(
      "| {} look-ups on 1 connection: one after another vs issued at once (pipelined) | "
      "{:.3f} s | {:.3f} s | **{:.2f}x faster** |\n",
      pipelined, median(sequential3), median(pipelined3), median(sequential3) / median(pipelined3));
  fmt::print(
      "| the ceiling: raw libpq, the same look-ups one after another vs pipelined, a Sync each | "
      "{:.3f} s | {:.3f} s | **{:.2f}x faster** |\n",
      median(libpq_sequential), median(libpq_pipelined),
      median(libpq_sequential) / median(libpq_pipelined));
  fmt::print(
      "| raw libpq, pipelined with one Sync for all | {:.3f} s | {:.3f} s | {:.2f}x faster |\n",
      median(libpq_sequential), median(libpq_batch),
      median(libpq_sequential) / median(libpq_batch));
  fmt::print(
      "| same, 1 ms added each way (delay proxy) | {:.3f} s | {:.3f} s | **{:.1f}x faster** |\n",
      median(sequential_delayed), median(pipelined_delayed),
      median(sequential_delayed) / median(pipelined_delayed));
  return 0;
}
