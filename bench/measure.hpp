// Measuring implementations side by side: each round runs every contender, in an order rotated
// each round, and checks that all read the same data (a workload's digest). Reports medians
// and per-round ratios; never a timed assertion.
#pragma once

#include <fmt/format.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "statistics.hpp"

namespace bench {

using clock_type = std::chrono::steady_clock;

inline double seconds_since(clock_type::time_point start) {
  return std::chrono::duration<double>(clock_type::now() - start).count();
}

// The CPU time of this process (user + system): the client's share of a run, which the
// server's work and the other processes on the machine disturb far less than the wall time.
inline double process_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

template <typename Digest>
struct contender {
  std::string name;
  std::function<Digest()> run;  // one timed run; returns what it read, for the cross-check
  std::vector<double> times;    // wall clock
  std::vector<double> cpu;      // client CPU
};

// Runs every contender once per round, in an order rotated each round, after one untimed
// warm-up run each (statements prepared, caches and the server's buffers warm). `between`
// runs untimed before each run.
template <typename Digest>
void measure(std::vector<contender<Digest>>& contenders, int rounds,
             const std::function<void()>& between = {}) {
  std::optional<Digest> expected;
  const auto run_checked = [&](contender<Digest>& c) {
    if (between) between();
    const double cpu_start = process_cpu_seconds();
    const auto start = clock_type::now();
    const Digest d = c.run();
    const double t = seconds_since(start);
    c.cpu.push_back(process_cpu_seconds() - cpu_start);
    if (!expected) expected = d;
    if (!(d == *expected)) {
      fmt::print(stderr, "{} read different data than the others\n", c.name);
      std::exit(1);
    }
    return t;
  };
  for (contender<Digest>& c : contenders) {
    (void)run_checked(c);
    c.cpu.clear();
  }
  for (int round = 0; round < rounds; ++round) {
    for (std::size_t k = 0; k < contenders.size(); ++k) {
      contender<Digest>& c = contenders[(k + static_cast<std::size_t>(round)) % contenders.size()];
      c.times.push_back(run_checked(c));
    }
  }
}

// A workload of many small operations (inserts, look-ups), run by every implementation in the
// same round interleaved in chunks: each runs `chunk` operations in turn, in an order rotated
// each chunk, so that the noise of a shared machine falls on all of them alike. An
// implementation's time in a round is the sum of its own chunks (with its begin and end).
template <typename Digest>
struct chunked {
  std::string name;
  std::function<void()> begin;                                    // e.g. BEGIN
  std::function<void(std::size_t first, std::size_t last)> step;  // operations [first, last)
  std::function<Digest()> end;                                    // e.g. COMMIT; what it read
};

template <typename Digest>
void measure_chunked(const std::vector<chunked<Digest>>& workers,
                     std::vector<contender<Digest>>& results, int rounds, std::size_t operations,
                     std::size_t chunk, const std::function<void()>& before_round = {}) {
  const std::size_t n = workers.size();
  results.clear();
  for (const chunked<Digest>& w : workers) results.push_back({w.name, {}, {}, {}});
  // Round -1 warms up (statements prepared, caches filled) and is not counted.
  for (int round = -1; round < rounds; ++round) {
    if (before_round) before_round();
    std::vector<double> wall(n, 0.0);
    std::vector<double> cpu(n, 0.0);
    const auto timed = [&](std::size_t k, const auto& f) {
      const double cpu_start = process_cpu_seconds();
      const auto start = clock_type::now();
      f();
      wall[k] += seconds_since(start);
      cpu[k] += process_cpu_seconds() - cpu_start;
    };
    for (std::size_t k = 0; k < n; ++k) timed(k, workers[k].begin);
    for (std::size_t first = 0, c = 0; first < operations; first += chunk, ++c) {
      const std::size_t last = std::min(operations, first + chunk);
      for (std::size_t j = 0; j < n; ++j) {
        const std::size_t k = (j + c + static_cast<std::size_t>(round + 1)) % n;
        timed(k, [&] { workers[k].step(first, last); });
      }
    }
    std::optional<Digest> expected;
    for (std::size_t k = 0; k < n; ++k) {
      Digest d;
      timed(k, [&] { d = workers[k].end(); });
      if (!expected) expected = d;
      if (!(d == *expected)) {
        fmt::print(stderr, "{} read different data than the others\n", workers[k].name);
        std::exit(1);
      }
      if (round >= 0) {
        results[k].times.push_back(wall[k]);
        results[k].cpu.push_back(cpu[k]);
      }
    }
  }
}

template <typename Digest>
const contender<Digest>* find(const std::vector<contender<Digest>>& cs, std::string_view name) {
  const auto it = std::ranges::find(cs, name, &contender<Digest>::name);
  return it == cs.end() ? nullptr : &*it;
}

// The header of report()'s table.
inline void print_report_header(std::string_view reference) {
  fmt::print("{:<8} {:<8} {:>10} {:>10} {:>10} {:>12} {:>10} {:>12}\n", "workload", "impl",
             "median ms", "min ms", "max ms", "ops/s", fmt::format("vs {}", reference),
             "client CPU");
}

// One line per contender (its time relative to `reference`'s), then the ratios of the named
// pairs {a, b}: a's time over b's. Set BENCH_VERBOSE=1 to print every run's times.
template <typename Digest>
void report(std::string_view workload, std::int64_t operations,
            const std::vector<contender<Digest>>& cs, std::string_view reference,
            std::initializer_list<std::pair<std::string_view, std::string_view>> ratios) {
  const contender<Digest>* base = find(cs, reference);
  for (const contender<Digest>& c : cs) {
    const double t = median(c.times);
    const auto [lo, hi] = std::ranges::minmax(c.times);
    fmt::print("{:<8} {:<8} {:>10.1f} {:>10.1f} {:>10.1f} {:>12.0f} {:>9.2f}x {:>12.1f}\n",
               workload, c.name, t * 1e3, lo * 1e3, hi * 1e3, static_cast<double>(operations) / t,
               base != nullptr ? t / median(base->times) : 0.0, median(c.cpu) * 1e3);
  }
  if (std::getenv("BENCH_VERBOSE") != nullptr || std::getenv("RUNTIME_BENCH_VERBOSE") != nullptr) {
    for (const contender<Digest>& c : cs) {  // every run, in ms
      fmt::print("  {:<8} wall", c.name);
      for (const double t : c.times) fmt::print(" {:.0f}", t * 1e3);
      fmt::print(" | cpu");
      for (const double t : c.cpu) fmt::print(" {:.0f}", t * 1e3);
      fmt::print("\n");
    }
  }
  // The ratio of each round's times (the two ran in the same round, side by side), its median
  // over the rounds; then the ratio of the medians, of the fastest runs and of the client CPU.
  for (const auto& [a_name, b_name] : ratios) {
    const contender<Digest>* a = find(cs, a_name);
    const contender<Digest>* b = find(cs, b_name);
    if (a == nullptr || b == nullptr) continue;
    std::vector<double> paired;
    for (std::size_t i = 0; i < a->times.size(); ++i) paired.push_back(a->times[i] / b->times[i]);
    fmt::print(
        "  {:<15} {:.3f} (of medians {:.3f}, of fastest runs {:.3f}, client CPU {:.3f})\n",
        fmt::format("{} / {}", a_name, b_name), median(paired), median(a->times) / median(b->times),
        std::ranges::min(a->times) / std::ranges::min(b->times), median(a->cpu) / median(b->cpu));
  }
  fmt::print("\n");
}

}  // namespace bench
