#include "describe/pg/describe.hpp"

#include <fmt/format.h>
#include <poll.h>

#include <algorithm>
#include <atomic>
#include <deque>
#include <exception>
#include <iterator>
#include <map>
#include <set>
#include <thread>

#include "describe/pg/catalog.hpp"
#include "describe/pg/nullability.hpp"
#include "describe/pg/nullability_cache.hpp"
#include "describe/pg/phase_timer.hpp"
#include "describe/pg/type_names.hpp"
#include "describe/pg/type_resolver.hpp"
#include "metadata/cache_file.hpp"
#include "metadata/digest.hpp"
#include "runtime/internal/admin.hpp"
#include "sqlx/error.hpp"

namespace sqlx::core {
namespace {

using pg::detail::exec_params;
using pg::detail::pq_result;

// ---------------------------------------------------------------------------------------------
// Pipelined describes

struct raw_column {
  std::string name;
  Oid type = 0;
  column_origin origin;
};

struct raw_description {
  std::vector<Oid> parameters;
  std::vector<raw_column> columns;
  std::optional<server_error> error;
};

std::string error_field(const PGresult* result, int field) {
  const char* value = PQresultErrorField(result, field);
  return value != nullptr ? value : "";
}

server_error to_server_error(const PGresult* result) {
  server_error error;
  error.message = error_field(result, PG_DIAG_MESSAGE_PRIMARY);
  error.sqlstate = error_field(result, PG_DIAG_SQLSTATE);
  error.detail = error_field(result, PG_DIAG_MESSAGE_DETAIL);
  error.hint = error_field(result, PG_DIAG_MESSAGE_HINT);
  const std::string position = error_field(result, PG_DIAG_STATEMENT_POSITION);
  error.position = position.empty() ? 0 : std::stoi(position);
  if (error.message.empty()) error.message = PQresultErrorMessage(result);
  return error;
}

void read_description(const PGresult* result, raw_description& out) {
  const int parameters = PQnparams(result);
  for (int i = 0; i < parameters; ++i) out.parameters.push_back(PQparamtype(result, i));
  const int fields = PQnfields(result);
  for (int i = 0; i < fields; ++i) {
    out.columns.push_back(raw_column{PQfname(result, i), PQftype(result, i),
                                     column_origin{PQftable(result, i), PQftablecol(result, i)}});
  }
}

[[noreturn]] void throw_connection_error(PGconn* conn, std::string_view what) {
  throw pg::connection_error(
      fmt::format("{}: {}", what, pg::detail::trimmed(PQerrorMessage(conn))));
}

// The queries not yet sent, handed out a segment at a time to whichever connection has room:
// a backend that runs ahead takes more (shares fixed up front left one backend idle for 1-4 ms
// of a 15 ms describe).
class segment_queue {
 public:
  segment_queue(std::size_t total, std::size_t segment) : total_(total), segment_(segment) {}
  // The next segment's indices [first, second); empty when every query was handed out.
  std::pair<std::size_t, std::size_t> take() {
    const std::size_t from = std::min(next_.fetch_add(segment_), total_);
    return {from, std::min(from + segment_, total_)};
  }
  [[nodiscard]] std::size_t segment() const noexcept { return segment_; }

 private:
  std::atomic<std::size_t> next_{0};
  std::size_t total_;
  std::size_t segment_;
};

// Sends Parse(unnamed) + Describe for queries from the queue, with a Sync after each segment,
// keeping a bounded number in flight and reading answers as they arrive. A rejected query
// makes the server skip the rest of its segment; those are sent again in a later segment, so
// a few bad queries cost a few extra messages while the common case pays one Sync (one
// implicit transaction and one flush) per segment instead of per query.
class pipeline_describer {
 public:
  // Writes each query's description at its index in `results` (of queries.size()).
  pipeline_describer(PGconn* conn, std::span<const std::string> queries, segment_queue& queue,
                     std::size_t max_in_flight, std::span<raw_description> results,
                     const describe_progress& progress)
      : conn_(conn),
        queries_(queries),
        queue_(queue),
        max_in_flight_(max_in_flight),
        progress_(progress),
        results_(results) {}

  void run() {
    if (PQenterPipelineMode(conn_) != 1) {
      throw_connection_error(conn_, "cannot enter pipeline mode");
    }
    if (PQsetnonblocking(conn_, 1) != 0) throw_connection_error(conn_, "cannot go non-blocking");
    send_more();
    while (!to_send_.empty() || !in_flight_.empty()) {
      const int pending_output = PQflush(conn_);
      if (pending_output < 0) throw_connection_error(conn_, "lost the connection");
      if (PQconsumeInput(conn_) == 0) throw_connection_error(conn_, "lost the connection");
      if (!read_available()) wait_for_socket(pending_output == 1);
      send_more();
    }
    PQsetnonblocking(conn_, 0);
    if (PQexitPipelineMode(conn_) != 1) {
      throw_connection_error(conn_, "cannot leave pipeline mode");
    }
    if (progress_) progress_(done_, queries_.size());
  }

 private:
  static constexpr std::size_t sync_marker = static_cast<std::size_t>(-1);

  // Moves the next segment from the queue to to_send_; false when the queue is empty.
  bool take_segment() {
    if (queue_empty_) return false;
    const auto [from, to] = queue_.take();
    for (std::size_t i = from; i < to; ++i) to_send_.push_back(i);
    queue_empty_ = from == to;
    return !queue_empty_;
  }

  // Sends whole segments, each closed by a Sync: the server only flushes its answers at a
  // Sync, so nothing may wait unsynced. Queries to send again go first.
  void send_more() {
    const std::size_t segment_size = queue_.segment();
    while (queries_in_flight_ + segment_size <= max_in_flight_ &&
           (!to_send_.empty() || take_segment())) {
      for (std::size_t n = 0; n < segment_size && !to_send_.empty(); ++n) {
        const std::size_t index = to_send_.front();
        to_send_.pop_front();
        if (PQsendPrepare(conn_, "", queries_[index].c_str(), 0, nullptr) != 1 ||
            PQsendDescribePrepared(conn_, "") != 1) {
          throw_connection_error(conn_, "cannot send a describe");
        }
        in_flight_.push_back(index);
        ++queries_in_flight_;
      }
      if (PQpipelineSync(conn_) != 1) throw_connection_error(conn_, "cannot send a sync");
      in_flight_.push_back(sync_marker);
    }
  }

  // Consumes every result that has arrived; true when at least one did.
  bool read_available() {
    bool progressed = false;
    int consecutive_nulls = 0;
    while (!in_flight_.empty() && PQisBusy(conn_) == 0) {
      pq_result result(PQgetResult(conn_));
      if (!result) {
        // A null ends each command's results; two in a row means nothing more is here yet.
        if (++consecutive_nulls > 1) break;
        continue;
      }
      consecutive_nulls = 0;
      progressed = true;
      on_result(result.get());
    }
    return progressed;
  }

  void on_result(const PGresult* result) {
    const auto status = PQresultStatus(result);
    if (status == PGRES_PIPELINE_SYNC) {
      in_flight_.pop_front();  // the sync marker
      return;
    }
    const std::size_t index = in_flight_.front();
    raw_description& current = results_[index];
    const bool is_describe = step_ == 1;
    if (status == PGRES_FATAL_ERROR) {
      if (!current.error) current.error = to_server_error(result);
    } else if (status == PGRES_COMMAND_OK && is_describe) {
      read_description(result, current);
    }
    if (!is_describe) {
      step_ = 1;
      return;
    }
    step_ = 0;
    in_flight_.pop_front();
    --queries_in_flight_;
    if (status == PGRES_PIPELINE_ABORTED && !current.error) {
      to_send_.push_back(index);  // skipped because an earlier query of its segment failed
      return;
    }
    ++done_;
    if (progress_ && done_ % 512 == 0) progress_(done_, queries_.size());
  }

  void wait_for_socket(bool want_write) const {
    pollfd fd{PQsocket(conn_), static_cast<short>(POLLIN | (want_write ? POLLOUT : 0)), 0};
    if (fd.fd < 0) throw_connection_error(conn_, "lost the connection");
    while (poll(&fd, 1, -1) < 0) {
      if (errno != EINTR) throw pg::connection_error("poll failed on the server connection");
    }
  }

  PGconn* conn_;
  std::span<const std::string> queries_;
  segment_queue& queue_;
  std::size_t max_in_flight_;
  bool queue_empty_ = false;
  const describe_progress& progress_;
  std::span<raw_description> results_;
  std::deque<std::size_t> to_send_;    // taken from the queue, or to send again
  std::deque<std::size_t> in_flight_;  // query indices and sync markers, in send order
  std::size_t queries_in_flight_ = 0;
  std::size_t done_ = 0;
  int step_ = 0;  // 0: expecting the Parse result of in_flight_.front(), 1: its Describe
};

// Parses every query on background threads (one per core), so the parse overlaps the
// server's describes; each thread takes one contiguous share of the queries.
class background_parser {
 public:
  explicit background_parser(std::span<const std::string> queries)
      : shares_(std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 4)) {
    const std::size_t count = shares_.size();
    for (std::size_t k = 0; k < count; ++k) {
      const auto part =
          queries.subspan(queries.size() * k / count,
                          queries.size() * (k + 1) / count - queries.size() * k / count);
      threads_.emplace_back([&share = shares_[k], part] {
        try {
          share.parsed.reserve(part.size());
          for (const auto& query : part) {
            // The names too (a tree walk): here it overlaps the describe.
            auto& parsed =
                share.parsed.emplace_back(parsed_query(query), std::vector<relation_name>{});
            if (parsed.first.ok()) parsed.second = parsed.first.referenced_relations();
          }
        } catch (...) {
          share.failure = std::current_exception();
        }
      });
    }
  }
  background_parser(const background_parser&) = delete;
  background_parser& operator=(const background_parser&) = delete;
  ~background_parser() { join(); }

  // Each query parsed, with the relations it refers to (empty when it did not parse).
  std::vector<std::pair<parsed_query, std::vector<relation_name>>> take() {
    join();
    std::vector<std::pair<parsed_query, std::vector<relation_name>>> all;
    for (auto& share : shares_) {
      if (share.failure) std::rethrow_exception(share.failure);
      std::move(share.parsed.begin(), share.parsed.end(), std::back_inserter(all));
    }
    return all;
  }

 private:
  void join() {
    for (auto& thread : threads_) {
      if (thread.joinable()) thread.join();
    }
  }

  struct share {
    std::vector<std::pair<parsed_query, std::vector<relation_name>>> parsed;
    std::exception_ptr failure;
  };
  std::vector<share> shares_;
  std::vector<std::thread> threads_;
};

// Whether a query may label a column with a nested struct's path (`AS "author.name"`): a
// quoted name with a dot. Such a query's outer rows (nested structs) are inferred each time,
// not taken from the nullability cache, which keeps only the answers.
bool may_have_path_label(std::string_view text) {
  for (std::size_t open = text.find('"'); open != std::string_view::npos;) {
    const std::size_t close = text.find('"', open + 1);
    if (close == std::string_view::npos) return false;
    if (text.substr(open + 1, close - open - 1).find('.') != std::string_view::npos) return true;
    open = text.find('"', close + 1);
  }
  return false;
}

std::optional<bool> to_file_nullability(nullability value) {
  switch (value) {
    case nullability::not_null:
      return false;
    case nullability::nullable:
      return true;
    default:
      return std::nullopt;
  }
}

// Describes the queries on all connections at once, one thread each (the first on this
// thread), each taking the next segment when it has room. Progress is the sum over the
// connections, reported from here.
std::vector<raw_description> describe_on_all(std::span<pg::connection* const> connections,
                                             std::span<const std::string> queries,
                                             const describe_progress& progress) {
  const std::size_t count = std::clamp<std::size_t>(connections.size(), 1, queries.size() + 1);
  std::vector<raw_description> results(queries.size());
  // Alone, segments of 512 and up to 2,048 in flight; shared, smaller segments and fewer in
  // flight, so that each backend holds about 2 ms of work and the faster one takes more.
  segment_queue queue(queries.size(), count == 1 ? 512 : 128);
  const std::size_t max_in_flight = count == 1 ? 2048 : 384;
  std::vector<std::atomic<std::size_t>> done(count);
  std::vector<describe_progress> progresses;
  for (std::size_t k = 0; k < count; ++k) {
    progresses.emplace_back([&, k](std::size_t n, std::size_t) {
      done[k].store(n, std::memory_order_relaxed);
      if (k != 0 || !progress) return;
      std::size_t sum = 0;
      for (const auto& d : done) sum += d.load(std::memory_order_relaxed);
      progress(sum, queries.size());
    });
  }
  std::vector<std::exception_ptr> failures(count);
  {
    std::vector<std::jthread> threads;
    const auto describe_on = [&](std::size_t k) {
      try {
        pipeline_describer(connections[k]->native_handle(), queries, queue, max_in_flight, results,
                           progresses[k])
            .run();
      } catch (...) {
        failures[k] = std::current_exception();
      }
    };
    for (std::size_t k = 1; k < count; ++k) threads.emplace_back(describe_on, k);
    describe_on(0);
  }
  for (const auto& failure : failures) {
    if (failure) std::rethrow_exception(failure);
  }
  if (progress) progress(queries.size(), queries.size());
  return results;
}

// The digest of a description (describe_result::digest), from what it is assembled of below;
// each type's and composite's part is serialized once. Whatever the assembly reads must be
// here: a digest that missed an input would let a stale file be trusted.
class description_digest {
 public:
  description_digest(const type_resolver& resolver,
                     const std::map<std::pair<Oid, int>, std::string>& origin_names)
      : resolver_(resolver), origin_names_(origin_names) {}

  std::string operator()(const std::string& text_hash, const std::vector<Oid>& parameters,
                         const std::vector<raw_column>& columns,
                         const std::vector<nullability>& nullable,
                         const std::vector<std::string>& outer_rows) {
    key_.clear();
    put_text(key_, "pg 1");
    put_text(key_, text_hash);
    put_number(key_, static_cast<long long>(parameters.size()));
    for (const Oid parameter : parameters) key_ += type_key(parameter);
    put_number(key_, static_cast<long long>(columns.size()));
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const raw_column& column = columns[c];
      put_text(key_, column.name);
      key_ += type_key(column.type);
      const auto value = c < nullable.size() ? to_file_nullability(nullable[c]) : std::nullopt;
      put_number(key_, value ? static_cast<long long>(*value) : -1);
      const auto it = origin_names_.find({column.origin.table_oid, column.origin.attnum});
      put_text(key_, it != origin_names_.end() ? std::string_view(it->second) : "");
      if (column.name.find('.') != std::string::npos) {
        put_text(key_, c < outer_rows.size() ? std::string_view(outer_rows[c]) : "");
      }
      if (column.name.ends_with(".*")) key_ += fields_key(column.type);
    }
    return sha256_hex(key_);
  }

 private:
  const std::string& type_key(Oid oid) {
    const auto [it, inserted] = types_.try_emplace(oid);
    if (inserted) {
      const type_description& type = resolver_.describe(oid);
      put_text(it->second, type.type_info.dump());
      put_text(it->second, type.type_name);
    }
    return it->second;
  }
  const std::string& fields_key(Oid oid) {
    const auto [it, inserted] = fields_.try_emplace(oid);
    if (inserted) {
      const auto fields = resolver_.composite_fields(oid);
      put_number(it->second, static_cast<long long>(fields.size()));
      for (const auto& field : fields) {
        put_text(it->second, field.name);
        put_text(it->second, field.type_name);
        put_number(it->second, field.nullable ? 1 : 0);
      }
    }
    return it->second;
  }

  const type_resolver& resolver_;
  const std::map<std::pair<Oid, int>, std::string>& origin_names_;
  std::map<Oid, std::string> types_;
  std::map<Oid, std::string> fields_;
  std::string key_;
};

}  // namespace

std::vector<describe_result> describe_queries(pg::connection& conn,
                                              std::span<const std::string> queries,
                                              const describe_progress& progress) {
  pg::connection* const connections[] = {&conn};
  return describe_queries(connections, queries, progress, nullptr);
}

std::vector<describe_result> describe_queries(std::span<pg::connection* const> connections,
                                              std::span<const std::string> queries,
                                              const describe_progress& progress,
                                              nullability_cache* cache,
                                              const describe_trust& trust) {
  if (connections.empty()) throw sqlx::error("describe_queries: no connection");
  pg::connection& conn = *connections[0];
  phase_timer timer;
  // Texts the cache knows are not parsed now; the others are. Both the look-ups (a hash per
  // text) and the parse run while the server describes.
  std::vector<std::string> hashes(cache != nullptr ? queries.size() : 0);
  std::vector<const nullability_cache_entry*> cached(queries.size(), nullptr);
  std::vector<std::optional<parsed_query>> parsed(queries.size());
  std::vector<std::vector<relation_name>> parsed_relations(queries.size());
  std::vector<std::size_t> to_parse;
  const auto texts_of = [&](const std::vector<std::size_t>& which) {
    std::vector<std::string> texts;
    texts.reserve(which.size());
    for (std::size_t i : which) texts.push_back(queries[i]);
    return texts;
  };
  std::vector<raw_description> raw;
  {
    std::vector<std::string> texts;
    std::optional<background_parser> parser;  // after `texts`, which it reads
    std::exception_ptr failure;
    std::jthread planner([&] {
      try {
        for (std::size_t i = 0; i < queries.size(); ++i) {
          if (cache != nullptr) {
            hashes[i] = sha256_hex(queries[i]);
            if (!may_have_path_label(queries[i])) cached[i] = cache->find(hashes[i]);
          }
          if (cached[i] == nullptr) to_parse.push_back(i);
        }
        texts = texts_of(to_parse);
        parser.emplace(texts);
      } catch (...) {
        failure = std::current_exception();
      }
    });
    raw = describe_on_all(connections, queries, progress);
    timer.mark("describe (pipeline)");
    planner.join();
    if (failure) std::rethrow_exception(failure);
    auto done = parser->take();
    timer.mark("parse (rest after it)");
    for (std::size_t k = 0; k < to_parse.size(); ++k) {
      parsed[to_parse[k]] = std::move(done[k].first);
      parsed_relations[to_parse[k]] = std::move(done[k].second);
    }
  }

  std::set<Oid> types;
  std::set<std::pair<Oid, int>> origins;
  std::vector<relation_name> relations;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i].error) continue;
    types.insert(raw[i].parameters.begin(), raw[i].parameters.end());
    for (const auto& column : raw[i].columns) {
      types.insert(column.type);
      if (column.origin.table_oid != 0) {
        origins.insert({column.origin.table_oid, column.origin.attnum});
      }
    }
    if (cached[i] != nullptr) {
      relations.insert(relations.end(), cached[i]->relations.begin(), cached[i]->relations.end());
    } else {
      relations.insert(relations.end(), parsed_relations[i].begin(), parsed_relations[i].end());
    }
  }
  // With a second connection the relations are looked up on it while the first looks up the
  // types and origins: the server has a core for each.
  relation_catalog catalog;
  std::exception_ptr relations_failure;
  std::jthread relation_loader;
  if (connections.size() > 1) {
    relation_loader = std::jthread([&] {
      try {
        catalog = load_relation_catalog(*connections[1], std::move(relations));
      } catch (...) {
        relations_failure = std::current_exception();
      }
    });
  }
  type_resolver resolver(conn);
  resolver.load(std::move(types));
  timer.mark("catalog: types");
  const auto origin_names = load_origins(conn, origins);
  timer.mark("catalog: origins");
  if (relation_loader.joinable()) {
    relation_loader.join();
    if (relations_failure) std::rethrow_exception(relations_failure);
  } else {
    catalog = load_relation_catalog(conn, std::move(relations));
  }
  timer.mark("catalog: relations");

  // An answer is reused only for the same catalog and the same described columns; the
  // texts whose answer cannot be reused are parsed now (both cores again).
  const std::string fingerprint = cache != nullptr ? sha256_hex(catalog.fingerprint()) : "";
  const auto same_columns = [&](const nullability_cache_entry& entry, std::size_t i) {
    return entry.described.size() == raw[i].columns.size() &&
           std::equal(entry.described.begin(), entry.described.end(), raw[i].columns.begin(),
                      [](const column_origin& a, const raw_column& b) {
                        return a.table_oid == b.origin.table_oid && a.attnum == b.origin.attnum;
                      });
  };
  std::vector<std::size_t> late;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i].error || cached[i] == nullptr) continue;
    if (fingerprint != cache->catalog() || !same_columns(*cached[i], i)) {
      parsed_relations[i] = cached[i]->relations;  // a function of the text alone
      cached[i] = nullptr;
      late.push_back(i);
    }
  }
  if (!late.empty()) {
    const auto texts = texts_of(late);
    background_parser parser(texts);
    auto done = parser.take();
    for (std::size_t k = 0; k < late.size(); ++k) parsed[late[k]] = std::move(done[k].first);
  }
  timer.mark("parse (cache misses)");
  std::map<std::string, nullability_cache_entry> entries;
  // The usual warm run: every answer reused as it was, so the cache's entries stay as they
  // were loaded (not copied into new ones), unless some are no longer used (see below).
  const bool reused_all =
      cache != nullptr && fingerprint == cache->catalog() && to_parse.empty() && late.empty();

  std::vector<describe_result> results(raw.size());
  std::vector<column_origin> described;
  description_digest digest(resolver, origin_names);
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i].error) {
      results[i].error = std::move(raw[i].error);
      continue;
    }
    described.clear();
    for (const auto& column : raw[i].columns) described.push_back(column.origin);
    std::vector<nullability> nullable;
    std::vector<std::string> outer_rows;
    if (cached[i] != nullptr) {
      nullable = cached[i]->answers;
    } else {
      nullable = parsed[i]->infer(catalog, described, &outer_rows);
    }
    if (cache != nullptr && !reused_all) {
      nullability_cache_entry& entry = entries[hashes[i]];
      entry.relations = cached[i] != nullptr ? cached[i]->relations : parsed_relations[i];
      entry.described = described;
      entry.answers = nullable;
    }
    if (trust && cache != nullptr) {
      results[i].digest =
          digest(hashes[i], raw[i].parameters, raw[i].columns, nullable, outer_rows);
      if (trust(i, results[i].digest)) {
        results[i].trusted = true;
        continue;
      }
    }

    query_description description;
    description.query = queries[i];
    for (Oid parameter : raw[i].parameters) {
      description.parameters.push_back(resolver.describe(parameter));
    }
    for (std::size_t c = 0; c < raw[i].columns.size(); ++c) {
      const raw_column& column = raw[i].columns[c];
      column_description out;
      out.name = column.name;
      out.type = resolver.describe(column.type);
      out.nullable = c < nullable.size() ? to_file_nullability(nullable[c]) : std::nullopt;
      if (auto it = origin_names.find({column.origin.table_oid, column.origin.attnum});
          it != origin_names.end()) {
        out.origin = it->second;
      }
      // Only a path label's column (a nested struct's field) records it: the metadata of
      // every other query stays as it was.
      if (c < outer_rows.size() && out.name.find('.') != std::string::npos) {
        out.outer_row = outer_rows[c];
      }
      // A whole row for a nested struct (`a AS "author.*"`): the fields of its row type.
      if (out.name.ends_with(".*")) out.fields = resolver.composite_fields(column.type);
      description.columns.push_back(std::move(out));
    }
    results[i].description = std::move(description);
  }
  if (reused_all) {
    // Unchanged unless an entry is no longer used (a query removed): then the used ones.
    std::vector<const nullability_cache_entry*> used;
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (!results[i].error) used.push_back(cached[i]);
    }
    std::ranges::sort(used);
    if (static_cast<std::size_t>(std::unique(used.begin(), used.end()) - used.begin()) !=
        cache->size()) {
      for (std::size_t i = 0; i < raw.size(); ++i) {
        if (!results[i].error) entries.emplace(hashes[i], *cached[i]);
      }
      cache->assign(fingerprint, std::move(entries), true);
    }
  } else if (cache != nullptr) {
    cache->assign(fingerprint, std::move(entries), true);
  }
  timer.mark("infer + assemble");
  return results;
}

std::size_t byte_offset_of_position(std::string_view text, int position) {
  std::size_t offset = 0;
  for (int character = 1; character < position && offset < text.size(); ++character) {
    ++offset;
    while (offset < text.size() && (static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80) {
      ++offset;
    }
  }
  return offset;
}

}  // namespace sqlx::core
