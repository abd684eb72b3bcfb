#include "sqlx/pg/connection.hpp"

#include <array>
#include <charconv>
#include <cstring>
#include <functional>
#include <unordered_map>
#include <utility>
#include <vector>

#include "internal/connect.hpp"
#include "internal/notice.hpp"
#include "internal/pq.hpp"
#include "internal/redact.hpp"
#include "internal/statement_cache.hpp"

namespace sqlx::pg {
namespace {

using detail::pq_result;
using detail::statement_cache;
using statement = statement_cache::statement;

// The protocol counts parameters in 16 bits.
constexpr std::size_t max_parameters = 65535;

struct string_hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const noexcept {
    return std::hash<std::string_view>{}(text);
  }
};

[[nodiscard]] bool is_copy(ExecStatusType status) noexcept {
  return status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH;
}

// The result of a command that dropped every prepared statement of the session.
[[nodiscard]] bool dropped_all_statements(const PGresult* r) noexcept {
  const std::string_view tag = PQcmdStatus(const_cast<PGresult*>(r));
  return tag == "DISCARD ALL" || tag == "DEALLOCATE ALL";
}

// The wire bytes of a parameter: a text-format value is a C string (libpq ignores length).
[[nodiscard]] std::size_t wire_size(const parameter& p) noexcept {
  if (p.data == nullptr) return 0;
  return p.format == 0 ? std::strlen(p.data) + 1 : static_cast<std::size_t>(p.length);
}

// What one pipelined round trip returned for the statement it prepared and ran.
struct pipelined {
  pq_result prepared;
  pq_result executed;
};

struct stream_state {
  bool active = false;
  bool first_pending = false;         // the next row is the first the caller sees
  bool rows_seen = false;             // a retry would repeat rows
  bool in_transaction_block = false;  // cancelling would abort the caller's transaction
  bool may_retry = false;             // sent from the cache: re-prepare once if lost
  statement* entry = nullptr;         // the cache entry, null without a cache
  // A copy of the parameters of a stream that may be re-sent: libpq reads the caller's only
  // while sending, and the caller need not keep them.
  std::string saved_bytes;
  std::vector<parameter> saved;
};

}  // namespace

struct connection::impl {
  impl(const connection_options& options, std::string name)
      : on_notice(options.on_notice),
        server(std::move(name)),
        use_cache(options.statement_cache_capacity > 0),
        cache(std::max<std::size_t>(options.statement_cache_capacity, 1)) {}
  impl(const impl&) = delete;
  impl& operator=(const impl&) = delete;
  ~impl() {
    if (conn != nullptr) PQfinish(conn);
  }

  // The notice receiver's argument: here, it stays put when the connection object moves.
  notice_handler on_notice;
  PGconn* conn = nullptr;
  std::string server;  // the connection string, password redacted, for messages
  bool use_cache;
  statement_cache cache;
  // The parameter arrays libpq wants, reused from call to call.
  std::vector<const char*> values;
  std::vector<int> lengths;
  std::vector<int> formats;
  stream_state stream;
  std::unordered_map<std::string, oid, string_hash, std::equal_to<>> types;

  // The connection of `self`, checked to be free for a new command.
  [[nodiscard]] static impl& ready(impl* self) {
    if (!self) throw sqlx::error("sqlx: use of a moved-from connection");
    if (self->stream.active) {
      throw sqlx::error(
          "sqlx: the connection is streaming a result; read it to the end or call "
          "finish_stream() first");
    }
    return *self;
  }

  void bind(std::span<const parameter> parameters) {
    const std::size_t count = parameters.size();
    if (count > max_parameters) {
      throw sqlx::error("sqlx: " + std::to_string(count) + " parameters, the most is 65535");
    }
    values.resize(count);
    lengths.resize(count);
    formats.resize(count);
    for (std::size_t i = 0; i < count; ++i) {
      values[i] = parameters[i].data;
      lengths[i] = parameters[i].length;
      formats[i] = parameters[i].format;
    }
  }

  [[nodiscard]] int parameter_count() const noexcept { return static_cast<int>(values.size()); }

  [[noreturn]] void fail(const PGresult* r) {
    if (r != nullptr && is_copy(PQresultStatus(r))) {
      end_copy(PQresultStatus(r));
      drain();
      throw sqlx::error(
          "sqlx: COPY is not supported here; use libpq's COPY functions on "
          "native_handle()");
    }
    detail::throw_failure(conn, r, server);
  }

  // Ends a COPY nobody asked for, so that the connection can go on.
  void end_copy(ExecStatusType status) noexcept {
    if (status != PGRES_COPY_OUT) PQputCopyEnd(conn, "sqlx-cpp does not support COPY here");
    if (status == PGRES_COPY_IN) return;
    char* row = nullptr;
    while (PQgetCopyData(conn, &row, 0) > 0) PQfreemem(row);
  }

  // Reads and drops the results of the current command, until the connection is idle.
  void drain() noexcept {
    while (PGresult* r = PQgetResult(conn)) {
      const ExecStatusType status = PQresultStatus(r);
      PQclear(r);
      if (is_copy(status)) end_copy(status);
      if (PQstatus(conn) == CONNECTION_BAD) return;
    }
  }

  [[nodiscard]] prepared_result deliver(pq_result r, statement& entry) noexcept {
    const bool first = !entry.verified;
    entry.verified = true;
    return {result(r.release()), first};
  }

  [[nodiscard]] int send_prepared(const statement& entry) noexcept {
    return PQsendQueryPrepared(conn, entry.name.c_str(), parameter_count(), values.data(),
                               lengths.data(), formats.data(), 1);
  }

  // One round trip: the DEALLOCATEs the cache has queued, then the Parse of `sql` as
  // `entry` and, when `execute`, its Bind/Execute with the bound parameters.
  // DEALLOCATEs go only outside a transaction block, each in its own Sync segment: should one
  // fail (the server already dropped the statement) it then harms nothing; inside a block it
  // would abort the caller's transaction, so they wait.
  [[nodiscard]] pipelined round_trip(const statement* entry, const std::string* sql, bool execute) {
    std::vector<std::string>& closing = cache.to_close();
    const bool close = !closing.empty() && PQtransactionStatus(conn) == PQTRANS_IDLE;
    if (entry == nullptr && !close) return {};
    if (PQenterPipelineMode(conn) != 1) fail(nullptr);
    int syncs = 0;
    bool sent = true;
    if (close) {
      for (const std::string& name : closing) {
        const std::string text = "DEALLOCATE \"" + name + '"';
        sent =
            PQsendQueryParams(conn, text.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0) == 1 &&
            PQpipelineSync(conn) == 1;
        if (!sent) break;
        ++syncs;
      }
    }
    const int ours = syncs;  // the index of our Parse among the commands sent
    if (sent && entry != nullptr) {
      sent = PQsendPrepare(conn, entry->name.c_str(), sql->c_str(), 0, nullptr) == 1 &&
             (!execute || send_prepared(*entry) == 1) && PQpipelineSync(conn) == 1;
      if (sent) ++syncs;
    }
    // A half-sent segment still needs its Sync before the pipeline can be left.
    if (!sent && PQstatus(conn) != CONNECTION_BAD && PQpipelineSync(conn) == 1) ++syncs;
    pipelined out = read_pipeline(syncs, ours);
    if (close) closing.clear();
    if (PQexitPipelineMode(conn) != 1 || !sent) fail(nullptr);
    return out;
  }

  // Reads a pipeline's results up to its last Sync, keeping those of commands `ours` (the
  // Parse) and `ours + 1` (the Execute). Each command yields results, then a null.
  [[nodiscard]] pipelined read_pipeline(int syncs, int ours) {
    pipelined out;
    int command = 0;
    bool command_answered = false;
    int nulls_in_a_row = 0;
    while (syncs > 0) {
      pq_result r{PQgetResult(conn)};
      if (!r) {
        // Nothing more will come from a broken connection, nor after two nulls in a row.
        if (PQstatus(conn) == CONNECTION_BAD || ++nulls_in_a_row > 1) break;
        if (command_answered) ++command;
        command_answered = false;
        continue;
      }
      nulls_in_a_row = 0;
      const ExecStatusType status = PQresultStatus(r.get());
      if (status == PGRES_PIPELINE_SYNC) {
        --syncs;
        continue;
      }
      if (is_copy(status)) end_copy(status);  // libpq would hand out this result forever
      command_answered = true;
      // The first result of a command is its outcome (a COPY is followed by its end).
      if (command == ours && !out.prepared) out.prepared = std::move(r);
      if (command == ours + 1 && !out.executed) out.executed = std::move(r);
    }
    return out;
  }

  // Prepares `entry`, new in the cache, and runs it when `execute`: one round trip. The entry
  // goes again when the server did not prepare it.
  [[nodiscard]] pq_result prepare(statement& entry, const std::string& sql, bool execute) {
    pipelined round;
    try {
      round = round_trip(&entry, &sql, execute);
    } catch (...) {
      cache.erase(entry);
      throw;
    }
    if (!round.prepared || PQresultStatus(round.prepared.get()) != PGRES_COMMAND_OK) {
      cache.erase(entry);
      fail(round.prepared.get());
    }
    return std::move(round.executed);
  }

  [[nodiscard]] prepared_result prepare_and_run(statement& entry, const std::string& sql) {
    pq_result r = prepare(entry, sql, true);
    if (!r || !detail::succeeded(r.get())) fail(r.get());
    return deliver(std::move(r), entry);
  }

  // After the cached `entry` failed with `r`: updates the cache when the server lost the
  // statement (then it lost all of ours) or its plan is outdated, and says whether to prepare
  // and run it again. Only outside a transaction block: inside one the failure has aborted
  // the transaction, which is the caller's to roll back.
  [[nodiscard]] bool forget_failed(const PGresult* r, statement& entry) {
    if (detail::statement_lost(r, entry.name)) {
      cache.clear();
    } else if (detail::plan_outdated(r)) {
      cache.forget(entry);
    } else {
      return false;
    }
    return PQtransactionStatus(conn) == PQTRANS_IDLE;
  }

  // The hot path: one hash lookup, one PQexecPrepared.
  [[nodiscard]] prepared_result run_cached(const std::string& sql) {
    const auto [entry, inserted] = cache.find_or_insert(sql);
    if (inserted) return prepare_and_run(*entry, sql);
    pq_result r{PQexecPrepared(conn, entry->name.c_str(), parameter_count(), values.data(),
                               lengths.data(), formats.data(), 1)};
    if (r && detail::succeeded(r.get())) return deliver(std::move(r), *entry);
    if (r && forget_failed(r.get(), *entry)) {
      return prepare_and_run(*cache.find_or_insert(sql).entry, sql);
    }
    fail(r.get());
  }

  // Without a cache: the unnamed statement, parsed, bound and run in one round trip.
  [[nodiscard]] prepared_result run_unnamed(const std::string& sql) {
    pq_result r{PQexecParams(conn, sql.c_str(), parameter_count(), nullptr, values.data(),
                             lengths.data(), formats.data(), 1)};
    if (!r || !detail::succeeded(r.get())) fail(r.get());
    return {result(r.release()), true};
  }

  void save_parameters(std::span<const parameter> parameters) {
    std::size_t total = 0;
    for (const parameter& p : parameters) total += wire_size(p);
    stream.saved_bytes.clear();
    stream.saved_bytes.reserve(total);  // no reallocation below: the pointers stay valid
    stream.saved.assign(parameters.begin(), parameters.end());
    for (parameter& p : stream.saved) {
      if (p.data == nullptr) continue;
      const char* copy = stream.saved_bytes.data() + stream.saved_bytes.size();
      stream.saved_bytes.append(p.data, wire_size(p));
      p.data = copy;
    }
  }

  void start_rows() {
    if (PQsetSingleRowMode(conn) != 1) {
      drain();
      throw sqlx::error("sqlx: cannot read the result row by row");
    }
    stream.active = true;
  }

  void start_stream(const std::string& sql, std::span<const parameter> parameters) {
    stream.in_transaction_block = PQtransactionStatus(conn) != PQTRANS_IDLE;
    stream.rows_seen = false;
    stream.entry = nullptr;
    stream.may_retry = false;
    stream.first_pending = true;
    int sent = 0;
    if (!use_cache) {
      sent = PQsendQueryParams(conn, sql.c_str(), parameter_count(), nullptr, values.data(),
                               lengths.data(), formats.data(), 1);
    } else {
      const auto [entry, inserted] = cache.find_or_insert(sql);
      if (inserted) {
        (void)prepare(*entry, sql, false);
      } else {
        save_parameters(parameters);
      }
      sent = send_prepared(*entry);
      stream.entry = entry;
      stream.first_pending = !entry->verified;
      stream.may_retry = !inserted;
    }
    if (sent != 1) fail(nullptr);
    start_rows();
  }

  [[nodiscard]] prepared_result deliver_row(pq_result r) noexcept {
    stream.rows_seen = true;
    const bool first = stream.first_pending;
    if (first && stream.entry != nullptr) stream.entry->verified = true;
    stream.first_pending = false;
    return {result(r.release()), first};
  }

  // A stream from the cache failed before its first row because the server lost the
  // statement or its plan: prepares it again and re-sends it, once.
  [[nodiscard]] bool retry_stream(const PGresult* r) {
    if (!stream.may_retry || stream.rows_seen || stream.entry == nullptr) return false;
    stream.may_retry = false;
    const std::string sql = *stream.entry->text;
    statement& failed = *stream.entry;
    stream.entry = nullptr;
    if (!forget_failed(r, failed)) return false;
    statement& entry = *cache.find_or_insert(sql).entry;
    (void)prepare(entry, sql, false);
    bind(stream.saved);
    if (send_prepared(entry) != 1) fail(nullptr);
    stream.entry = &entry;
    stream.first_pending = true;
    start_rows();
    return true;
  }

  [[nodiscard]] std::optional<prepared_result> next_row() {
    while (stream.active) {
      pq_result r{PQgetResult(conn)};
      if (!r) {
        stream.active = false;
        if (PQstatus(conn) == CONNECTION_BAD) fail(nullptr);
        return std::nullopt;
      }
      if (PQresultStatus(r.get()) == PGRES_SINGLE_TUPLE) return deliver_row(std::move(r));
      drain();  // the final result, or an error: the connection is idle after it
      stream.active = false;
      if (detail::succeeded(r.get())) return std::nullopt;
      if (retry_stream(r.get())) continue;
      fail(r.get());
    }
    return std::nullopt;
  }

  // Reads what has already arrived; true when that reached the end of the result, so there
  // is nothing left to cancel.
  [[nodiscard]] bool read_arrived_to_end() noexcept {
    if (PQconsumeInput(conn) != 1) return false;
    while (PQisBusy(conn) == 0) {
      PGresult* r = PQgetResult(conn);
      if (r == nullptr) return true;
      const bool copy = is_copy(PQresultStatus(r));
      PQclear(r);
      if (copy) return false;
    }
    return false;
  }

  void cancel() noexcept {
    PGcancel* handle = PQgetCancel(conn);
    if (handle == nullptr) return;
    std::array<char, 256> message{};
    PQcancel(handle, message.data(), static_cast<int>(message.size()));
    PQfreeCancel(handle);
  }

  // Cancelling aborts the transaction the query runs in: inside the caller's transaction
  // block the rest of the rows are read and dropped instead.
  void finish_stream() noexcept {
    if (!stream.active) return;
    stream.active = false;
    if (!read_arrived_to_end() && !stream.in_transaction_block) cancel();
    drain();
  }
};

connection::connection(impl* owned) noexcept : impl_(owned) {}
connection::connection(connection&& other) noexcept : impl_(std::exchange(other.impl_, nullptr)) {}
connection& connection::operator=(connection&& other) noexcept {
  if (this != &other) {
    delete impl_;
    impl_ = std::exchange(other.impl_, nullptr);
  }
  return *this;
}
connection::~connection() {
  delete impl_;
}

connection connection::connect(const std::string& url, connection_options options) {
  return connect(url, std::move(options), detail::no_deadline);
}

connection connection::connect(const std::string& url, connection_options options,
                               std::chrono::steady_clock::time_point deadline) {
  auto state = std::make_unique<impl>(
      options, url.empty() ? "the default server" : detail::redact_conninfo(url));
  state->conn = detail::open_connection(url, state->server, deadline, &detail::receive_notice,
                                        &state->on_notice);
  return connection(state.release());
}

void connection::execute(const std::string& sql) {
  impl& c = impl::ready(impl_);
  const pq_result r{PQexec(c.conn, sql.c_str())};
  if (!r || !detail::succeeded(r.get())) c.fail(r.get());
  // Run through this connection, the pool's reset drops our statements: forget them at once
  // rather than fail on each (and abort a transaction) later.
  if (dropped_all_statements(r.get())) c.cache.clear();
}

prepared_result connection::execute_prepared(const std::string& sql,
                                             std::span<const parameter> parameters) {
  impl& c = impl::ready(impl_);
  c.bind(parameters);
  return c.use_cache ? c.run_cached(sql) : c.run_unnamed(sql);
}

void connection::forget_statement(const std::string& sql) noexcept {
  if (!impl_ || !impl_->use_cache) return;
  impl& c = *impl_;
  try {
    if (statement* entry = c.cache.find(sql)) {
      if (c.stream.entry == entry) c.stream.entry = nullptr;
      c.cache.forget(*entry);
    }
    // Closed now unless busy or inside a transaction block; else with the next Parse.
    if (!c.stream.active) (void)c.round_trip(nullptr, nullptr, false);
  } catch (...) {
    // Best effort: a statement left on the server costs memory there, nothing else.
  }
}

void connection::start_stream(const std::string& sql, std::span<const parameter> parameters) {
  impl& c = impl::ready(impl_);
  c.bind(parameters);
  c.start_stream(sql, parameters);
}

std::optional<prepared_result> connection::next_row() {
  if (!impl_) return std::nullopt;
  return impl_->next_row();
}

void connection::finish_stream() noexcept {
  if (impl_) impl_->finish_stream();
}

oid connection::type_oid(std::string_view pg_type) {
  // A known type needs no server, so it is answered also while a stream is being read (the
  // first row's shape check); only a new name must wait for the connection.
  if (impl_) {
    const auto known = impl_->types.find(pg_type);
    if (known != impl_->types.end()) return known->second;
  }
  impl& c = impl::ready(impl_);
  std::string name(pg_type);
  const char* value = name.c_str();
  // to_regtype parses the name as the server would (schema-qualified or not) and yields
  // NULL for an unknown type instead of failing.
  const pq_result r{
      PQexecParams(c.conn, "SELECT to_regtype($1)::oid", 1, nullptr, &value, nullptr, nullptr, 0)};
  if (!r || PQresultStatus(r.get()) != PGRES_TUPLES_OK) c.fail(r.get());
  if (PQntuples(r.get()) != 1 || PQgetisnull(r.get(), 0, 0) != 0) return 0;  // unknown: ask again
  const char* text = PQgetvalue(r.get(), 0, 0);
  oid id = 0;
  std::from_chars(text, text + std::strlen(text), id);
  c.types.emplace(std::move(name), id);
  return id;
}

bool connection::is_open() const noexcept {
  return impl_ && PQstatus(impl_->conn) == CONNECTION_OK;
}

PGconn* connection::native_handle() const noexcept {
  return impl_ ? impl_->conn : nullptr;
}

}  // namespace sqlx::pg
