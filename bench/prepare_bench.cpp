// `sqlcheck prepare` end to end against the floor: one connection describing the same texts
// in libpq pipeline mode with nothing else around it. Both run in the same process against
// the same throwaway server, alternately, and the ratio is reported.
//
//   prepare_bench [N ...] [--scale N]   (default: 2000 10000)
#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string_view>
#include <vector>

#include "code_base.hpp"
#include "server/cluster.hpp"
#include "server/process.hpp"
#include "sqlx/pg/connection.hpp"

namespace {
namespace fs = std::filesystem;
using clock_type = std::chrono::steady_clock;

constexpr std::string_view schema = R"sql(
CREATE TYPE order_status AS ENUM ('pending', 'paid', 'shipped', 'cancelled');
CREATE TABLE customers (id bigserial PRIMARY KEY, email text NOT NULL UNIQUE, name text NOT NULL,
  phone text, created_at timestamptz NOT NULL DEFAULT now(), deleted_at timestamptz);
CREATE TABLE addresses (id bigserial PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers,
  line1 text NOT NULL, line2 text, city text NOT NULL, country char(2) NOT NULL);
CREATE TABLE products (id bigserial PRIMARY KEY, sku text NOT NULL UNIQUE, title text NOT NULL,
  price numeric(12,2) NOT NULL, tags text[] NOT NULL DEFAULT '{}', attributes jsonb);
CREATE TABLE orders (id bigserial PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers,
  address_id bigint REFERENCES addresses, status order_status NOT NULL, note text,
  placed_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE order_items (order_id bigint NOT NULL REFERENCES orders, product_id bigint NOT NULL
  REFERENCES products, quantity int4 NOT NULL, unit_price numeric(12,2) NOT NULL,
  PRIMARY KEY (order_id, product_id));
CREATE TABLE reviews (id bigserial PRIMARY KEY, product_id bigint NOT NULL REFERENCES products,
  customer_id bigint REFERENCES customers, stars int2 NOT NULL, body text);
CREATE VIEW order_totals AS SELECT o.id, o.customer_id, sum(i.quantity * i.unit_price) AS total
  FROM orders o LEFT JOIN order_items i ON i.order_id = o.id GROUP BY o.id;
)sql";

// Realistic shapes over the schema; `{0}` makes each text distinct.
constexpr std::string_view templates[] = {
    "SELECT id, email, name, phone FROM customers WHERE id = $1 AND created_at > now() - interval "
    "'{0} days'",
    "SELECT c.id, c.name, a.city, a.country FROM customers c LEFT JOIN addresses a ON "
    "a.customer_id = c.id WHERE c.id = ANY($1) LIMIT {0}",
    "SELECT o.id, o.status, o.placed_at, c.email FROM orders o JOIN customers c ON c.id = "
    "o.customer_id WHERE o.status = $1 ORDER BY o.placed_at DESC LIMIT {0}",
    "SELECT p.id, p.title, p.price, count(r.id) AS reviews, avg(r.stars) AS rating FROM products p "
    "LEFT JOIN reviews r ON r.product_id = p.id WHERE p.price < $1 + {0} GROUP BY p.id",
    "INSERT INTO orders (customer_id, address_id, status, note) VALUES ($1, $2, $3, $4) RETURNING "
    "id, placed_at, {0} AS batch",
    "UPDATE products SET price = price * $1, attributes = coalesce(attributes, '{{}}') || $2 WHERE "
    "id = $3 AND {0} > 0 RETURNING id, price",
    "DELETE FROM reviews WHERE product_id = $1 AND stars < {0} % 5 RETURNING id, body",
    "WITH recent AS (SELECT * FROM orders WHERE placed_at > $1) SELECT r.id, i.product_id, "
    "i.quantity FROM recent r LEFT JOIN order_items i ON i.order_id = r.id WHERE r.customer_id = "
    "{0}",
    "SELECT t.id, t.total, c.name FROM order_totals t JOIN customers c ON c.id = t.customer_id "
    "WHERE t.total > $1 OFFSET {0}",
    "SELECT sku, title, tags, attributes ->> 'color' AS color FROM products WHERE $1 = ANY(tags) "
    "AND id % {0} = 0",
};

// Sends what is queued, then reads results until the pipeline's Sync, handing each other
// result to `take`.
template <typename Take>
void read_until_sync(PGconn* conn, Take take) {
  for (bool finished = false; !finished;) {
    const int pending = PQflush(conn);
    PQconsumeInput(conn);
    bool progressed = false;
    while (!finished && PQisBusy(conn) == 0) {
      PGresult* result = PQgetResult(conn);
      if (result == nullptr) {
        if (!progressed) break;
        progressed = false;
        continue;
      }
      progressed = true;
      const auto status = PQresultStatus(result);
      if (status == PGRES_PIPELINE_SYNC) finished = true;
      if (status == PGRES_FATAL_ERROR) {
        fmt::print(stderr, "floor: {}", PQresultErrorMessage(result));
        std::exit(1);
      }
      if (status != PGRES_PIPELINE_SYNC) take(result);
      PQclear(result);
    }
    if (!finished && !progressed) {
      pollfd fd{PQsocket(conn), static_cast<short>(POLLIN | (pending == 1 ? POLLOUT : 0)), 0};
      poll(&fd, 1, -1);
    }
  }
}

std::string array_literal(const auto& values) {
  return fmt::format("{{{}}}", fmt::join(values, ","));
}

// The floor, as issue 14 defines it: Parse + Describe for every text under one Sync, then the
// catalog look-ups batched: every type's name and every origin column's name and NOT NULL, in
// one more pipelined round trip. No nullability inference, no files.
void describe_floor(PGconn* conn, const std::vector<std::string>& queries) {
  PQenterPipelineMode(conn);
  PQsetnonblocking(conn, 1);
  std::set<Oid> types;
  std::set<std::pair<Oid, int>> origins;
  for (const auto& query : queries) {
    PQsendPrepare(conn, "", query.c_str(), 0, nullptr);
    PQsendDescribePrepared(conn, "");
  }
  PQpipelineSync(conn);
  read_until_sync(conn, [&](const PGresult* result) {
    for (int i = 0; i < PQnparams(result); ++i) types.insert(PQparamtype(result, i));
    for (int i = 0; i < PQnfields(result); ++i) {
      types.insert(PQftype(result, i));
      if (PQftable(result, i) != InvalidOid)
        origins.insert({PQftable(result, i), PQftablecol(result, i)});
    }
  });
  std::vector<Oid> tables;
  std::vector<int> columns;
  for (const auto& [table, column] : origins) {
    tables.push_back(table);
    columns.push_back(column);
  }
  const std::string type_list = array_literal(types);
  const std::string table_list = array_literal(tables);
  const std::string column_list = array_literal(columns);
  const char* type_values[] = {type_list.c_str()};
  PQsendQueryParams(conn,
                    "SELECT t.oid, t.typname, n.nspname, t.typtype, t.typelem FROM pg_type t "
                    "JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.oid = ANY($1::oid[])",
                    1, nullptr, type_values, nullptr, nullptr, 0);
  const char* origin_values[] = {table_list.c_str(), column_list.c_str()};
  PQsendQueryParams(conn,
                    "SELECT c.relname, a.attname, a.attnotnull FROM unnest($1::oid[], $2::int2[]) "
                    "AS o(rel, num) JOIN pg_class c ON c.oid = o.rel JOIN pg_attribute a ON "
                    "a.attrelid = o.rel AND a.attnum = o.num",
                    2, nullptr, origin_values, nullptr, nullptr, 0);
  PQpipelineSync(conn);
  std::size_t rows = 0;
  read_until_sync(conn, [&](const PGresult* result) { rows += PQntuples(result); });
  if (rows == 0) std::exit(1);
  PQsetnonblocking(conn, 0);
  PQexitPipelineMode(conn);
}

double seconds_since(clock_type::time_point start) {
  return std::chrono::duration<double>(clock_type::now() - start).count();
}

double median(std::vector<double> values) {
  std::ranges::sort(values);
  return values[values.size() / 2];
}

// The files a prepare wrote, as (name, content): what the file floors create and read.
std::vector<std::pair<std::string, std::string>> load_files(const fs::path& dir) {
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    files.emplace_back(entry.path().filename().string(),
                       std::string(std::istreambuf_iterator<char>(in), {}));
  }
  return files;
}

// A plain program creating the files: open(O_CREAT) + write + close each, nothing else.
void create_files(const fs::path& dir,
                  const std::vector<std::pair<std::string, std::string>>& files) {
  fs::create_directory(dir);
  for (const auto& [name, content] : files) {
    const int fd = ::open((dir / name).c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0 ||
        ::write(fd, content.data(), content.size()) != static_cast<ssize_t>(content.size())) {
      fmt::print(stderr, "floor: cannot write {}\n", name);
      std::exit(1);
    }
    ::close(fd);
  }
}

// A plain program reading the files: open + read + close each.
std::size_t read_files(const fs::path& dir,
                       const std::vector<std::pair<std::string, std::string>>& files) {
  std::size_t total = 0;
  std::string buffer(1 << 16, '\0');
  for (const auto& [name, content] : files) {
    const int fd = ::open((dir / name).c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) std::exit(1);
    for (ssize_t n; (n = ::read(fd, buffer.data(), buffer.size())) > 0;)
      total += static_cast<std::size_t>(n);
    ::close(fd);
  }
  return total;
}

struct measured {
  std::vector<double> describe, create, read, cold, cold_no_cache, warm, warm_no_cache, check,
      rewarm;
};

}  // namespace

int main(int argc, char** argv) {
  // prepare_bench [N ...] [--scale N]: N queries cold/warm/check against the floors; --scale
  // N: warm prepare of N queries with --jobs 1, 2 and 4.
  // PREPARE_BENCH_WRAP="perf record -g -o F": runs each sqlcheck under that command (profiling).
  std::vector<std::size_t> sizes;
  std::vector<std::size_t> scale_sizes;
  for (int i = 1; i < argc; ++i) {
    if (std::string_view(argv[i]) == "--scale" && i + 1 < argc) {
      scale_sizes.push_back(std::stoul(argv[++i]));
    } else {
      sizes.push_back(std::stoul(argv[i]));
    }
  }
  if (sizes.empty() && scale_sizes.empty()) sizes = {2000, 10000};
  const int rounds = std::getenv("PREPARE_BENCH_ROUNDS") != nullptr
                         ? std::atoi(std::getenv("PREPARE_BENCH_ROUNDS"))
                         : 5;
  std::vector<std::string> wrap;
  if (const char* w = std::getenv("PREPARE_BENCH_WRAP")) {
    std::istringstream words(w);
    for (std::string word; words >> word;) wrap.push_back(word);
  }

  auto cluster = sqlx::core::temp_cluster::start();
  auto conn = sqlx::pg::connection::connect(cluster.url());
  conn.execute(std::string(schema));
  const fs::path work = cluster.directory() / "bench-project";

  const std::vector<std::string> environment = {"XDG_CACHE_HOME=" +
                                                (cluster.directory() / "cache").string()};
  const auto prepare = [&](std::vector<std::string> extra) {
    std::vector<std::string> command = wrap;
    for (const char* word : {SQLX_CPP_SQLCHECK, "prepare", "-D"}) command.emplace_back(word);
    command.push_back(cluster.url());
    command.insert(command.end(), extra.begin(), extra.end());
    const auto start = clock_type::now();
    const auto run = sqlx::core::run_process_in(work, command, environment);
    const double took = seconds_since(start);
    if (run.exit_code != 0) {
      fmt::print(stderr, "sqlcheck prepare failed:\n{}\n", run.output);
      std::exit(1);
    }
    return took;
  };

  // cold: .sqlx-cpp/ empty, every file is created; warm: .sqlx-cpp/ up to date, the usual
  // re-run before a commit; check: `prepare --check` (CI). Both with the nullability cache of
  // the previous run, and again with --no-cache ("nc": a fresh CI machine). Floors: the pipelined
  // describe plus creating (cold) or reading (warm, check) the same files with plain syscalls.
  // rewarm: warm again after the check - a re-run when the previous run changed nothing (the
  // first warm run after a cold one finds the files written in the cold run's last clock tick
  // "racy" and compares them in full, docs/prepare.md "The output cache").
  if (!sizes.empty()) {
    fmt::print(
        "{:>7} {:>9} {:>9} {:>9} {:>10} {:>9} {:>9} {:>10} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} "
        "{:>9}\n",
        "queries", "describe", "create", "read", "cold floor", "cold", "cold nc", "warm floor",
        "warm", "warm nc", "check", "rewarm", "cold/fl", "warm/fl", "rewarm/fl");
  }
  for (std::size_t n : sizes) {
    const auto queries = bench::generate_queries(templates, n);
    fs::remove_all(work);
    bench::write_sources(work, queries);
    (void)prepare({});
    const auto files = load_files(work / ".sqlx-cpp");
    // Beside the project, not in it: the scan would walk its files.
    const fs::path floor_dir = cluster.directory() / "floor-out";
    measured m;
    for (int round = 0; round < rounds; ++round) {
      auto start = clock_type::now();
      describe_floor(conn.native_handle(), queries);
      m.describe.push_back(seconds_since(start));
      fs::remove_all(floor_dir);
      ::sync();  // each creating step starts with nothing left to write back
      start = clock_type::now();
      create_files(floor_dir, files);
      m.create.push_back(seconds_since(start));
      start = clock_type::now();
      if (read_files(floor_dir, files) == 0) std::exit(1);
      m.read.push_back(seconds_since(start));
      fs::remove_all(work / ".sqlx-cpp");
      ::sync();
      m.cold_no_cache.push_back(prepare({"--no-cache"}));
      m.warm_no_cache.push_back(prepare({"--no-cache"}));
      fs::remove_all(work / ".sqlx-cpp");
      ::sync();
      m.cold.push_back(prepare({}));
      m.warm.push_back(prepare({}));
      m.check.push_back(prepare({"--check"}));
      m.rewarm.push_back(prepare({}));
    }
    const double describe = median(m.describe);
    const double create = median(m.create);
    const double read = median(m.read);
    const double cold = median(m.cold);
    const double warm = median(m.warm);
    const double rewarm = median(m.rewarm);
    fmt::print(
        "{:>7} {:>9.3f} {:>9.3f} {:>9.3f} {:>10.3f} {:>9.3f} {:>9.3f} {:>10.3f} {:>9.3f} {:>9.3f} "
        "{:>9.3f} {:>9.3f} {:>8.2f}x {:>8.2f}x {:>8.2f}x\n",
        n, describe, create, read, describe + create, cold, median(m.cold_no_cache),
        describe + read, warm, median(m.warm_no_cache), median(m.check), rewarm,
        cold / (describe + create), warm / (describe + read), rewarm / (describe + read));
    std::fflush(stdout);
  }
  for (std::size_t n : scale_sizes) {
    const auto queries = bench::generate_queries(templates, n);
    fs::remove_all(work);
    bench::write_sources(work, queries);
    (void)prepare({});
    std::vector<double> describe;
    std::vector<double> jobs[3];
    for (int round = 0; round < rounds; ++round) {
      const auto start = clock_type::now();
      describe_floor(conn.native_handle(), queries);
      describe.push_back(seconds_since(start));
      for (int j = 0; j < 3; ++j) jobs[j].push_back(prepare({"--jobs", std::to_string(1 << j)}));
    }
    fmt::print(
        "{} queries, warm: describe floor (1 connection) {:.3f} s; --jobs 1 {:.3f} s, "
        "--jobs 2 {:.3f} s ({:.2f}x), --jobs 4 {:.3f} s ({:.2f}x)\n",
        n, median(describe), median(jobs[0]), median(jobs[1]), median(jobs[0]) / median(jobs[1]),
        median(jobs[2]), median(jobs[0]) / median(jobs[2]));
    std::fflush(stdout);
  }
  return 0;
}
