// The runtime benchmark's data: the row every implementation fills, the three workloads'
// statements and inputs, and the digest that proves each implementation did the same work.
#pragma once

#include <fmt/format.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bench {

using timestamp = std::chrono::sys_time<std::chrono::microseconds>;

// One row of bench_rows; every implementation fills the same struct.
struct row {
  std::int64_t id;
  std::string name;
  timestamp created_at;
  std::optional<std::string> note;
  double score;
};

// How much each workload does: the measured sizes, or tiny ones that only prove the benchmark
// still runs (`--smoke`, the CTest label bench-smoke).
struct workload_sizes {
  std::int64_t table_rows;
  std::int64_t insert_rows;
  int lookups;
};
inline constexpr workload_sizes measured_sizes{1'000'000, 100'000, 20'000};
inline constexpr workload_sizes smoke_sizes{2'000, 1'000, 1'000};

inline constexpr std::int64_t insert_first_id = 10'000'001;

// The statement texts, shared by the three implementations.
inline constexpr const char* fetch_sql = "SELECT id, name, created_at, note, score FROM bench_rows";
inline constexpr const char* insert_sql =
    "INSERT INTO bench_rows (id, name, created_at, note, score) VALUES ($1, $2, $3, $4, $5)";
inline constexpr const char* lookup_sql =
    "SELECT id, name, created_at, note, score FROM bench_rows WHERE id = $1";

// What every implementation must have read, so that all did the same work.
struct digest {
  std::int64_t ids = 0;
  std::uint64_t name_bytes = 0;
  std::uint64_t notes = 0;
  std::uint64_t note_bytes = 0;
  std::int64_t micros = 0;
  double score = 0;

  void add(const row& r) {
    ids += r.id;
    name_bytes += r.name.size();
    if (r.note) {
      ++notes;
      note_bytes += r.note->size();
    }
    micros += r.created_at.time_since_epoch().count();
    score += r.score;
  }
  friend bool operator==(const digest&, const digest&) = default;
};

inline digest digest_of(const std::vector<row>& rows) {
  digest d;
  for (const row& r : rows) d.add(r);
  return d;
}

// The rows the insert workload writes: made once, outside the timings.
inline std::vector<row> rows_to_insert(std::int64_t insert_rows) {
  std::vector<row> rows;
  rows.reserve(insert_rows);
  const timestamp base = std::chrono::sys_days(std::chrono::year(2024) / 6 / 1);
  for (std::int64_t i = 0; i < insert_rows; ++i) {
    std::optional<std::string> note;
    if (i % 3 != 0) note = fmt::format("inserted note number {:08} for the bench", i);
    rows.push_back(row{insert_first_id + i, fmt::format("new user {}", i),
                       base + std::chrono::microseconds(i * 1'000'003), std::move(note),
                       static_cast<double>(i) / 8.0});
  }
  return rows;
}

inline std::vector<std::int64_t> lookup_ids(int lookups, std::int64_t table_rows) {
  std::vector<std::int64_t> ids;
  ids.reserve(lookups);
  std::uint64_t x = 88172645463325252ULL;  // xorshift: the same ids in every run
  for (int i = 0; i < lookups; ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    ids.push_back(static_cast<std::int64_t>(x % table_rows) + 1);
  }
  return ids;
}

}  // namespace bench
