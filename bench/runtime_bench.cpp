// The runtime of checked queries against the floor - hand-written libpq with binary results
// and PQexecPrepared - and against libpqxx (text format, as<>() conversions), all three in
// the same process on the same throwaway server, alternately, each measurement repeated and
// reported as the median with the ratios. Ratios, never timed assertions.
//
//   runtime_bench [rounds]       (default 5; each round runs every implementation once)
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
#include <sqlx/sqlx.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#if defined(SQLX_CPP_BENCH_PQXX)
#include <pqxx/pqxx>
#endif

#include "core/cluster.hpp"
#include "core/migration_files.hpp"
#include "core/pg.hpp"

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

  void insert(const std::vector<row>& rows) {
    auto tx = sqlx::pg::begin(conn);
    for (const row& r : rows) {
      (void)SQLX_QUERY(
          "INSERT INTO bench_rows (id, name, created_at, note, score) VALUES ($1, $2, $3, $4, $5)",
          r.id, r.name, r.created_at, r.note, r.score)
          .execute(tx);
    }
    tx.commit();
  }

  digest lookup(const std::vector<std::int64_t>& ids) {
    digest d;
    for (const std::int64_t id : ids) {
      d.add(SQLX_QUERY_AS(bench::row,
                          "SELECT id, name, created_at, note, score FROM bench_rows WHERE id = $1",
                          id)
                .fetch_one(conn));
    }
    return d;
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

  void insert(const std::vector<row>& rows) {
    exec("BEGIN");
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
      PGresult* r = PQexecPrepared(conn, "insert", 5, values.data(), lengths.data(),
                                   formats.data(), 1);
      check(r, PGRES_COMMAND_OK);
      PQclear(r);
    }
    exec("COMMIT");
  }

  digest lookup(const std::vector<std::int64_t>& ids) {
    digest d;
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
    return d;
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
               r[3].as<std::optional<std::string>>(), r[4].as<double>()};
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

  void insert(const std::vector<row>& rows) {
    pqxx::work w(conn);
    for (const row& x : rows) {
      w.exec_prepared("insert", x.id, x.name, format_timestamptz(x.created_at), x.note, x.score);
    }
    w.commit();
  }

  digest lookup(const std::vector<std::int64_t>& ids) {
    digest d;
    pqxx::nontransaction w(conn);  // autocommit, as the other two
    for (const std::int64_t id : ids) d.add(read_row(w.exec_prepared1("lookup", id)));
    return d;
  }
};
#endif

// ---------------------------------------------------------------------------------------------

double seconds_since(clock_type::time_point start) {
  return std::chrono::duration<double>(clock_type::now() - start).count();
}

double median(std::vector<double> values) {
  std::ranges::sort(values);
  const std::size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

struct contender {
  std::string name;
  std::function<digest()> run;  // one timed run; returns what it read, for the cross-check
  std::vector<double> times;
};

// Runs every contender once per round, in an order rotated each round, after one untimed
// warm-up run each (statements prepared, caches and the server's buffers warm). `between`
// runs untimed before each run.
void measure(std::vector<contender>& contenders, int rounds,
             const std::function<void()>& between = {}) {
  std::optional<digest> expected;
  const auto run_checked = [&](contender& c) {
    if (between) between();
    const auto start = clock_type::now();
    const digest d = c.run();
    const double t = seconds_since(start);
    if (!expected) expected = d;
    if (!(d == *expected)) {
      fmt::print(stderr, "{} read different data than the others\n", c.name);
      std::exit(1);
    }
    return t;
  };
  for (contender& c : contenders) (void)run_checked(c);
  for (int round = 0; round < rounds; ++round) {
    for (std::size_t k = 0; k < contenders.size(); ++k) {
      contender& c = contenders[(k + static_cast<std::size_t>(round)) % contenders.size()];
      c.times.push_back(run_checked(c));
    }
  }
}

void report(std::string_view workload, std::int64_t operations, std::vector<contender>& cs) {
  const double sqlx = median(cs[0].times);
  for (const contender& c : cs) {
    const double t = median(c.times);
    const auto [lo, hi] = std::ranges::minmax(c.times);
    fmt::print("{:<8} {:<8} {:>10.1f} {:>10.1f} {:>10.1f} {:>12.0f} {:>12.2f}x\n", workload, c.name,
               t * 1e3, lo * 1e3, hi * 1e3, static_cast<double>(operations) / t, t / sqlx);
  }
  if (cs.size() >= 2) {
    fmt::print("{:<8} sqlx / libpq = {:.3f}", workload, sqlx / median(cs[1].times));
    if (cs.size() >= 3) fmt::print(", libpqxx / sqlx = {:.2f}", median(cs[2].times) / sqlx);
    fmt::print("\n\n");
  }
}

}  // namespace

int main(int argc, char** argv) {
  const int rounds = argc > 1 ? std::stoi(argv[1]) : 5;

  auto cluster = sqlx::core::temp_cluster::start();
  const std::string url = cluster.url();
  {
    const auto setup = sqlx::core::pg_connection::connect(url);
    sqlx::core::apply_migrations(setup, sqlx::core::load_up_migrations(SQLX_CPP_BENCH_SCHEMA));
    setup.exec(fmt::format(R"sql(
      INSERT INTO bench_rows (id, name, created_at, note, score)
      SELECT g, 'user ' || g,
             timestamptz '2024-01-01 00:00:00+00' + g * interval '1 second'
               + (g % 1000) * interval '1 microsecond',
             CASE WHEN g % 3 = 0 THEN NULL ELSE 'note ' || md5(g::text) END,
             (g % 10007) / 7.0
      FROM generate_series(1, {}) AS g;
      VACUUM ANALYZE bench_rows;
    )sql",
                           table_rows));
  }

  sqlx_impl sqlx{sqlx::pg::connection::connect(url)};
  raw_impl raw{PQconnectdb(url.c_str())};
  if (PQstatus(raw.conn) != CONNECTION_OK) {
    fmt::print(stderr, "libpq: {}", PQerrorMessage(raw.conn));
    return 1;
  }
  raw.prepare();
#if defined(SQLX_CPP_BENCH_PQXX)
  pqxx_impl pqxx_side(url);
#endif
  const auto cleanup = sqlx::core::pg_connection::connect(url);

  const std::vector<row> new_rows = rows_to_insert();
  const std::vector<std::int64_t> ids = lookup_ids();

  fmt::print("runtime_bench: {} rounds, medians; each round runs every implementation once, "
             "in rotated order\n\n",
             rounds);
  fmt::print("{:<8} {:<8} {:>10} {:>10} {:>10} {:>12} {:>13}\n", "workload", "impl",
             "median ms", "min ms", "max ms", "ops/s", "vs sqlx");

  {
    std::vector<contender> cs{{"sqlx", [&] { return digest_of(sqlx.fetch()); }, {}},
                              {"libpq", [&] { return digest_of(raw.fetch()); }, {}}};
#if defined(SQLX_CPP_BENCH_PQXX)
    cs.push_back({"libpqxx", [&] { return digest_of(pqxx_side.fetch()); }, {}});
#endif
    measure(cs, rounds);
    report("fetch", table_rows, cs);
  }
  {
    // Each run starts from the same table: the previous run's rows deleted and vacuumed away.
    const auto reset = [&] {
      cleanup.exec(fmt::format("DELETE FROM bench_rows WHERE id >= {}", insert_first_id));
      cleanup.exec("VACUUM bench_rows");
    };
    const auto inserted = [&] {
      digest d;
      d.ids = sqlx::core::pg_connection::connect(url)
                  .exec_params("SELECT count(*)::text FROM bench_rows WHERE id >= $1",
                               {std::to_string(insert_first_id)})
                  .value(0, 0)
                  .size();  // not the count itself: a cheap check that the query ran
      return d;
    };
    (void)inserted;
    std::vector<contender> cs{{"sqlx", [&] { sqlx.insert(new_rows); return digest{}; }, {}},
                              {"libpq", [&] { raw.insert(new_rows); return digest{}; }, {}}};
#if defined(SQLX_CPP_BENCH_PQXX)
    cs.push_back({"libpqxx", [&] { pqxx_side.insert(new_rows); return digest{}; }, {}});
#endif
    measure(cs, rounds, reset);
    report("insert", insert_rows, cs);
    reset();
  }
  {
    std::vector<contender> cs{{"sqlx", [&] { return sqlx.lookup(ids); }, {}},
                              {"libpq", [&] { return raw.lookup(ids); }, {}}};
#if defined(SQLX_CPP_BENCH_PQXX)
    cs.push_back({"libpqxx", [&] { return pqxx_side.lookup(ids); }, {}});
#endif
    measure(cs, rounds);
    report("lookup", lookups, cs);
  }
  PQfinish(raw.conn);
  return 0;
}
