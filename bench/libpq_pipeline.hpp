// The same primary-key look-ups on raw libpq, one after another or in pipeline mode: the
// ceiling for the async runtime's pipelining figure, measured on the same server in the same
// run (what removing round trips can gain over this link is libpq's and the server's, not ours).
#pragma once

#include <libpq-fe.h>
#include <poll.h>

#include <cstdint>
#include <stdexcept>
#include <string>

namespace bench {

enum class libpq_mode {
  sequential,       // PQexecPrepared per look-up: one round trip each
  pipelined,        // all sent at once, a Sync after each (what the async runtime sends)
  pipelined_batch,  // all sent at once, one Sync at the end (one implicit transaction)
};

class libpq_lookups {
 public:
  explicit libpq_lookups(const std::string& url) : conn_(PQconnectdb(url.c_str())) {
    if (PQstatus(conn_) != CONNECTION_OK) fail("connect");
    PGresult* r = PQprepare(
        conn_, "look_up", "SELECT id, name, created_at, note, score FROM bench_rows WHERE id = $1",
        0, nullptr);
    check(r, PGRES_COMMAND_OK);
  }
  ~libpq_lookups() { PQfinish(conn_); }
  libpq_lookups(const libpq_lookups&) = delete;
  libpq_lookups& operator=(const libpq_lookups&) = delete;

  // Looks up the ids id_of(0..n-1); returns the sum of the ids read back.
  template <typename IdOf>
  std::int64_t run(libpq_mode mode, int n, IdOf id_of) {
    if (mode == libpq_mode::sequential) {
      std::int64_t sum = 0;
      for (int i = 0; i < n; ++i) {
        const std::string id = std::to_string(id_of(i));
        const char* values[] = {id.c_str()};
        PGresult* r = PQexecPrepared(conn_, "look_up", 1, values, nullptr, nullptr, 0);
        sum += first_id(r);
      }
      return sum;
    }
    if (PQenterPipelineMode(conn_) != 1) fail("pipeline mode");
    PQsetnonblocking(conn_, 1);
    int sent = 0;
    int syncs_expected = 0;
    int syncs_seen = 0;
    std::int64_t sum = 0;
    while (syncs_seen < syncs_expected || sent < n) {
      for (; sent < n; ++sent) {
        const std::string id = std::to_string(id_of(sent));
        const char* values[] = {id.c_str()};
        if (PQsendQueryPrepared(conn_, "look_up", 1, values, nullptr, nullptr, 0) != 1) {
          fail("send");
        }
        if (mode == libpq_mode::pipelined || sent + 1 == n) {
          if (PQpipelineSync(conn_) != 1) fail("sync");
          ++syncs_expected;
        }
      }
      const int pending = PQflush(conn_);
      if (pending < 0) fail("flush");
      pollfd fd{PQsocket(conn_), static_cast<short>(POLLIN | (pending == 1 ? POLLOUT : 0)), 0};
      poll(&fd, 1, -1);
      if (PQconsumeInput(conn_) != 1) fail("read");
      while (PQisBusy(conn_) == 0) {
        PGresult* r = PQgetResult(conn_);
        if (r == nullptr) {
          if (PQisBusy(conn_) != 0) break;
          r = PQgetResult(conn_);  // the next command's first result, or still nothing
          if (r == nullptr) break;
        }
        const ExecStatusType status = PQresultStatus(r);
        if (status == PGRES_PIPELINE_SYNC) {
          ++syncs_seen;
          PQclear(r);
        } else {
          sum += first_id(r);
        }
      }
    }
    PQsetnonblocking(conn_, 0);
    if (PQexitPipelineMode(conn_) != 1) fail("leave pipeline mode");
    return sum;
  }

 private:
  [[noreturn]] void fail(const char* what) {
    throw std::runtime_error(std::string("libpq baseline: ") + what + ": " + PQerrorMessage(conn_));
  }
  void check(PGresult* r, ExecStatusType want) {
    const bool ok = PQresultStatus(r) == want;
    PQclear(r);
    if (!ok) fail("prepare");
  }
  std::int64_t first_id(PGresult* r) {
    if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1) {
      PQclear(r);
      fail("look-up");
    }
    const std::int64_t id = std::stoll(PQgetvalue(r, 0, 0));
    PQclear(r);
    return id;
  }

  PGconn* conn_;
};

}  // namespace bench
