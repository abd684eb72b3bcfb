// The labelled SQLite nullability corpus (tests/nullability/sqlite/corpus.txt) against a real
// database file: every label is checked against the adversarial data (data.sql), then compared
// with what describe infers. The rule that must never break: no `false` (not null) for a
// column that can be NULL.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <charconv>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "describe/sqlite/describe.hpp"
#include "nullability/sqlite/query_generator.hpp"
#include "runtime/internal/read_file.hpp"
#include "support/sqlite_file.hpp"

namespace {
namespace fs = std::filesystem;

struct label {
  std::string name;
  bool nullable = false;
};

struct corpus_entry {
  std::string name;
  int line = 0;
  std::string sql;
  std::vector<label> columns;
  std::vector<std::optional<std::string>> params;
  std::set<std::string> unreachable;
};

fs::path corpus_dir() {
  return fs::path(SQLX_CPP_SOURCE_DIR) / "tests" / "nullability" / "sqlite";
}

std::string trim(std::string_view s) {
  const auto begin = s.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return {};
  const auto end = s.find_last_not_of(" \t");
  return std::string(s.substr(begin, end - begin + 1));
}

std::vector<std::string> split(std::string_view s, char separator) {
  std::vector<std::string> parts;
  std::string current;
  for (char c : s) {
    if (c == separator) {
      parts.push_back(trim(current));
      current.clear();
    } else {
      current += c;
    }
  }
  parts.push_back(trim(current));
  return parts;
}

std::vector<corpus_entry> read_corpus(const fs::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  std::vector<corpus_entry> entries;
  int number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    if (line.starts_with("query ")) {
      entries.push_back({trim(line.substr(6)), number, {}, {}, {}, {}});
      continue;
    }
    if (entries.empty()) throw std::runtime_error(fmt::format("line {}: no query", number));
    auto& e = entries.back();
    if (line.starts_with("  ")) {
      e.sql += (e.sql.empty() ? "" : "\n") + trim(line);
    } else if (line.starts_with("columns ")) {
      std::istringstream words(line.substr(8));
      for (std::string w; words >> w;) {
        if (w.size() < 2 || (w.back() != '!' && w.back() != '?')) {
          throw std::runtime_error(fmt::format("line {}: bad label {}", number, w));
        }
        e.columns.push_back({w.substr(0, w.size() - 1), w.back() == '?'});
      }
    } else if (line.starts_with("params ")) {
      for (const auto& p : split(line.substr(7), '|')) {
        e.params.push_back(p == "NULL" ? std::nullopt : std::optional<std::string>(p));
      }
    } else if (line.starts_with("unreachable ")) {
      e.unreachable.insert(split(trim(line.substr(12)), ' ').front());
    } else {
      throw std::runtime_error(fmt::format("line {}: cannot read: {}", number, line));
    }
  }
  return entries;
}

// A parameter as the application would bind it: a number as a number, else text.
void bind(sqlite3_stmt* stmt, int index, const std::optional<std::string>& value) {
  if (!value) {
    sqlite3_bind_null(stmt, index);
    return;
  }
  std::int64_t integer = 0;
  const char* end = value->data() + value->size();
  if (auto [p, ec] = std::from_chars(value->data(), end, integer); ec == std::errc() && p == end) {
    sqlite3_bind_int64(stmt, index, integer);
    return;
  }
  sqlite3_bind_text(stmt, index, value->c_str(), -1, SQLITE_TRANSIENT);
}

// Which columns were NULL in some row; DML rolled back afterwards.
std::vector<bool> run(const sqlx::test::sqlite_file& file, const corpus_entry& e) {
  file.exec("SAVEPOINT corpus");
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(file.db(), e.sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << e.name << ": " << sqlite3_errmsg(file.db());
    file.exec("ROLLBACK TO corpus; RELEASE corpus");
    return {};
  }
  for (std::size_t i = 0; i < e.params.size(); ++i)
    bind(stmt, static_cast<int>(i + 1), e.params[i]);
  std::vector<bool> seen(static_cast<std::size_t>(sqlite3_column_count(stmt)), false);
  int rc = 0;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    for (std::size_t c = 0; c < seen.size(); ++c) {
      if (sqlite3_column_type(stmt, static_cast<int>(c)) == SQLITE_NULL) seen[c] = true;
    }
  }
  if (rc != SQLITE_DONE) ADD_FAILURE() << e.name << ": " << sqlite3_errmsg(file.db());
  sqlite3_finalize(stmt);
  file.exec("ROLLBACK TO corpus; RELEASE corpus");
  return seen;
}

TEST(sqlite_nullability_corpus, labels_hold_and_inference_is_safe_and_exact) {
  sqlx::test::sqlite_file file;
  file.exec(sqlx::detail::read_file(corpus_dir() / "schema.sql"));
  file.exec(sqlx::detail::read_file(corpus_dir() / "data.sql"));
  const auto entries = read_corpus(corpus_dir() / "corpus.txt");
  ASSERT_GE(entries.size(), 100U);

  sqlx::core::sqlite::schema_catalog catalog(file.db());
  std::size_t columns = 0, exact = 0, unsafe = 0, unknown = 0, conservative = 0;
  std::string misses;
  for (const auto& e : entries) {
    SCOPED_TRACE(fmt::format("corpus.txt:{}: {}", e.line, e.name));
    const auto described = sqlx::core::sqlite::describe_query(file.db(), catalog, e.sql);
    ASSERT_FALSE(described.error) << described.error->message;
    const auto& d = *described.description;
    ASSERT_EQ(d.columns.size(), e.columns.size()) << "label every column";
    const auto seen = run(file, e);
    ASSERT_EQ(seen.size(), e.columns.size());
    for (std::size_t c = 0; c < e.columns.size(); ++c) {
      const auto& l = e.columns[c];
      EXPECT_EQ(d.columns[c].name, l.name) << "labels follow SQLite's column order";
      if (!l.nullable) {
        EXPECT_FALSE(seen[c]) << l.name << " is labelled not null but was NULL";
      } else if (!e.unreachable.contains(l.name)) {
        EXPECT_TRUE(seen[c]) << l.name << " is labelled nullable but never NULL here";
      }
      ++columns;
      const auto& inferred = d.columns[c].nullable;
      if (!inferred) {
        ++unknown;
      } else if (*inferred == l.nullable) {
        ++exact;
        continue;
      } else if (!*inferred) {
        ++unsafe;
        ADD_FAILURE() << l.name << " inferred not null, can be NULL";
      } else {
        ++conservative;
      }
      misses += fmt::format("  {}.{}: labelled {}, inferred {}\n", e.name, l.name,
                            l.nullable ? "nullable" : "not null",
                            !inferred   ? "unknown"
                            : *inferred ? "nullable"
                                        : "not null");
    }
  }
  const double exact_rate = 100.0 * static_cast<double>(exact) / static_cast<double>(columns);
  const double unknown_rate = 100.0 * static_cast<double>(unknown) / static_cast<double>(columns);
  fmt::print(
      "SQLite nullability corpus: {} columns in {} queries: exact {:.1f}%, unsafe {}, unknown "
      "{:.1f}%, nullable where never NULL {}\n{}",
      columns, entries.size(), exact_rate, unsafe, unknown_rate, conservative, misses);
  EXPECT_EQ(unsafe, 0U);
  EXPECT_GE(exact_rate, 95.0);
  EXPECT_LT(unknown_rate, 5.0);
}

// Random queries over the same schema and data: whatever inference answers, a column it calls
// not null is never NULL in the output. (The generator's queries are valid SQLite; the few
// SQLite rejects, such as an ambiguous GROUP BY, are skipped.)
TEST(sqlite_nullability_corpus, random_queries_never_contradict_not_null) {
  sqlx::test::sqlite_file file;
  file.exec(sqlx::detail::read_file(corpus_dir() / "schema.sql"));
  file.exec(sqlx::detail::read_file(corpus_dir() / "data.sql"));
  sqlx::core::sqlite::schema_catalog catalog(file.db());
  std::size_t ran = 0, columns = 0, not_null = 0, unknown = 0, unsafe = 0, seen_null = 0;
  constexpr std::size_t total = 3000;
  for (unsigned seed = 0; seed < total; ++seed) {
    corpus_entry e;
    e.name = fmt::format("random {}", seed);
    e.sql = sqlx::test::sqlite_query_generator(seed).next();
    const auto described = sqlx::core::sqlite::describe_query(file.db(), catalog, e.sql);
    if (described.error) continue;
    ++ran;
    const auto seen = run(file, e);
    const auto& d = *described.description;
    ASSERT_EQ(seen.size(), d.columns.size()) << e.sql;
    for (std::size_t c = 0; c < seen.size(); ++c) {
      ++columns;
      if (seen[c]) ++seen_null;
      if (!d.columns[c].nullable) ++unknown;
      if (d.columns[c].nullable == false) {
        ++not_null;
        if (seen[c]) {
          ++unsafe;
          ADD_FAILURE() << "column " << c << " inferred not null, was NULL: " << e.sql;
        }
      }
    }
  }
  fmt::print(
      "SQLite random queries: {} of {} ran, {} columns: {} inferred not null, {} unknown, "
      "{} observed NULL; unsafe {}\n",
      ran, total, columns, not_null, unknown, seen_null, unsafe);
  EXPECT_EQ(unsafe, 0U);
  EXPECT_GE(ran * 10, total * 8) << "the generator should make valid SQL";
  EXPECT_GE(seen_null * 5, columns) << "the data should make NULLs often";
}

}  // namespace
