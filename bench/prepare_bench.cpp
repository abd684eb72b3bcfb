// `sqlcheck prepare` end to end against the floor: one connection describing the same texts
// in libpq pipeline mode with nothing else around it. Both run in the same process against
// the same throwaway server, alternately, and the ratio is reported.
//
//   prepare_bench [N ...]        (default: 2000 10000)
#include <fmt/format.h>
#include <poll.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
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

std::vector<std::string> generate_queries(std::size_t n) {
  std::vector<std::string> queries;
  queries.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    queries.push_back(fmt::format(fmt::runtime(templates[i % std::size(templates)]), i + 1));
  }
  return queries;
}

// The floor: Parse + Describe for every text, one Sync, read everything back.
void describe_floor(PGconn* conn, const std::vector<std::string>& queries) {
  PQenterPipelineMode(conn);
  PQsetnonblocking(conn, 1);
  std::size_t sent = 0;
  std::size_t results = 0;  // Parse and Describe answer once each per query
  bool synced = false;
  bool finished = false;
  while (!finished) {
    while (sent < queries.size() && sent - results / 2 < 1024) {
      PQsendPrepare(conn, "", queries[sent].c_str(), 0, nullptr);
      PQsendDescribePrepared(conn, "");
      ++sent;
    }
    if (sent == queries.size() && !synced) synced = PQpipelineSync(conn) == 1;
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
      if (status == PGRES_COMMAND_OK) ++results;
      PQclear(result);
    }
    if (!finished && !progressed) {
      pollfd fd{PQsocket(conn), static_cast<short>(POLLIN | (pending == 1 ? POLLOUT : 0)), 0};
      poll(&fd, 1, -1);
    }
  }
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

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::size_t> sizes;
  for (int i = 1; i < argc; ++i) sizes.push_back(std::stoul(argv[i]));
  if (sizes.empty()) sizes = {2000, 10000};
  constexpr int rounds = 5;

  auto cluster = sqlx::core::temp_cluster::start();
  auto conn = sqlx::pg::connection::connect(cluster.url());
  conn.execute(std::string(schema));
  const fs::path work = cluster.directory() / "bench-project";

  // cold: .sqlx-cpp/ empty, every file is created (file creation dominates on slow disks);
  // warm: .sqlx-cpp/ already up to date, the usual re-run before a commit and `--check` in CI.
  fmt::print("{:>7} {:>10} {:>10} {:>10} {:>12} {:>12} {:>8}\n", "queries", "floor s", "warm s",
             "cold s", "warm q/s", "cold q/s", "warm/floor");
  for (std::size_t n : sizes) {
    const auto queries = generate_queries(n);
    fs::remove_all(work);
    bench::write_sources(work, queries);
    std::vector<double> floor_times;
    std::vector<double> warm_times;
    std::vector<double> cold_times;
    const auto prepare = [&] {
      const auto start = clock_type::now();
      auto run = sqlx::core::run_process(
          {"env", "-C", work.string(), SQLX_CPP_SQLCHECK, "prepare", "-D", cluster.url()});
      if (run.exit_code != 0) {
        fmt::print(stderr, "sqlcheck prepare failed:\n{}\n", run.output);
        std::exit(1);
      }
      return seconds_since(start);
    };
    for (int round = 0; round < rounds; ++round) {
      const auto start = clock_type::now();
      describe_floor(conn.native_handle(), queries);
      floor_times.push_back(seconds_since(start));
      fs::remove_all(work / ".sqlx-cpp");
      cold_times.push_back(prepare());
      warm_times.push_back(prepare());
    }
    const double floor = median(floor_times);
    const double warm = median(warm_times);
    const double cold = median(cold_times);
    fmt::print("{:>7} {:>10.3f} {:>10.3f} {:>10.3f} {:>12.0f} {:>12.0f} {:>9.2f}x\n", n, floor,
               warm, cold, static_cast<double>(n) / warm, static_cast<double>(n) / cold,
               warm / floor);
  }
  return 0;
}
