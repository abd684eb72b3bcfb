// The floor of the runtime benchmark: libpq by hand, binary parameters and results,
// statements prepared once.
#pragma once

#include <fmt/format.h>
#include <libpq-fe.h>

#include <array>
#include <bit>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <span>
#include <utility>
#include <vector>

#include "workload.hpp"

namespace bench {

inline constexpr std::int64_t pg_epoch_unix_us = 946'684'800'000'000;  // 2000-01-01 since 1970

inline std::uint64_t load_be64(const char* p) {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  return __builtin_bswap64(v);
}

inline void store_be64(char* p, std::uint64_t v) {
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

}  // namespace bench
