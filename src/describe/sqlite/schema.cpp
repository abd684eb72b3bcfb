#include "describe/sqlite/schema.hpp"

#include <algorithm>

#include "describe/sqlite/lexer.hpp"
#include "describe/sqlite/parser.hpp"

namespace sqlx::core::sqlite {

namespace {

// A prepared statement finalized on scope exit.
class statement_handle {
 public:
  statement_handle(sqlite3* db, const std::string& sql) {
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt_, nullptr) != SQLITE_OK) stmt_ = nullptr;
  }
  ~statement_handle() { sqlite3_finalize(stmt_); }
  statement_handle(const statement_handle&) = delete;
  statement_handle& operator=(const statement_handle&) = delete;
  [[nodiscard]] sqlite3_stmt* get() const noexcept { return stmt_; }
  void bind(int index, std::string_view text) const {
    sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  }
  [[nodiscard]] std::string text(int column) const {
    const auto* p = sqlite3_column_text(stmt_, column);
    return p == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(p));
  }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

std::string quote_name(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    out += c;
    if (c == '"') out += '"';
  }
  return out + "\"";
}

// "CREATE [TEMP] VIEW [IF NOT EXISTS] [s.]name [(cols)] AS select": the column list and the
// SELECT; an empty select when the text is not understood.
void parse_view(std::string_view sql, schema_relation& view) {
  const auto tokens = tokenize(sql);
  std::size_t i = 0;
  auto is = [&](std::string_view kw) {
    return tokens[i].kind == token_kind::identifier && iequals(tokens[i].text, kw);
  };
  while (i < tokens.size() && !is("VIEW")) ++i;
  ++i;
  if (i < tokens.size() && is("IF")) i += 3;
  i += 1;  // the name
  if (i < tokens.size() && tokens[i].kind == token_kind::op && tokens[i].text == ".") i += 2;
  if (i < tokens.size() && tokens[i].kind == token_kind::op && tokens[i].text == "(") {
    for (++i; i < tokens.size() && tokens[i].text != ")"; ++i) {
      if (tokens[i].kind != token_kind::op) view.view_columns.push_back(tokens[i].text);
    }
    ++i;
  }
  if (i >= tokens.size() || !is("AS")) return;
  try {
    parser p(sql.substr(tokens[i + 1].offset));
    view.view_select = p.parse_select();
  } catch (const parse_error&) {
    view.view_select = nullptr;
  }
}

bool ends_without_rowid(std::string_view sql) {
  const auto tokens = tokenize(sql);
  const std::size_t n = tokens.size();  // the last is `end`
  for (std::size_t i = 0; i + 2 < n; ++i) {
    if (iequals(tokens[i].text, "WITHOUT") && iequals(tokens[i + 1].text, "ROWID")) return true;
  }
  return false;
}

}  // namespace

const schema_relation* schema_catalog::find(std::string_view schema, std::string_view name) {
  std::string key = to_lower(schema);
  key += '\0';
  key += to_lower(name);
  auto it = cache_.find(key);
  if (it == cache_.end()) it = cache_.emplace(std::move(key), load(schema, name)).first;
  return it->second.get();
}

std::unique_ptr<schema_relation> schema_catalog::load(std::string_view schema,
                                                      std::string_view name) {
  std::vector<std::string> schemas;
  if (!schema.empty()) {
    schemas.emplace_back(schema);
  } else {
    // SQLite looks in temp first, then main, then the attached databases in order. (No
    // std::stable_partition: its buffer is deprecated for clang with libstdc++ 12.)
    schemas.emplace_back("temp");
    statement_handle list(db_, "SELECT name FROM pragma_database_list ORDER BY seq");
    while (list.get() != nullptr && sqlite3_step(list.get()) == SQLITE_ROW) {
      std::string name = list.text(0);
      if (name != "temp") schemas.push_back(std::move(name));
    }
  }
  for (const auto& s : schemas) {
    const std::string master = iequals(s, "temp") ? "sqlite_temp_master" : "sqlite_master";
    statement_handle find(db_, "SELECT type, sql, name FROM " + quote_name(s) + "." + master +
                                   " WHERE type IN ('table', 'view') AND name = ?1 COLLATE "
                                   "NOCASE");
    if (find.get() == nullptr) continue;
    find.bind(1, name);
    std::unique_ptr<schema_relation> relation;
    if (sqlite3_step(find.get()) == SQLITE_ROW) {
      relation = std::make_unique<schema_relation>();
      relation->name = find.text(2);
      relation->is_view = find.text(0) == "view";
      const std::string sql = find.text(1);
      const bool is_virtual = sql.size() >= 14 && iequals(sql.substr(0, 14), "CREATE VIRTUAL");
      relation->has_rowid = !relation->is_view && !is_virtual && !ends_without_rowid(sql);
      if (relation->is_view) parse_view(sql, *relation);
    } else if (iequals(name, "sqlite_master") || iequals(name, "sqlite_schema") ||
               iequals(name, "sqlite_temp_master") || iequals(name, "sqlite_temp_schema")) {
      relation = std::make_unique<schema_relation>();
      relation->name = std::string(name);
      relation->has_rowid = true;
    } else {
      continue;
    }
    statement_handle columns(
        db_, "SELECT name, type, \"notnull\", pk, hidden FROM pragma_table_xinfo(?1, ?2)");
    if (columns.get() == nullptr) return relation;
    columns.bind(1, relation->name);
    columns.bind(2, s);
    int primary_key_columns = 0;
    while (sqlite3_step(columns.get()) == SQLITE_ROW) {
      schema_column c;
      c.name = columns.text(0);
      c.declared = columns.text(1);
      c.type = type_of_declaration(c.declared);
      c.not_null = sqlite3_column_int(columns.get(), 2) != 0;
      const int pk = sqlite3_column_int(columns.get(), 3);
      const int hidden = sqlite3_column_int(columns.get(), 4);
      c.hidden = hidden == 1;
      c.generated = hidden == 2 || hidden == 3;
      if (pk > 0) {
        ++primary_key_columns;
        // A WITHOUT ROWID table's primary key is NOT NULL, whatever it declares.
        if (!relation->has_rowid && !relation->is_view) c.not_null = true;
        c.rowid_alias = relation->has_rowid && iequals(c.declared, "INTEGER");
      }
      relation->columns.push_back(std::move(c));
    }
    if (primary_key_columns != 1) {
      for (auto& c : relation->columns) c.rowid_alias = false;
    }
    for (auto& c : relation->columns) {
      if (c.rowid_alias) c.not_null = true;
    }
    return relation;
  }
  return nullptr;
}

}  // namespace sqlx::core::sqlite
