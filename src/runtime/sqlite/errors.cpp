// SQLite's errors as sqlx::sqlite::database_error, and the one message of SQLITE_BUSY: how long
// the connection waited and what holds the lock, as far as SQLite and this process can tell.
#include <string>

#include "connection_impl.hpp"
#include "sqlx/sqlite/error.hpp"

namespace sqlx::sqlite {

database_error::~database_error() = default;
connection_error::~connection_error() = default;

bool database_error::is_busy() const noexcept {
  return fields_.code == SQLITE_BUSY || fields_.code == SQLITE_LOCKED;
}

namespace detail {
namespace {

// The symbolic name of a result code: what a user greps the SQLite documentation for.
[[nodiscard]] std::string code_name(int extended) {
  switch (extended) {
    case SQLITE_BUSY_SNAPSHOT:
      return "SQLITE_BUSY_SNAPSHOT";
    case SQLITE_BUSY_RECOVERY:
      return "SQLITE_BUSY_RECOVERY";
    case SQLITE_BUSY_TIMEOUT:
      return "SQLITE_BUSY_TIMEOUT";
    case SQLITE_LOCKED_SHAREDCACHE:
      return "SQLITE_LOCKED_SHAREDCACHE";
    case SQLITE_CONSTRAINT_UNIQUE:
      return "SQLITE_CONSTRAINT_UNIQUE";
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return "SQLITE_CONSTRAINT_PRIMARYKEY";
    case SQLITE_CONSTRAINT_NOTNULL:
      return "SQLITE_CONSTRAINT_NOTNULL";
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return "SQLITE_CONSTRAINT_FOREIGNKEY";
    case SQLITE_CONSTRAINT_CHECK:
      return "SQLITE_CONSTRAINT_CHECK";
    case SQLITE_CONSTRAINT_TRIGGER:
      return "SQLITE_CONSTRAINT_TRIGGER";
    case SQLITE_READONLY_DBMOVED:
      return "SQLITE_READONLY_DBMOVED";
    case SQLITE_CANTOPEN_ISDIR:
      return "SQLITE_CANTOPEN_ISDIR";
    case SQLITE_CANTOPEN_FULLPATH:
      return "SQLITE_CANTOPEN_FULLPATH";
    case SQLITE_IOERR_SHORT_READ:
      return "SQLITE_IOERR_SHORT_READ";
    default:
      break;
  }
  switch (extended & 0xff) {
    case SQLITE_ERROR:
      return "SQLITE_ERROR";
    case SQLITE_INTERNAL:
      return "SQLITE_INTERNAL";
    case SQLITE_PERM:
      return "SQLITE_PERM";
    case SQLITE_ABORT:
      return "SQLITE_ABORT";
    case SQLITE_BUSY:
      return "SQLITE_BUSY";
    case SQLITE_LOCKED:
      return "SQLITE_LOCKED";
    case SQLITE_NOMEM:
      return "SQLITE_NOMEM";
    case SQLITE_READONLY:
      return "SQLITE_READONLY";
    case SQLITE_INTERRUPT:
      return "SQLITE_INTERRUPT";
    case SQLITE_IOERR:
      return "SQLITE_IOERR";
    case SQLITE_CORRUPT:
      return "SQLITE_CORRUPT";
    case SQLITE_FULL:
      return "SQLITE_FULL";
    case SQLITE_CANTOPEN:
      return "SQLITE_CANTOPEN";
    case SQLITE_PROTOCOL:
      return "SQLITE_PROTOCOL";
    case SQLITE_SCHEMA:
      return "SQLITE_SCHEMA";
    case SQLITE_TOOBIG:
      return "SQLITE_TOOBIG";
    case SQLITE_CONSTRAINT:
      return "SQLITE_CONSTRAINT";
    case SQLITE_MISMATCH:
      return "SQLITE_MISMATCH";
    case SQLITE_MISUSE:
      return "SQLITE_MISUSE";
    case SQLITE_RANGE:
      return "SQLITE_RANGE";
    case SQLITE_NOTADB:
      return "SQLITE_NOTADB";
    default:
      return "SQLite error " + std::to_string(extended);
  }
}

[[nodiscard]] std::string plural(int n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// Why the statement got SQLITE_BUSY: the wait, then who holds the lock.
[[nodiscard]] std::string explain_busy(connection_impl* conn, int extended) {
  std::string text;
  const auto timeout = conn->options.busy_timeout().count();
  const std::string file = conn->file.empty() ? "the in-memory database" : conn->file;
  if (conn->gave_up) {
    text = "; gave up after waiting the busy timeout (" + std::to_string(timeout) +
           " ms, connect_options::busy_timeout) for the lock on " + file;
  } else if (extended == SQLITE_BUSY_SNAPSHOT) {
    text =
        "; failed at once, without waiting: this connection's transaction read an older "
        "snapshot of " +
        file +
        " than another connection has since committed, so it cannot start writing (a DEFERRED "
        "transaction that read before it wrote); retry the transaction, or begin it IMMEDIATE";
    return text;
  } else if (sqlite3_txn_state(conn->db, nullptr) == SQLITE_TXN_READ) {
    text =
        "; failed at once, without waiting: this connection's transaction holds a read lock "
        "and needs the write lock another connection holds on " +
        file +
        " (SQLite does not wait there: it would deadlock); begin the transaction IMMEDIATE so "
        "that it takes the write lock first";
  } else {
    text = "; failed at once, without waiting for the lock on " + file;
  }
  const lock_census others = census(conn->holder);
  if (others.writers > 0) {
    text += "; held by " + plural(others.writers, "other connection", "other connections") +
            " of this process in a write transaction";
  } else if (others.readers > 0) {
    text += "; no connection of this process is writing, " +
            plural(others.readers, "other connection", "other connections") +
            " of this process are in a read transaction (outside WAL mode readers keep a "
            "writer from committing), else another process holds it";
  } else {
    text +=
        "; no other connection of this process holds a transaction on it: another process "
        "holds the lock (or a connection opened outside sqlx-cpp, or a statement of this "
        "process still running)";
  }
  return text;
}

[[nodiscard]] std::string quoted_sql(std::string_view sql) {
  constexpr std::size_t limit = 200;
  std::string text = "\"";
  text += sql.size() > limit ? std::string(sql.substr(0, limit)) + "..." : std::string(sql);
  text += "\"";
  return text;
}

}  // namespace

void throw_error(connection_impl* conn, int rc, std::string_view context) {
  database_error::fields f;
  sqlite3* db = conn != nullptr ? conn->db : nullptr;
  f.extended_code = db != nullptr ? sqlite3_extended_errcode(db) : rc;
  if ((f.extended_code & 0xff) != (rc & 0xff)) f.extended_code = rc;
  f.code = f.extended_code & 0xff;
  f.message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  f.offset = db != nullptr ? sqlite3_error_offset(db) : -1;
  std::string what =
      std::string(context) + ": " + f.message + " (" + code_name(f.extended_code) + ")";
  if ((f.code == SQLITE_BUSY || f.code == SQLITE_LOCKED) && conn != nullptr) {
    what += explain_busy(conn, f.extended_code);
    conn->gave_up = false;
  }
  throw database_error(what, std::move(f));
}

void throw_step_error(connection_impl* conn, sqlite3_stmt* stmt, int rc) {
  const char* sql = sqlite3_sql(stmt);
  throw_error(conn, rc, "SQLite statement " + quoted_sql(sql == nullptr ? "" : sql));
}

void throw_bind_error(connection_impl* conn, sqlite3_stmt* stmt, int rc, int index) {
  const char* sql = sqlite3_sql(stmt);
  throw_error(conn, rc,
              "binding parameter " + std::to_string(index) + " of " +
                  quoted_sql(sql == nullptr ? "" : sql));
}

void throw_null_value(sqlite3_stmt* stmt, int column, std::string_view cpp_type) {
  const char* name = sqlite3_column_name(stmt, column);
  throw decode_error("column \"" + std::string(name == nullptr ? "?" : name) +
                     "\" is NULL, which " + std::string(cpp_type) +
                     " cannot hold: read it into std::optional<" + std::string(cpp_type) + ">");
}

void throw_out_of_range(std::int64_t value, std::string_view cpp_type) {
  throw decode_error("SQLite integer " + std::to_string(value) + " does not fit in " +
                     std::string(cpp_type));
}

}  // namespace detail
}  // namespace sqlx::sqlite
