// Checked queries on SQLite against hand-written sqlite3 C API code (prepared once, stepped,
// values read with sqlite3_column_* into the same structs), side by side in one run
// (bench/measure.hpp): fetch 1,000,000 rows into structs, 100,000 inserts in one transaction,
// 20,000 primary-key look-ups. Usage: sqlite_bench [rounds] [scale] (scale divides the sizes;
// --smoke: one round at 1/1000). Figures in docs/performance.md.
#include <sqlite3.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <sqlx/sqlite.hpp>
#include <sqlx/sqlx.hpp>
#include <string>
#include <vector>

#include "measure.hpp"

// The row struct has external linkage: clang's -Wundefined-internal rejects the field-name
// reflection of a struct with internal linkage.
namespace sqlite_bench {
struct row {
  std::int64_t id;
  std::string name;
  double score;
  std::int64_t created;
  friend bool operator==(const row&, const row&) = default;
};
}  // namespace sqlite_bench

namespace {

using sqlite_bench::row;

// What a run read: a digest the implementations must agree on.
struct digest {
  std::int64_t count = 0;
  std::int64_t sum = 0;
  friend bool operator==(const digest&, const digest&) = default;
};

digest digest_of(const std::vector<row>& rows) {
  digest d;
  for (const row& r : rows) {
    ++d.count;
    d.sum += r.id + r.created + static_cast<std::int64_t>(r.name.size()) +
             static_cast<std::int64_t>(r.score);
  }
  return d;
}

void check(int rc, sqlite3* db) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    fmt::print(stderr, "sqlite: {}\n", sqlite3_errmsg(db));
    std::exit(1);
  }
}

row read_row(sqlite3_stmt* s) {
  return row{sqlite3_column_int64(s, 0),
             std::string(reinterpret_cast<const char*>(sqlite3_column_text(s, 1)),
                         static_cast<std::size_t>(sqlite3_column_bytes(s, 1))),
             sqlite3_column_double(s, 2), sqlite3_column_int64(s, 3)};
}

}  // namespace

int main(int argc, char** argv) {
  const bool smoke = argc > 1 && std::string_view(argv[1]) == "--smoke";
  const int rounds = smoke ? 1 : (argc > 1 ? std::atoi(argv[1]) : 7);
  const std::int64_t scale = smoke ? 1000 : (argc > 2 ? std::atoll(argv[2]) : 1);
  const std::int64_t fetch_rows = 1'000'000 / scale;
  const std::int64_t inserts = 100'000 / scale;
  const std::int64_t lookups = 20'000 / scale;

  const auto dir = std::filesystem::temp_directory_path() /
                   ("sqlx-cpp-sqlite-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string file = (dir / "bench.db").string();
  // The same options for both: sqlx's defaults plus WAL, as a service would run.
  auto conn = sqlx::sqlite::connect_options::parse("sqlite://" + file + "?mode=rwc")
                  .journal_mode(sqlx::sqlite::journal_mode::wal)
                  .synchronous(sqlx::sqlite::synchronous::normal)
                  .connect();
  conn.execute(
      "CREATE TABLE bench_rows (id INTEGER PRIMARY KEY, name TEXT NOT NULL, score REAL NOT NULL, "
      "created INTEGER NOT NULL)");
  conn.execute("WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < " +
               std::to_string(fetch_rows) +
               ") INSERT INTO bench_rows SELECT n, 'name-' || n, n * 0.5, 1700000000 + n FROM c");

  sqlite3* raw = nullptr;
  check(sqlite3_open_v2(file.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr),
        raw);
  sqlite3_exec(raw, "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON", nullptr, nullptr,
               nullptr);
  // The inserts go to a file each: SQLite has one writer per database at a time, and the two
  // transactions are open side by side.
  const std::string insert_file = (dir / "insert.db").string();
  const std::string raw_insert_file = (dir / "insert_raw.db").string();
  const std::string insert_table =
      "CREATE TABLE bench_insert (id INTEGER PRIMARY KEY, name TEXT NOT NULL, score REAL NOT NULL)";
  auto insert_conn = sqlx::sqlite::connect_options::parse("sqlite://" + insert_file + "?mode=rwc")
                         .journal_mode(sqlx::sqlite::journal_mode::wal)
                         .synchronous(sqlx::sqlite::synchronous::normal)
                         .connect();
  insert_conn.execute(insert_table);
  sqlite3* raw_ins = nullptr;
  check(sqlite3_open_v2(raw_insert_file.c_str(), &raw_ins,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr),
        raw_ins);
  sqlite3_exec(raw_ins,
               ("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; " + insert_table).c_str(),
               nullptr, nullptr, nullptr);
  sqlite3_stmt* raw_fetch = nullptr;
  sqlite3_stmt* raw_lookup = nullptr;
  sqlite3_stmt* raw_insert = nullptr;
  check(sqlite3_prepare_v2(raw, "SELECT id, name, score, created FROM bench_rows", -1, &raw_fetch,
                           nullptr),
        raw);
  check(sqlite3_prepare_v2(raw, "SELECT id, name, score, created FROM bench_rows WHERE id = ?", -1,
                           &raw_lookup, nullptr),
        raw);
  check(sqlite3_prepare_v2(raw_ins, "INSERT INTO bench_insert (id, name, score) VALUES (?, ?, ?)",
                           -1, &raw_insert, nullptr),
        raw_ins);

  fmt::print("SQLite {} - {} rounds, sizes 1/{}\n", sqlite3_libversion(), rounds, scale);
  bench::print_report_header("sqlite3");

  {  // fetch all rows into structs
    std::vector<bench::contender<digest>> cs;
    cs.push_back({"sqlite3",
                  [&] {
                    std::vector<row> rows;
                    while (sqlite3_step(raw_fetch) == SQLITE_ROW)
                      rows.push_back(read_row(raw_fetch));
                    sqlite3_reset(raw_fetch);
                    return digest_of(rows);
                  },
                  {},
                  {}});
    cs.push_back({"sqlx",
                  [&] {
                    return digest_of(
                        SQLX_QUERY_AS(row, "SELECT id, name, score, created FROM bench_rows")
                            .fetch_all(conn));
                  },
                  {},
                  {}});
    bench::measure(cs, rounds);
    bench::report("fetch", fetch_rows, cs, "sqlite3", {{"sqlx", "sqlite3"}});
  }

  {  // inserts in one transaction
    std::int64_t base = 0;
    std::vector<bench::chunked<digest>> ws;
    ws.push_back({"sqlite3",
                  [&] { sqlite3_exec(raw_ins, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr); },
                  [&](std::size_t first, std::size_t last) {
                    for (std::size_t i = first; i < last; ++i) {
                      const std::int64_t id = base + static_cast<std::int64_t>(i);
                      const std::string name = "n" + std::to_string(id);
                      sqlite3_bind_int64(raw_insert, 1, id);
                      sqlite3_bind_text(raw_insert, 2, name.data(), static_cast<int>(name.size()),
                                        SQLITE_STATIC);
                      sqlite3_bind_double(raw_insert, 3, static_cast<double>(id) * 0.25);
                      check(sqlite3_step(raw_insert), raw_ins);
                      sqlite3_reset(raw_insert);
                    }
                  },
                  [&] {
                    sqlite3_exec(raw_ins, "ROLLBACK", nullptr, nullptr, nullptr);
                    return digest{static_cast<std::int64_t>(inserts), 0};
                  }});
    std::optional<sqlx::sqlite::transaction> tx;
    ws.push_back({"sqlx", [&] { tx.emplace(insert_conn); },
                  [&](std::size_t first, std::size_t last) {
                    for (std::size_t i = first; i < last; ++i) {
                      const std::int64_t id = base + static_cast<std::int64_t>(i);
                      (void)SQLX_QUERY(
                          "INSERT INTO bench_insert (id, name, score) VALUES (?, ?, ?)", id,
                          "n" + std::to_string(id), static_cast<double>(id) * 0.25)
                          .execute(*tx);
                    }
                  },
                  [&] {
                    tx->rollback();
                    tx.reset();
                    return digest{static_cast<std::int64_t>(inserts), 0};
                  }});
    std::vector<bench::contender<digest>> results;
    bench::measure_chunked(ws, results, rounds, static_cast<std::size_t>(inserts), 1000);
    bench::report("insert", inserts, results, "sqlite3", {{"sqlx", "sqlite3"}});
  }

  {  // primary-key look-ups
    std::vector<std::int64_t> keys;
    for (std::int64_t i = 0; i < lookups; ++i) keys.push_back(1 + (i * 7919) % fetch_rows);
    std::vector<bench::contender<digest>> cs;
    cs.push_back({"sqlite3",
                  [&] {
                    std::vector<row> rows;
                    rows.reserve(keys.size());
                    for (const std::int64_t k : keys) {
                      sqlite3_bind_int64(raw_lookup, 1, k);
                      if (sqlite3_step(raw_lookup) == SQLITE_ROW)
                        rows.push_back(read_row(raw_lookup));
                      sqlite3_reset(raw_lookup);
                    }
                    return digest_of(rows);
                  },
                  {},
                  {}});
    cs.push_back(
        {"sqlx",
         [&] {
           std::vector<row> rows;
           rows.reserve(keys.size());
           for (const std::int64_t k : keys) {
             rows.push_back(
                 SQLX_QUERY_AS(row, "SELECT id, name, score, created FROM bench_rows WHERE id = ?",
                               k)
                     .fetch_one(conn));
           }
           return digest_of(rows);
         },
         {},
         {}});
    bench::measure(cs, rounds);
    bench::report("lookup", lookups, cs, "sqlite3", {{"sqlx", "sqlite3"}});
  }

  sqlite3_finalize(raw_fetch);
  sqlite3_finalize(raw_lookup);
  sqlite3_finalize(raw_insert);
  sqlite3_close(raw);
  sqlite3_close(raw_ins);
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  return 0;
}
