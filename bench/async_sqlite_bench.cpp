// The SQLite async connection (a worker thread per connection, docs/async.md "SQLite") against
// the blocking SQLite connection, side by side in one run (bench/measure.hpp): 20,000
// primary-key look-ups, the async ones awaited one after another from one coroutine. The ratio
// is reported, not asserted: each async look-up pays two thread hand-offs (to the worker and
// back to the event loop). Usage: async_sqlite_bench [rounds] [lookups]. Figures in
// docs/performance.md ("Async SQLite").
#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <cstdint>
#include <filesystem>
#include <sqlx/asio.hpp>
#include <sqlx/sqlite.hpp>
#include <sqlx/sqlx.hpp>
#include <string>
#include <vector>

#include "measure.hpp"

// External linkage: clang's -Wundefined-internal rejects the field-name reflection of a struct
// with internal linkage.
namespace async_sqlite_bench {
struct row {
  std::int64_t id;
  std::string name;
  double score;
  std::int64_t created;
};
}  // namespace async_sqlite_bench

namespace {

namespace asio = boost::asio;
using async_sqlite_bench::row;

struct digest {
  std::int64_t count = 0;
  std::int64_t sum = 0;
  friend bool operator==(const digest&, const digest&) = default;
};

void add(digest& d, const row& r) {
  ++d.count;
  d.sum += r.id + r.created + static_cast<std::int64_t>(r.name.size());
}

}  // namespace

int main(int argc, char** argv) {
  const int rounds = argc > 1 ? std::atoi(argv[1]) : 7;
  const std::int64_t lookups = argc > 2 ? std::atoll(argv[2]) : 20'000;
  const std::int64_t table_rows = 100'000;

  const auto dir = std::filesystem::temp_directory_path() /
                   ("sqlx-cpp-async-sqlite-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string file = (dir / "bench.db").string();
  // The same options for both: sqlx's defaults plus WAL, as a service would run.
  const auto options = sqlx::sqlite::connect_options::parse("sqlite://" + file + "?mode=rwc")
                           .journal_mode(sqlx::sqlite::journal_mode::wal)
                           .synchronous(sqlx::sqlite::synchronous::normal);
  auto conn = options.connect();
  conn.execute(
      "CREATE TABLE bench_rows (id INTEGER PRIMARY KEY, name TEXT NOT NULL, score REAL NOT NULL, "
      "created INTEGER NOT NULL)");
  conn.execute("WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < " +
               std::to_string(table_rows) +
               ") INSERT INTO bench_rows SELECT n, 'name-' || n, n * 0.5, 1700000000 + n FROM c");

  asio::io_context io;
  auto async_conn = asio::co_spawn(
      io, sqlx::sqlite::async_connection::open(io.get_executor(), options), asio::use_future);
  io.run();
  io.restart();
  sqlx::sqlite::async_connection aconn = async_conn.get();

  std::vector<std::int64_t> keys;
  for (std::int64_t i = 0; i < lookups; ++i) keys.push_back(1 + (i * 7919) % table_rows);

  fmt::print("SQLite {} - async connection (worker thread) vs blocking connection, {} rounds\n",
             sqlite3_libversion(), rounds);
  bench::print_report_header("blocking");
  std::vector<bench::contender<digest>> cs;
  cs.push_back(
      {"blocking",
       [&] {
         digest d;
         for (const std::int64_t k : keys) {
           add(d,
               SQLX_QUERY_AS(row, "SELECT id, name, score, created FROM bench_rows WHERE id = ?", k)
                   .fetch_one(conn));
         }
         return d;
       },
       {},
       {}});
  cs.push_back(
      {"async",
       [&] {
         auto done = asio::co_spawn(
             io,
             [&]() -> asio::awaitable<digest> {
               digest d;
               for (const std::int64_t k : keys) {
                 add(d, co_await SQLX_QUERY_AS(
                            row, "SELECT id, name, score, created FROM bench_rows WHERE id = ?", k)
                            .async_fetch_one(aconn, asio::use_awaitable));
               }
               co_return d;
             },
             asio::use_future);
         io.run();
         io.restart();
         return done.get();
       },
       {},
       {}});
  bench::measure(cs, rounds);
  bench::report("lookup", lookups, cs, "blocking", {{"async", "blocking"}});

  aconn = sqlx::sqlite::async_connection();
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  return 0;
}
