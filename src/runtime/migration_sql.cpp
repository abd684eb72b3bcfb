#include "internal/migration_sql.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>

#include "internal/admin.hpp"
#include "internal/sql_split.hpp"

namespace sqlx::pg::detail {
namespace {

bool is_continuation(char ch) noexcept {
  return (static_cast<unsigned char>(ch) & 0xC0) == 0x80;
}

// Characters (not bytes: the server counts characters) in `text`.
int characters(std::string_view text) {
  return static_cast<int>(
      std::ranges::count_if(text, [](char ch) { return !is_continuation(ch); }));
}

// Line and column (1-based, in characters) of a 1-based character position in `sql`.
std::pair<int, int> line_and_column(std::string_view sql, int position) {
  int line = 1;
  int column = 1;
  int chars = 0;
  for (const char ch : sql) {
    if (is_continuation(ch)) continue;
    if (++chars == position) break;
    if (ch == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

std::string line_text(std::string_view sql, int line) {
  std::size_t start = 0;
  for (int i = 1; i < line; ++i) {
    start = sql.find('\n', start);
    if (start == std::string_view::npos) return {};
    ++start;
  }
  auto end = sql.find('\n', start);
  if (end == std::string_view::npos) end = sql.size();
  std::string text(sql.substr(start, end - start));
  if (!text.empty() && text.back() == '\r') text.pop_back();
  return text;
}

struct failure {
  std::string what;               // the server's error as the runtime formats it
  database_error::fields fields;  // position: in characters from the start of the file
  int file_position = 0;          // where to point: the error, else the failing statement
  std::size_t statements_done = 0;
};

failure failure_of(const database_error& e, std::string_view sql, std::size_t offset,
                   std::size_t done) {
  failure f{e.what(), {e.sqlstate(), e.message(), e.detail(), e.hint(), e.position()}, 0, done};
  const int before = characters(sql.substr(0, offset));
  if (f.fields.position > 0) f.fields.position += before;
  f.file_position = f.fields.position > 0 ? f.fields.position : offset > 0 ? before + 1 : 0;
  return f;
}

std::optional<failure> run(connection& conn, const migration& m) {
  if (!m.no_transaction) {
    try {
      conn.execute(m.sql);
      return std::nullopt;
    } catch (const database_error& e) {
      return failure_of(e, m.sql, 0, 0);
    }
  }
  const auto statements = split_statements(m.sql);
  for (std::size_t i = 0; i < statements.size(); ++i) {
    try {
      conn.execute(std::string(statements[i].text));
    } catch (const database_error& e) {
      return failure_of(e, m.sql, statements[i].offset, i);
    }
  }
  return std::nullopt;
}

// When the name an object was to take is held by an INVALID index (one an earlier CREATE INDEX
// CONCURRENTLY left when it failed), what that is and how to get out; "" otherwise.
std::string invalid_index_advice(connection& conn, const failure& f) {
  if (f.fields.sqlstate != "42P07") return {};  // duplicate_table: "relation ... already exists"
  try {
    const pq_result r = exec_params(conn,
                                    "SELECT c.relname, format('%I.%I', n.nspname, c.relname) "
                                    "FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                                    "JOIN pg_namespace n ON n.oid = c.relnamespace "
                                    "WHERE NOT i.indisvalid "
                                    "ORDER BY n.nspname = ANY (current_schemas(false)) DESC");
    // The index the message names: "t2_id" quoted as the server quotes it, else the longest
    // name in the message (another language may quote differently).
    std::optional<int> best;
    for (int row = 0; row < PQntuples(r.get()); ++row) {
      const std::string name = PQgetvalue(r.get(), row, 0);
      if (f.fields.message.find('"' + name + '"') != std::string::npos) {
        best = row;
        break;
      }
      if (f.fields.message.find(name) != std::string::npos &&
          (!best || name.size() > std::string_view(PQgetvalue(r.get(), *best, 0)).size())) {
        best = row;
      }
    }
    if (!best) return {};
    const std::string qualified = PQgetvalue(r.get(), *best, 1);
    return fmt::format(
        "\n{} is an INVALID index (pg_index.indisvalid = false) left behind by an earlier CREATE "
        "INDEX CONCURRENTLY that failed or was cancelled: PostgreSQL keeps it (unused, yet "
        "updated on every write) and its name stays taken. Drop it, then run the migrations "
        "again:\n    DROP INDEX CONCURRENTLY {};\n(Adding IF NOT EXISTS to the migration "
        "would not help: it would skip the invalid index and leave it unusable.)",
        qualified, qualified);
  } catch (const sqlx::error&) {
    return {};  // only advice: the migration's own error is what matters
  }
}

std::string outcome(const migration& m, const failure& f) {
  if (!m.no_transaction) {
    return "Its transaction was rolled back: nothing of it remains. Fix the file and run again.";
  }
  const std::string done =
      f.statements_done == 0 ? "the failing statement was its first"
      : f.statements_done == 1
          ? "the statement before it took effect and stays"
          : fmt::format("the {} statements before it took effect and stay", f.statements_done);
  return fmt::format(
      "It ran outside a transaction (-- no-transaction), one statement at a time: {}. The "
      "migration is not recorded as applied.",
      done);
}

}  // namespace

void run_migration_sql(connection& conn, const migration& m, bool down) {
  std::optional<failure> f = run(conn, m);
  if (!f) return;
  rollback_if_in_transaction(conn);  // leaves the connection usable for the lookup below
  std::string where;
  if (f->file_position > 0) {
    const auto [line, column] = line_and_column(m.sql, f->file_position);
    where = fmt::format("\n  at line {}, column {}: {}", line, column, line_text(m.sql, line));
  }
  const std::string advice = invalid_index_advice(conn, *f);
  throw migration_failed_error(
      fmt::format("{} failed{}: {}{}{}\n{}", m.name(), down ? " to revert" : "", f->what, where,
                  advice, outcome(m, *f)),
      m.version, std::move(f->fields));
}

}  // namespace sqlx::pg::detail
