// Statements: SELECT (WITH, compounds, VALUES, joins), INSERT/REPLACE, UPDATE, DELETE, their
// upserts and RETURNING lists; the token helpers the expression parser shares.
#include <algorithm>
#include <array>

#include "describe/sqlite/parser.hpp"

namespace sqlx::core::sqlite {

bool is_clause_keyword(std::string_view word) {
  static constexpr std::array<std::string_view, 56> words = {
      "ALL",     "AND",     "AS",        "ASC",      "BETWEEN", "BY",        "CASE",   "COLLATE",
      "CROSS",   "DEFAULT", "DESC",      "DISTINCT", "DO",      "ELSE",      "END",    "ESCAPE",
      "EXCEPT",  "EXISTS",  "FROM",      "FULL",     "GLOB",    "GROUP",     "HAVING", "IN",
      "INDEXED", "INNER",   "INTERSECT", "INTO",     "IS",      "ISNULL",    "JOIN",   "LEFT",
      "LIKE",    "LIMIT",   "MATCH",     "NATURAL",  "NOT",     "NOTNULL",   "NULL",   "OFFSET",
      "ON",      "OR",      "ORDER",     "OUTER",    "REGEXP",  "RETURNING", "RIGHT",  "SELECT",
      "SET",     "THEN",    "UNION",     "USING",    "VALUES",  "WHEN",      "WHERE",  "WINDOW"};
  return std::ranges::any_of(words, [&](std::string_view w) { return iequals(w, word); });
}

std::optional<statement> parse_statement(std::string_view sql, int* highest_parameter) {
  parser p(sql);
  if (highest_parameter != nullptr) *highest_parameter = p.highest_parameter();
  try {
    return p.parse_one();
  } catch (const parse_error&) {
    return std::nullopt;
  }
}

int parser::highest_parameter() const noexcept {
  int highest = 0;
  for (const auto& t : tokens_) highest = std::max(highest, t.parameter);
  return highest;
}

// ---- tokens

const token& parser::peek(std::size_t ahead) const {
  return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)];
}
const token& parser::advance() {
  const token& t = tokens_[pos_];
  if (pos_ + 1 < tokens_.size()) ++pos_;
  return t;
}
bool parser::at_end() const {
  return peek().kind == token_kind::end;
}
bool parser::peek_kw(std::string_view kw, std::size_t ahead) const {
  const token& t = peek(ahead);
  return t.kind == token_kind::identifier && iequals(t.text, kw);
}
bool parser::accept_kw(std::string_view kw) {
  if (!peek_kw(kw)) return false;
  advance();
  return true;
}
void parser::expect_kw(std::string_view kw) {
  if (!accept_kw(kw)) fail(kw);
}
bool parser::peek_op(std::string_view op, std::size_t ahead) const {
  const token& t = peek(ahead);
  return t.kind == token_kind::op && t.text == op;
}
bool parser::accept_op(std::string_view op) {
  if (!peek_op(op)) return false;
  advance();
  return true;
}
void parser::expect_op(std::string_view op) {
  if (!accept_op(op)) fail(op);
}
void parser::fail(std::string_view what) const {
  throw parse_error("unexpected token near '" + peek().text + "' (" + std::string(what) + ")");
}
bool parser::at_name() const {
  const token& t = peek();
  return t.kind == token_kind::quoted_name ||
         (t.kind == token_kind::identifier && !is_clause_keyword(t.text));
}
std::string parser::name() {
  const token& t = peek();
  // A string literal names a column where SQLite accepts one (an old compatibility rule).
  if (!at_name() && t.kind != token_kind::string) fail("a name");
  return advance().text;
}
void parser::skip_parenthesized() {
  expect_op("(");
  for (int depth = 1; depth > 0;) {
    if (at_end()) fail(")");
    const token& t = advance();
    if (t.kind != token_kind::op) continue;
    if (t.text == "(") ++depth;
    if (t.text == ")") --depth;
  }
}

// ---- statements

statement parser::parse_one() {
  statement s;
  if (peek_kw("WITH")) s.with = parse_with();
  if (peek_kw("SELECT") || peek_kw("VALUES")) {
    s.kind = statement::kind_t::select;
    s.select = parse_select();
  } else if (peek_kw("INSERT") || peek_kw("REPLACE")) {
    s.kind = statement::kind_t::insert;
    parse_insert(s);
  } else if (accept_kw("UPDATE")) {
    s.kind = statement::kind_t::update;
    parse_update(s);
  } else if (accept_kw("DELETE")) {
    s.kind = statement::kind_t::delete_;
    parse_delete(s);
  } else {
    return s;  // other statements return no rows we describe
  }
  while (accept_op(";")) {
  }
  if (!at_end()) fail("end of statement");
  return s;
}

std::vector<common_table> parser::parse_with() {
  expect_kw("WITH");
  const bool recursive = accept_kw("RECURSIVE");
  std::vector<common_table> tables;
  do {
    common_table t;
    t.recursive = recursive;
    t.name = name();
    if (peek_op("(")) t.columns = parse_name_list();
    expect_kw("AS");
    if (accept_kw("NOT")) {
      expect_kw("MATERIALIZED");
    } else {
      (void)accept_kw("MATERIALIZED");
    }
    expect_op("(");
    t.select = parse_select();
    expect_op(")");
    tables.push_back(std::move(t));
  } while (accept_op(","));
  return tables;
}

std::unique_ptr<select_stmt> parser::parse_select() {
  const depth_guard guard(*this);
  auto s = std::make_unique<select_stmt>();
  if (peek_kw("WITH")) s->with = parse_with();
  s->cores.push_back(parse_core());
  while (true) {
    std::string op;
    if (accept_kw("UNION")) {
      op = accept_kw("ALL") ? "UNION ALL" : "UNION";
    } else if (accept_kw("INTERSECT")) {
      op = "INTERSECT";
    } else if (accept_kw("EXCEPT")) {
      op = "EXCEPT";
    } else {
      break;
    }
    s->compound_ops.push_back(std::move(op));
    s->cores.push_back(parse_core());
  }
  if (peek_kw("ORDER")) s->order_by = parse_order_by();
  if (peek_kw("LIMIT")) parse_limit(s->limit, s->offset);
  return s;
}

select_core parser::parse_core() {
  select_core core;
  if (accept_kw("VALUES")) {
    do {
      expect_op("(");
      core.values.push_back(parse_expr_list());
      expect_op(")");
    } while (accept_op(","));
    return core;
  }
  expect_kw("SELECT");
  core.distinct = accept_kw("DISTINCT");
  if (!core.distinct) (void)accept_kw("ALL");
  core.columns = parse_result_columns();
  if (accept_kw("FROM")) core.from = parse_from();
  if (accept_kw("WHERE")) core.where = parse_expr();
  if (peek_kw("GROUP")) {
    advance();
    expect_kw("BY");
    core.group_by = parse_expr_list();
  }
  if (accept_kw("HAVING")) core.having = parse_expr();
  if (accept_kw("WINDOW")) {
    do {
      (void)name();
      expect_kw("AS");
      skip_parenthesized();
    } while (accept_op(","));
  }
  return core;
}

std::vector<result_column> parser::parse_result_columns() {
  std::vector<result_column> columns;
  do {
    result_column c;
    c.offset = peek().offset;
    if (accept_op("*")) {
      c.star = true;
    } else if (at_name() && peek_op(".", 1) && peek_op("*", 2)) {
      c.star = true;
      c.star_table = advance().text;
      pos_ += 2;
    } else {
      c.value = parse_expr();
      if (accept_kw("AS")) {
        c.alias = name();
      } else if (at_name() || peek().kind == token_kind::string) {
        c.alias = advance().text;
      }
    }
    columns.push_back(std::move(c));
  } while (accept_op(","));
  return columns;
}

from_ptr parser::parse_from_item() {
  const depth_guard guard(*this);
  auto item = std::make_unique<from_item>();
  if (accept_op("(")) {
    if (peek_kw("SELECT") || peek_kw("WITH") || peek_kw("VALUES")) {
      item->kind = from_item::kind_t::subquery;
      item->select = parse_select();
      expect_op(")");
    } else {
      auto inner = parse_from();
      expect_op(")");
      if (!peek_kw("AS") && !at_name()) return inner;
      item = std::move(inner);  // an alias on a parenthesized join: keep the join
    }
  } else {
    item->name = name();
    if (accept_op(".")) {
      item->schema = std::move(item->name);
      item->name = name();
    }
    if (peek_op("(")) {
      item->kind = from_item::kind_t::function;
      advance();
      if (!peek_op(")")) item->args = parse_expr_list();
      expect_op(")");
    }
    item->alias = item->name;
  }
  if (accept_kw("AS")) {
    item->alias = name();
  } else if (at_name()) {
    item->alias = advance().text;
  }
  if (accept_kw("INDEXED")) {
    expect_kw("BY");
    (void)name();
  } else if (peek_kw("NOT") && peek_kw("INDEXED", 1)) {
    pos_ += 2;
  }
  return item;
}

from_ptr parser::parse_from() {
  auto left = parse_from_item();
  while (true) {
    join_kind kind = join_kind::inner;
    bool natural = false;
    if (accept_op(",")) {
      kind = join_kind::cross;
    } else {
      natural = accept_kw("NATURAL");
      if (accept_kw("LEFT")) {
        kind = join_kind::left;
      } else if (accept_kw("RIGHT")) {
        kind = join_kind::right;
      } else if (accept_kw("FULL")) {
        kind = join_kind::full;
      } else if (accept_kw("CROSS")) {
        kind = join_kind::cross;
      } else {
        (void)accept_kw("INNER");
      }
      if (kind == join_kind::left || kind == join_kind::right || kind == join_kind::full) {
        (void)accept_kw("OUTER");
      }
      if (!accept_kw("JOIN")) {
        if (natural || kind != join_kind::inner) fail("JOIN");
        return left;
      }
    }
    auto join = std::make_unique<from_item>();
    join->kind = from_item::kind_t::join;
    join->join = kind;
    join->natural = natural;
    join->left = std::move(left);
    join->right = parse_from_item();
    if (accept_kw("ON")) {
      join->on = parse_expr();
    } else if (accept_kw("USING")) {
      join->using_columns = parse_name_list();
    }
    left = std::move(join);
  }
}

std::vector<ordering_term> parser::parse_order_by() {
  expect_kw("ORDER");
  expect_kw("BY");
  std::vector<ordering_term> terms;
  do {
    terms.push_back({parse_expr()});
    if (!accept_kw("ASC")) (void)accept_kw("DESC");
    if (accept_kw("NULLS")) {
      if (!accept_kw("FIRST")) expect_kw("LAST");
    }
  } while (accept_op(","));
  return terms;
}

void parser::parse_limit(expr_ptr& limit, expr_ptr& offset) {
  expect_kw("LIMIT");
  limit = parse_expr();
  if (accept_kw("OFFSET")) {
    offset = parse_expr();
  } else if (accept_op(",")) {
    // LIMIT offset, count
    offset = std::move(limit);
    limit = parse_expr();
  }
}

std::vector<std::string> parser::parse_name_list() {
  expect_op("(");
  std::vector<std::string> names;
  do {
    names.push_back(name());
    if (accept_kw("COLLATE")) (void)name();
    if (!accept_kw("ASC")) (void)accept_kw("DESC");
  } while (accept_op(","));
  expect_op(")");
  return names;
}

void parser::parse_qualified_table(statement& s) {
  s.table = name();
  if (accept_op(".")) {
    s.schema = std::move(s.table);
    s.table = name();
  }
  s.alias = s.table;
  if (accept_kw("AS")) s.alias = name();
  if (accept_kw("INDEXED")) {
    expect_kw("BY");
    (void)name();
  } else if (peek_kw("NOT") && peek_kw("INDEXED", 1)) {
    pos_ += 2;
  }
}

std::vector<assignment> parser::parse_set() {
  expect_kw("SET");
  std::vector<assignment> set;
  do {
    assignment a;
    if (peek_op("(")) {
      a.columns = parse_name_list();
    } else {
      a.columns.push_back(name());
    }
    expect_op("=");
    a.value = parse_expr();
    set.push_back(std::move(a));
  } while (accept_op(","));
  return set;
}

void parser::parse_insert(statement& s) {
  if (accept_kw("INSERT")) {
    if (accept_kw("OR")) advance();  // REPLACE, IGNORE, ...
  } else {
    expect_kw("REPLACE");
  }
  expect_kw("INTO");
  s.table = name();
  if (accept_op(".")) {
    s.schema = std::move(s.table);
    s.table = name();
  }
  s.alias = s.table;
  if (accept_kw("AS")) s.alias = name();
  if (peek_op("(")) s.insert_columns = parse_name_list();
  if (accept_kw("DEFAULT")) {
    expect_kw("VALUES");
    s.default_values = true;
  } else if (accept_kw("VALUES")) {
    do {
      expect_op("(");
      s.insert_values.push_back(parse_expr_list());
      expect_op(")");
    } while (accept_op(","));
  } else {
    s.select = parse_select();
  }
  while (peek_kw("ON") && peek_kw("CONFLICT", 1)) {
    pos_ += 2;
    upsert_clause upsert;
    if (peek_op("(")) {
      skip_parenthesized();
      if (accept_kw("WHERE")) (void)parse_expr();
    }
    expect_kw("DO");
    if (!accept_kw("NOTHING")) {
      expect_kw("UPDATE");
      upsert.set = parse_set();
      if (accept_kw("WHERE")) upsert.where = parse_expr();
    }
    s.upserts.push_back(std::move(upsert));
  }
  if (accept_kw("RETURNING")) s.returning = parse_result_columns();
}

void parser::parse_update(statement& s) {
  if (accept_kw("OR")) advance();
  parse_qualified_table(s);
  s.set = parse_set();
  if (accept_kw("FROM")) s.from = parse_from();
  if (accept_kw("WHERE")) s.where = parse_expr();
  if (accept_kw("RETURNING")) s.returning = parse_result_columns();
  if (peek_kw("ORDER")) s.order_by = parse_order_by();
  if (peek_kw("LIMIT")) parse_limit(s.limit, s.offset);
}

void parser::parse_delete(statement& s) {
  expect_kw("FROM");
  parse_qualified_table(s);
  if (accept_kw("WHERE")) s.where = parse_expr();
  if (accept_kw("RETURNING")) s.returning = parse_result_columns();
  if (peek_kw("ORDER")) s.order_by = parse_order_by();
  if (peek_kw("LIMIT")) parse_limit(s.limit, s.offset);
}

}  // namespace sqlx::core::sqlite
