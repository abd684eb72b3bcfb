// sqlx-cpp in the runtime benchmark: the checked queries, as a user writes them.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <sqlx/sqlx.hpp>
#include <vector>

#include "workload.hpp"

namespace bench {

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

}  // namespace bench
