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
#include <time.h>

#include <algorithm>
#include <array>
#include <bit>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <optional>
#include <span>
#include <sqlx/migrate.hpp>
#include <sqlx/sqlx.hpp>
#include <string>
#include <string_view>
#include <vector>

#if defined(SQLX_CPP_BENCH_PQXX)
#include <pqxx/pqxx>
#endif

#include "runtime/internal/admin.hpp"
#include "server/cluster.hpp"
#include "sqlx/pg/connection.hpp"
#include "statistics.hpp"

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

}  // namespace bench

namespace {
using bench::median;
using bench::row;
using bench::timestamp;
using clock_type = std::chrono::steady_clock;

constexpr std::int64_t table_rows = 1'000'000;
constexpr std::int64_t insert_rows = 100'000;
constexpr std::int64_t insert_first_id = 10'000'001;
constexpr int lookups = 20'000;

// The statement texts, shared by the three implementations.
constexpr const char* fetch_sql = "SELECT id, name, created_at, note, score FROM bench_rows";
constexpr const char* insert_sql =
    "INSERT INTO bench_rows (id, name, created_at, note, score) VALUES ($1, $2, $3, $4, $5)";
constexpr const char* lookup_sql =
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

digest digest_of(const std::vector<row>& rows) {
  digest d;
  for (const row& r : rows) d.add(r);
  return d;
}

// The rows the insert workload writes: made once, outside the timings.
std::vector<row> rows_to_insert() {
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

std::vector<std::int64_t> lookup_ids() {
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

// ---------------------------------------------------------------------------------------------
// sqlx-cpp: checked queries.

struct sqlx_impl {
  sqlx::pg::connection conn;

  std::vector<row> fetch() {
    return SQLX_QUERY_AS(bench::row, "SELECT id, name, created_at, note, score FROM bench_rows")
        .fetch_all(conn);
  }

  std::optional<sqlx::pg::transaction> tx;

  void begin() { tx.emplace(sqlx::pg::begin(conn)); }

  void insert(std::span<const row> rows) {
    for (const row& r : rows) {
      (void)SQLX_QUERY(
          "INSERT INTO bench_rows (id, name, created_at, note, score) VALUES ($1, $2, $3, $4, $5)",
          r.id, r.name, r.created_at, r.note, r.score)
          .execute(*tx);
    }
  }

  void commit() {
    tx->commit();
    tx.reset();
  }

  void lookup(std::span<const std::int64_t> ids, digest& d) {
    for (const std::int64_t id : ids) {
      d.add(SQLX_QUERY_AS(bench::row,
                          "SELECT id, name, created_at, note, score FROM bench_rows WHERE id = $1",
                          id)
                .fetch_one(conn));
    }
  }
};

// ---------------------------------------------------------------------------------------------
// The floor: libpq by hand, binary parameters and results, statements prepared once.

constexpr std::int64_t pg_epoch_unix_us = 946'684'800'000'000;  // 2000-01-01 since 1970

std::uint64_t load_be64(const char* p) {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  return __builtin_bswap64(v);
}

void store_be64(char* p, std::uint64_t v) {
  v = __builtin_bswap64(v);
  std::memcpy(p, &v, 8);
}

struct raw_impl {
  PGconn* conn;

  void check(PGresult* r, ExecStatusType expected) {
    if (PQresultStatus(r) != expected) {
      fmt::print(stderr, "libpq: {}", PQresultErrorMessage(r));
      std::exit(1);
    }
  }

  void prepare() {
    const std::array<std::pair<const char*, const char*>, 3> statements{
        {{"fetch", fetch_sql}, {"insert", insert_sql}, {"lookup", lookup_sql}}};
    for (const auto& [name, sql] : statements) {
      PGresult* r = PQprepare(conn, name, sql, 0, nullptr);
      check(r, PGRES_COMMAND_OK);
      PQclear(r);
    }
  }

  static void read_row(const PGresult* r, int i, row& out) {
    out.id = static_cast<std::int64_t>(load_be64(PQgetvalue(r, i, 0)));
    out.name.assign(PQgetvalue(r, i, 1), static_cast<std::size_t>(PQgetlength(r, i, 1)));
    out.created_at = timestamp(std::chrono::microseconds(
        static_cast<std::int64_t>(load_be64(PQgetvalue(r, i, 2))) + pg_epoch_unix_us));
    if (PQgetisnull(r, i, 3) == 0) {
      out.note.emplace(PQgetvalue(r, i, 3), static_cast<std::size_t>(PQgetlength(r, i, 3)));
    }
    out.score = std::bit_cast<double>(load_be64(PQgetvalue(r, i, 4)));
  }

  std::vector<row> fetch() {
    PGresult* r = PQexecPrepared(conn, "fetch", 0, nullptr, nullptr, nullptr, 1);
    check(r, PGRES_TUPLES_OK);
    const int n = PQntuples(r);
    std::vector<row> rows(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) read_row(r, i, rows[static_cast<std::size_t>(i)]);
    PQclear(r);
    return rows;
  }

  void exec(const char* sql) {
    PGresult* r = PQexec(conn, sql);
    check(r, PGRES_COMMAND_OK);
    PQclear(r);
  }

  void begin() { exec("BEGIN"); }
  void commit() { exec("COMMIT"); }

  void insert(std::span<const row> rows) {
    std::array<char, 8> id{};
    std::array<char, 8> created{};
    std::array<char, 8> score{};
    constexpr std::array<int, 5> formats{1, 1, 1, 1, 1};
    for (const row& x : rows) {
      store_be64(id.data(), static_cast<std::uint64_t>(x.id));
      store_be64(created.data(), static_cast<std::uint64_t>(
                                     x.created_at.time_since_epoch().count() - pg_epoch_unix_us));
      store_be64(score.data(), std::bit_cast<std::uint64_t>(x.score));
      const std::array<const char*, 5> values{id.data(), x.name.data(), created.data(),
                                              x.note ? x.note->data() : nullptr, score.data()};
      const std::array<int, 5> lengths{8, static_cast<int>(x.name.size()), 8,
                                       x.note ? static_cast<int>(x.note->size()) : 0, 8};
      PGresult* r =
          PQexecPrepared(conn, "insert", 5, values.data(), lengths.data(), formats.data(), 1);
      check(r, PGRES_COMMAND_OK);
      PQclear(r);
    }
  }

  void lookup(std::span<const std::int64_t> ids, digest& d) {
    std::array<char, 8> id{};
    const char* value = id.data();
    constexpr int length = 8;
    constexpr int format = 1;
    for (const std::int64_t wanted : ids) {
      store_be64(id.data(), static_cast<std::uint64_t>(wanted));
      PGresult* r = PQexecPrepared(conn, "lookup", 1, &value, &length, &format, 1);
      check(r, PGRES_TUPLES_OK);
      if (PQntuples(r) != 1) {
        fmt::print(stderr, "libpq: no row for id {}\n", wanted);
        std::exit(1);
      }
      row out;
      read_row(r, 0, out);
      PQclear(r);
      d.add(out);
    }
  }
};

// ---------------------------------------------------------------------------------------------
// libpqxx 6.4: text format (its only one), values converted with as<>(); timestamps have no
// conversion in libpqxx 6, so they are parsed and formatted by hand, as its users must.

#if defined(SQLX_CPP_BENCH_PQXX)

int digits(const char*& p, int n) {
  int v = 0;
  for (int i = 0; i < n; ++i) v = v * 10 + (*p++ - '0');
  return v;
}

// "2024-01-01 00:00:01.000001+00" (the session's TimeZone is UTC).
timestamp parse_timestamptz(const char* p) {
  using namespace std::chrono;
  const int y = digits(p, 4);
  ++p;
  const int mo = digits(p, 2);
  ++p;
  const int d = digits(p, 2);
  ++p;
  const int h = digits(p, 2);
  ++p;
  const int mi = digits(p, 2);
  ++p;
  const int s = digits(p, 2);
  std::int64_t us = 0;
  if (*p == '.') {
    ++p;
    int n = 0;
    for (; *p >= '0' && *p <= '9'; ++p, ++n) us = us * 10 + (*p - '0');
    for (; n < 6; ++n) us *= 10;
  }
  std::int64_t offset_s = 0;  // "+HH", "+HH:MM"
  if (*p == '+' || *p == '-') {
    const int sign = *p++ == '-' ? -1 : 1;
    offset_s = digits(p, 2) * 3600;
    if (*p == ':') {
      ++p;
      offset_s += digits(p, 2) * 60;
    }
    offset_s *= sign;
  }
  const sys_days day{year(y) / month(static_cast<unsigned>(mo)) / static_cast<unsigned>(d)};
  return timestamp(day) + hours(h) + minutes(mi) + seconds(s - offset_s) + microseconds(us);
}

std::string format_timestamptz(timestamp t) {
  using namespace std::chrono;
  const auto day = floor<days>(t);
  const year_month_day ymd(day);
  const hh_mm_ss<microseconds> time(t - day);
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}.{:06}+00", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                     time.hours().count(), time.minutes().count(), time.seconds().count(),
                     time.subseconds().count());
}

struct pqxx_impl {
  pqxx::connection conn;

  explicit pqxx_impl(const std::string& url) : conn(url) {
    pqxx::nontransaction(conn).exec("SET TimeZone = 'UTC'");
    conn.prepare("insert", insert_sql);
    conn.prepare("lookup", lookup_sql);
  }

  static row read_row(const pqxx::row& r) {
    return row{r[0].as<std::int64_t>(), r[1].as<std::string>(), parse_timestamptz(r[2].c_str()),
               // libpqxx 6.4's as<std::optional<std::string>>() throws on NULL
               r[3].is_null() ? std::nullopt : std::optional(r[3].as<std::string>()),
               r[4].as<double>()};
  }

  std::vector<row> fetch() {
    pqxx::work w(conn);
    const pqxx::result r = w.exec(fetch_sql);
    std::vector<row> rows;
    rows.reserve(r.size());
    for (const auto& x : r) rows.push_back(read_row(x));
    w.commit();
    return rows;
  }

  std::optional<pqxx::work> tx;

  void begin() { tx.emplace(conn); }

  void insert(std::span<const row> rows) {
    for (const row& x : rows) {
      tx->exec_prepared("insert", x.id, x.name, format_timestamptz(x.created_at), x.note, x.score);
    }
  }

  void commit() {
    tx->commit();
    tx.reset();
  }

  void lookup(std::span<const std::int64_t> ids, digest& d) {
    pqxx::nontransaction w(conn);  // autocommit, as the other two
    for (const std::int64_t id : ids) d.add(read_row(w.exec_prepared1("lookup", id)));
  }
};
#endif

// ---------------------------------------------------------------------------------------------

double seconds_since(clock_type::time_point start) {
  return std::chrono::duration<double>(clock_type::now() - start).count();
}

// The CPU time of this process (user + system): the client's share of a run, which the
// server's work and the other processes on the machine disturb far less than the wall time.
double process_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

struct contender {
  std::string name;
  std::function<digest()> run;  // one timed run; returns what it read, for the cross-check
  std::vector<double> times;    // wall clock
  std::vector<double> cpu;      // client CPU
};

// Runs every contender once per round, in an order rotated each round, after one untimed
// warm-up run each (statements prepared, caches and the server's buffers warm). `between`
// runs untimed before each run.
void measure(std::vector<contender>& contenders, int rounds,
             const std::function<void()>& between = {}) {
  std::optional<digest> expected;
  const auto run_checked = [&](contender& c) {
    if (between) between();
    const double cpu_start = process_cpu_seconds();
    const auto start = clock_type::now();
    const digest d = c.run();
    const double t = seconds_since(start);
    c.cpu.push_back(process_cpu_seconds() - cpu_start);
    if (!expected) expected = d;
    if (!(d == *expected)) {
      fmt::print(stderr, "{} read different data than the others\n", c.name);
      std::exit(1);
    }
    return t;
  };
  for (contender& c : contenders) {
    (void)run_checked(c);
    c.cpu.clear();
  }
  for (int round = 0; round < rounds; ++round) {
    for (std::size_t k = 0; k < contenders.size(); ++k) {
      contender& c = contenders[(k + static_cast<std::size_t>(round)) % contenders.size()];
      c.times.push_back(run_checked(c));
    }
  }
}

// A workload of many small operations (inserts, look-ups), run by every implementation in the
// same round interleaved in chunks: each runs `chunk` operations in turn, in an order rotated
// each chunk, so that the noise of a shared machine falls on all of them alike. An
// implementation's time in a round is the sum of its own chunks (with its begin and end).
struct chunked {
  std::string name;
  std::function<void()> begin;                                    // e.g. BEGIN
  std::function<void(std::size_t first, std::size_t last)> step;  // operations [first, last)
  std::function<digest()> end;                                    // e.g. COMMIT; what it read
};

void measure_chunked(const std::vector<chunked>& workers, std::vector<contender>& results,
                     int rounds, std::size_t operations, std::size_t chunk,
                     const std::function<void()>& before_round = {}) {
  const std::size_t n = workers.size();
  results.clear();
  for (const chunked& w : workers) results.push_back({w.name, {}, {}, {}});
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
    std::optional<digest> expected;
    for (std::size_t k = 0; k < n; ++k) {
      digest d;
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

const contender* find(const std::vector<contender>& cs, std::string_view name) {
  const auto it = std::ranges::find(cs, name, &contender::name);
  return it == cs.end() ? nullptr : &*it;
}

void report(std::string_view workload, std::int64_t operations, const std::vector<contender>& cs) {
  const contender* sqlx = find(cs, "sqlx");
  for (const contender& c : cs) {
    const double t = median(c.times);
    const auto [lo, hi] = std::ranges::minmax(c.times);
    fmt::print("{:<8} {:<8} {:>10.1f} {:>10.1f} {:>10.1f} {:>12.0f} {:>9.2f}x {:>12.1f}\n",
               workload, c.name, t * 1e3, lo * 1e3, hi * 1e3, static_cast<double>(operations) / t,
               sqlx != nullptr ? t / median(sqlx->times) : 0.0, median(c.cpu) * 1e3);
  }
  // The ratio of each round's times (the two ran in the same round, side by side), its median
  // over the rounds; then the ratio of the medians, of the fastest runs and of the client CPU.
  const auto ratio = [](std::string_view label, const contender* a, const contender* b) {
    if (a == nullptr || b == nullptr) return;
    std::vector<double> paired;
    for (std::size_t i = 0; i < a->times.size(); ++i) paired.push_back(a->times[i] / b->times[i]);
    fmt::print("  {:<15} {:.3f} (of medians {:.3f}, of fastest runs {:.3f}, client CPU {:.3f})\n",
               label, median(paired), median(a->times) / median(b->times),
               std::ranges::min(a->times) / std::ranges::min(b->times),
               median(a->cpu) / median(b->cpu));
  };
  if (std::getenv("RUNTIME_BENCH_VERBOSE") != nullptr) {  // every run, in ms
    for (const contender& c : cs) {
      fmt::print("  {:<8} wall", c.name);
      for (const double t : c.times) fmt::print(" {:.0f}", t * 1e3);
      fmt::print(" | cpu");
      for (const double t : c.cpu) fmt::print(" {:.0f}", t * 1e3);
      fmt::print("\n");
    }
  }
  ratio("sqlx / libpq", sqlx, find(cs, "libpq"));
  ratio("libpqxx / sqlx", find(cs, "libpqxx"), sqlx);
  ratio("libpq-b / libpq", find(cs, "libpq-b"), find(cs, "libpq"));
  fmt::print("\n");
}

}  // namespace

int main(int argc, char** argv) {
  const int rounds = argc > 1 ? std::stoi(argv[1]) : 5;
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
                              table_rows));
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

  const std::vector<row> new_rows = rows_to_insert();
  const std::vector<std::int64_t> ids = lookup_ids();

  // The contenders of one workload, those picked on the command line.
  const auto contenders = [&](std::function<digest()> with_sqlx, std::function<digest()> with_raw,
                              [[maybe_unused]] std::function<digest()> with_pqxx) {
    std::vector<contender> cs;
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
  fmt::print("{:<8} {:<8} {:>10} {:>10} {:>10} {:>12} {:>10} {:>12}\n", "workload", "impl",
             "median ms", "min ms", "max ms", "ops/s", "vs sqlx", "client CPU");

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
    report("fetch", table_rows, cs);
  }
  // The chunked workloads' implementations, those picked on the command line.
  const auto workers = [&](std::vector<chunked> all) {
    std::erase_if(all, [&](const chunked& w) { return !implementation(w.name); });
    return all;
  };
  constexpr std::size_t chunk = 1000;

  if (workload("insert")) {
    // Each implementation inserts the same rows, each into its own range of ids (the three
    // transactions are open at once), 100,000 inserts in one transaction, then COMMIT.
    std::vector<std::vector<row>> rows_of(4, new_rows);
    for (std::size_t k = 0; k < rows_of.size(); ++k) {
      for (row& r : rows_of[k]) r.id += static_cast<std::int64_t>(k) * insert_rows;
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
              insert_first_id, insert_rows));
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
      const auto expected = std::to_string(first ? 0 : insert_rows * std::ssize(all));
      if (std::string_view(PQcmdTuples(deleted.get())) != expected) {
        fmt::print(stderr, "insert: a round did not insert every row\n");
        std::exit(1);
      }
      first = false;
      cleanup.execute("VACUUM bench_rows");
    };
    std::vector<contender> cs;
    measure_chunked(all, cs, rounds, insert_rows, chunk, reset);
    report("insert", insert_rows, cs);
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
    std::vector<contender> cs;
    measure_chunked(all, cs, rounds, lookups, chunk);
    report("lookup", lookups, cs);
  }
  PQfinish(raw.conn);
  if (control.conn != nullptr) PQfinish(control.conn);
  return 0;
}
