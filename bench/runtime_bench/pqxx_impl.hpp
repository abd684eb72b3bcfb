// libpqxx 6.4 in the runtime benchmark: text format (its only one), values converted with
// as<>(); timestamps have no conversion in libpqxx 6, so they are parsed and formatted by hand,
// as its users must. Built only when libpqxx is installed (SQLX_CPP_BENCH_PQXX).
#pragma once

#include <fmt/format.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <pqxx/pqxx>
#include <span>
#include <string>
#include <vector>

#include "workload.hpp"

namespace bench {

inline int digits(const char*& p, int n) {
  int v = 0;
  for (int i = 0; i < n; ++i) v = v * 10 + (*p++ - '0');
  return v;
}

// "2024-01-01 00:00:01.000001+00" (the session's TimeZone is UTC).
inline timestamp parse_timestamptz(const char* p) {
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

inline std::string format_timestamptz(timestamp t) {
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

}  // namespace bench
