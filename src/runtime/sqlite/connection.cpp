#include "sqlx/sqlite/connection.hpp"

#include <filesystem>
#include <iterator>
#include <string>
#include <system_error>
#include <thread>

#include "../internal/sqlite_busy_cancel.hpp"
#include "connection_impl.hpp"

namespace sqlx::sqlite {
namespace detail {

const std::atomic<bool>*& busy_wait_cancel() noexcept {
  thread_local const std::atomic<bool>* flag = nullptr;
  return flag;
}

namespace {

// The busy handler: sqlite3_busy_timeout's own sleeps (short first, then longer), bounded by
// the connection's busy timeout. Ours rather than sqlite3_busy_timeout so that the error
// message can tell "waited the whole timeout" from "failed at once".
int on_busy(void* context, int count) {
  auto* conn = static_cast<connection_impl*>(context);
  const auto now = std::chrono::steady_clock::now();
  if (count == 0) conn->wait_started = now;
  const auto timeout = conn->options.busy_timeout();
  const auto waited = now - conn->wait_started;
  if (waited >= timeout) {
    conn->gave_up = true;
    return 0;
  }
  // An async operation cancelled while it waits (sqlite_busy_cancel.hpp).
  if (const auto* cancel = busy_wait_cancel();
      cancel != nullptr && cancel->load(std::memory_order_relaxed)) {
    return 0;
  }
  static constexpr int delays_ms[] = {1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100};
  constexpr int last = sizeof(delays_ms) / sizeof(delays_ms[0]) - 1;
  std::chrono::nanoseconds delay =
      std::chrono::milliseconds(delays_ms[count < last ? count : last]);
  if (delay > timeout - waited) delay = timeout - waited;
  std::this_thread::sleep_for(delay);
  return 1;
}

// What is wrong with `path`, for the error of a database that would not open.
[[nodiscard]] std::string diagnose_path(const connect_options& options, const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path file(path);
  const fs::path dir = file.has_parent_path() ? file.parent_path() : fs::path(".");
  if (!fs::exists(dir, ec)) return "the directory " + dir.string() + " does not exist";
  if (fs::is_directory(file, ec)) return path + " is a directory";
  if (!fs::exists(file, ec)) {
    if (!options.create_if_missing()) {
      return "the file does not exist (add ?mode=rwc to the URL, or create_if_missing(true), "
             "to create it)";
    }
    return "the directory " + dir.string() + " is not writable";
  }
  return {};
}

[[noreturn]] void throw_open_error(sqlite3* db, int rc, const connect_options& options,
                                   const std::string& path) {
  database_error::fields f;
  f.extended_code = db != nullptr ? sqlite3_extended_errcode(db) : rc;
  f.code = f.extended_code & 0xff;
  f.message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  std::string what = "cannot open SQLite database " + path + ": " + f.message;
  if (f.code == SQLITE_CANTOPEN) {
    const std::string why = diagnose_path(options, path);
    if (!why.empty()) what += ": " + why;
  } else if (f.code == SQLITE_NOTADB) {
    what += " (the file exists but is not a SQLite database, or is encrypted)";
  } else if (f.code == SQLITE_CORRUPT) {
    what += " (the file is corrupt)";
  } else if (f.code == SQLITE_READONLY || f.code == SQLITE_PERM) {
    what += " (open it read-only with ?mode=ro, or fix the file's permissions)";
  }
  throw connection_error(what, std::move(f));
}

// The name and flags sqlite3_open_v2 gets for `options`.
struct open_target {
  std::string name;
  int flags = 0;
};

[[nodiscard]] std::string uri_path(std::string_view path) {
  std::string out;
  for (const char c : path) {
    if (c == '%' || c == '?' || c == '#') {
      static constexpr char hex[] = "0123456789ABCDEF";
      out.push_back('%');
      out.push_back(hex[static_cast<unsigned char>(c) >> 4]);
      out.push_back(hex[static_cast<unsigned char>(c) & 0xF]);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

[[nodiscard]] open_target open_target_of(const connect_options& options) {
  open_target target;
  // Multi-thread mode: a connection is used by one thread at a time (the pool's rule), so
  // SQLite's per-connection mutex is only overhead.
  target.flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  target.flags |= options.read_only() ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  if (options.create_if_missing() && !options.read_only()) target.flags |= SQLITE_OPEN_CREATE;
  target.flags |= options.shared_cache() ? SQLITE_OPEN_SHAREDCACHE : SQLITE_OPEN_PRIVATECACHE;
  if (options.in_memory()) {
    target.flags |= SQLITE_OPEN_URI | SQLITE_OPEN_MEMORY | SQLITE_OPEN_CREATE;
    std::string name = options.filename();
    if (!name.starts_with("file:")) name = "file:" + uri_path(name);
    target.name = name + "?mode=memory&cache=shared";
    return target;
  }
  if (options.immutable()) {
    target.flags |= SQLITE_OPEN_URI;
    target.name = "file:" + uri_path(options.filename()) + "?immutable=1";
    return target;
  }
  target.name = options.filename();
  return target;
}

}  // namespace

connection_impl::~connection_impl() {
  for (cached_statement& entry : lru) sqlite3_finalize(entry.stmt);
  unregister_holder(holder);
  sqlite3_close_v2(db);
}

}  // namespace detail

connection connection::connect(std::string_view url) {
  return connect(connect_options::parse(url));
}

connection connection::connect(const connect_options& options) {
  if (options.filename().empty()) {
    throw configuration_error(
        "SQLite connect_options without a database: set filename() or use parse(url)");
  }
  const detail::open_target target = detail::open_target_of(options);
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(target.name.c_str(), &db, target.flags,
                                 options.vfs().empty() ? nullptr : options.vfs().c_str());
  if (rc != SQLITE_OK) {
    try {
      detail::throw_open_error(db, rc, options, options.filename());
    } catch (...) {
      sqlite3_close_v2(db);
      throw;
    }
  }
  auto* impl = new detail::connection_impl;
  impl->db = db;
  impl->options = options;
  const char* file = sqlite3_db_filename(db, "main");
  impl->file = file == nullptr ? std::string() : std::string(file);
  connection conn(impl);
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_handler(db, &detail::on_busy, impl);
  impl->holder = detail::register_holder(impl->file);

  // The pragmas in sqlx's order; reading the schema first makes a file that is not a database
  // (or whose schema is corrupt) fail here, at connect, not at the first query.
  std::string pragmas = "SELECT count(*) FROM sqlite_schema;";
  if (const auto mode = options.journal_mode()) {
    pragmas += "PRAGMA journal_mode = " + std::string(to_string(*mode)) + ";";
  }
  pragmas += options.foreign_keys() ? "PRAGMA foreign_keys = ON;" : "PRAGMA foreign_keys = OFF;";
  if (const auto mode = options.synchronous()) {
    pragmas += "PRAGMA synchronous = " + std::string(to_string(*mode)) + ";";
  }
  for (const auto& [name, value] : options.pragmas()) {
    pragmas += "PRAGMA " + name + " = " + value + ";";
  }
  const int prc = sqlite3_exec(db, pragmas.c_str(), nullptr, nullptr, nullptr);
  if (prc != SQLITE_OK) {
    const int code = sqlite3_extended_errcode(db) & 0xff;
    if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT || code == SQLITE_CANTOPEN) {
      detail::throw_open_error(db, prc, options, impl->file);
    }
    detail::throw_error(impl, prc, "setting up the SQLite connection to " + impl->file);
  }
  return conn;
}

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

void connection::execute(std::string_view sql) {
  impl_->note_transaction_state();
  const std::string text(sql);
  char* message = nullptr;
  const int rc = sqlite3_exec(impl_->db, text.c_str(), nullptr, nullptr, &message);
  sqlite3_free(message);  // sqlite3_errmsg has it too
  impl_->note_transaction_state();
  if (rc != SQLITE_OK) detail::throw_error(impl_, rc, "SQLite statement \"" + text + "\"");
}

statement connection::prepare(std::string_view sql) {
  auto found = impl_->index.find(sql);
  if (found != impl_->index.end() && !found->second->in_use) {
    auto position = found->second;
    if (position != impl_->lru.begin()) impl_->lru.splice(impl_->lru.begin(), impl_->lru, position);
    position->in_use = true;
    return statement(impl_, position->stmt, &*position);
  }
  sqlite3_stmt* stmt = nullptr;
  const char* tail = nullptr;
  const bool cache = impl_->options.statement_cache_capacity() > 0 && found == impl_->index.end();
  const int rc = sqlite3_prepare_v3(impl_->db, sql.data(), static_cast<int>(sql.size()),
                                    cache ? SQLITE_PREPARE_PERSISTENT : 0, &stmt, &tail);
  if (rc != SQLITE_OK) {
    detail::throw_error(impl_, rc, "preparing SQLite statement \"" + std::string(sql) + "\"");
  }
  if (stmt == nullptr) {
    throw sqlx::error("SQLite statement \"" + std::string(sql) + "\" is empty");
  }
  if (!cache) return statement(impl_, stmt, nullptr);
  impl_->lru.push_front(detail::cached_statement{std::string(sql), stmt, true});
  detail::cached_statement& entry = impl_->lru.front();
  impl_->index.emplace(entry.text, impl_->lru.begin());
  // Evict beyond capacity, least recently used first; a statement lent out stays.
  for (auto it = impl_->lru.end();
       impl_->lru.size() > impl_->options.statement_cache_capacity() && it != impl_->lru.begin();) {
    --it;
    if (it->in_use) continue;
    const auto next = std::next(it);
    impl_->drop(it);
    it = next;
  }
  return statement(impl_, stmt, &entry);
}

statement connection::prepare_static(std::string_view sql) {
  const auto found = impl_->by_address.find(sql.data());
  if (found != impl_->by_address.end()) {
    const auto position = found->second;
    if (!position->in_use && position->text.size() == sql.size()) {
      if (position != impl_->lru.begin()) {
        impl_->lru.splice(impl_->lru.begin(), impl_->lru, position);
      }
      position->in_use = true;
      return statement(impl_, position->stmt, &*position);
    }
  }
  statement stmt = prepare(sql);
  if (auto* entry = stmt.cached_; entry != nullptr && entry->address != sql.data()) {
    if (entry->address != nullptr) impl_->by_address.erase(entry->address);
    entry->address = sql.data();
    impl_->by_address[sql.data()] = impl_->index.find(entry->text)->second;
  }
  return stmt;
}

std::int64_t connection::last_insert_rowid() const noexcept {
  return sqlite3_last_insert_rowid(impl_->db);
}
std::uint64_t connection::changes() const noexcept {
  return static_cast<std::uint64_t>(sqlite3_changes64(impl_->db));
}
bool connection::in_transaction() const noexcept {
  return sqlite3_get_autocommit(impl_->db) == 0;
}
const std::string& connection::filename() const noexcept {
  return impl_->file;
}
const connect_options& connection::options() const noexcept {
  return impl_->options;
}
std::size_t connection::cached_statements() const noexcept {
  return impl_->lru.size();
}
sqlite3* connection::native_handle() const noexcept {
  return impl_->db;
}

}  // namespace sqlx::sqlite
