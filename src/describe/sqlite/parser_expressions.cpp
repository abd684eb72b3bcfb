// Expressions, by SQLite's operator precedence (lowest first): OR, AND, NOT, equality-like
// (= == != <> IS IN LIKE GLOB MATCH REGEXP BETWEEN ISNULL NOTNULL), < <= > >=, & | << >>,
// + -, * / %, || -> ->>, COLLATE, unary - + ~.
#include <array>

#include "describe/sqlite/parser.hpp"

namespace sqlx::core::sqlite {

namespace {

expr_ptr make(expr_kind kind, std::size_t offset, std::string text = {}) {
  auto e = std::make_unique<expr>();
  e->kind = kind;
  e->offset = offset;
  e->text = std::move(text);
  return e;
}

expr_ptr binary(std::string op, expr_ptr left, expr_ptr right) {
  auto e = make(expr_kind::binary, left->offset, std::move(op));
  e->args.push_back(std::move(left));
  e->args.push_back(std::move(right));
  return e;
}

}  // namespace

expr_ptr parser::parse_expr() {
  return parse_or();
}

std::vector<expr_ptr> parser::parse_expr_list() {
  std::vector<expr_ptr> items;
  do {
    items.push_back(parse_expr());
  } while (accept_op(","));
  return items;
}

expr_ptr parser::parse_or() {
  auto left = parse_and();
  while (accept_kw("OR")) left = binary("OR", std::move(left), parse_and());
  return left;
}

expr_ptr parser::parse_and() {
  auto left = parse_not();
  while (accept_kw("AND")) left = binary("AND", std::move(left), parse_not());
  return left;
}

expr_ptr parser::parse_not() {
  if (peek_kw("NOT") && !peek_kw("EXISTS", 1)) {
    const std::size_t offset = advance().offset;
    auto e = make(expr_kind::unary, offset, "NOT");
    e->args.push_back(parse_not());
    return e;
  }
  return parse_equality();
}

expr_ptr parser::parse_equality() {
  auto left = parse_comparison();
  while (true) {
    const std::size_t offset = peek().offset;
    int null_test = -1;  // ISNULL / NOTNULL / NOT NULL
    if (accept_kw("ISNULL")) {
      null_test = 0;
    } else if (accept_kw("NOTNULL")) {
      null_test = 1;
    } else if (peek_kw("NOT") && peek_kw("NULL", 1)) {
      pos_ += 2;
      null_test = 1;
    }
    if (null_test >= 0) {
      auto e = make(expr_kind::null_test, offset);
      e->not_ = null_test == 1;
      e->args.push_back(std::move(left));
      left = std::move(e);
      continue;
    }
    if (accept_kw("IS")) {
      const bool is_not = accept_kw("NOT");
      if (accept_kw("NULL")) {
        auto e = make(expr_kind::null_test, offset);
        e->not_ = is_not;
        e->args.push_back(std::move(left));
        left = std::move(e);
        continue;
      }
      if (accept_kw("DISTINCT")) expect_kw("FROM");
      // IS / IS NOT: never NULL.
      left = binary(is_not ? "IS NOT" : "IS", std::move(left), parse_comparison());
      continue;
    }
    const bool negated =
        peek_kw("NOT") && (peek_kw("IN", 1) || peek_kw("LIKE", 1) || peek_kw("GLOB", 1) ||
                           peek_kw("MATCH", 1) || peek_kw("REGEXP", 1) || peek_kw("BETWEEN", 1));
    if (negated) advance();
    if (accept_kw("IN")) {
      expr_ptr e;
      if (accept_op("(")) {
        if (peek_kw("SELECT") || peek_kw("WITH") || peek_kw("VALUES")) {
          e = make(expr_kind::in_select, offset);
          e->select = parse_select();
        } else {
          e = make(expr_kind::in_list, offset);
          e->args.push_back(nullptr);
          if (!peek_op(")")) {
            for (auto& item : parse_expr_list()) e->args.push_back(std::move(item));
          }
        }
        expect_op(")");
        if (e->kind == expr_kind::in_select) e->args.insert(e->args.begin(), nullptr);
        e->args[0] = std::move(left);
      } else {
        // IN table-name or IN table-function(...): membership in a table.
        e = make(expr_kind::in_select, offset);
        e->args.push_back(std::move(left));
        (void)name();
        if (accept_op(".")) (void)name();
        if (peek_op("(")) skip_parenthesized();
      }
      e->not_ = negated;
      left = std::move(e);
      continue;
    }
    if (accept_kw("BETWEEN")) {
      auto e = make(expr_kind::between, offset);
      e->not_ = negated;
      e->args.push_back(std::move(left));
      e->args.push_back(parse_comparison());
      expect_kw("AND");
      e->args.push_back(parse_comparison());
      left = std::move(e);
      continue;
    }
    for (std::string_view word : {"LIKE", "GLOB", "MATCH", "REGEXP"}) {
      if (accept_kw(word)) {
        auto e = binary(std::string(word), std::move(left), parse_comparison());
        e->not_ = negated;
        if (accept_kw("ESCAPE")) e->args.push_back(parse_comparison());
        left = std::move(e);
        goto next;
      }
    }
    if (negated) fail("NOT");
    for (std::string_view op : {"=", "==", "!=", "<>"}) {
      if (accept_op(op)) {
        left = binary(std::string(op), std::move(left), parse_comparison());
        goto next;
      }
    }
    return left;
  next:;
  }
}

expr_ptr parser::parse_comparison() {
  auto left = parse_bitwise();
  while (true) {
    bool matched = false;
    for (std::string_view op : {"<=", ">=", "<", ">"}) {
      if (accept_op(op)) {
        left = binary(std::string(op), std::move(left), parse_bitwise());
        matched = true;
        break;
      }
    }
    if (!matched) return left;
  }
}

expr_ptr parser::parse_bitwise() {
  auto left = parse_additive();
  while (true) {
    bool matched = false;
    for (std::string_view op : {"&", "|", "<<", ">>"}) {
      if (accept_op(op)) {
        left = binary(std::string(op), std::move(left), parse_additive());
        matched = true;
        break;
      }
    }
    if (!matched) return left;
  }
}

expr_ptr parser::parse_additive() {
  auto left = parse_multiplicative();
  while (peek_op("+") || peek_op("-")) {
    std::string op = advance().text;
    left = binary(std::move(op), std::move(left), parse_multiplicative());
  }
  return left;
}

expr_ptr parser::parse_multiplicative() {
  auto left = parse_concat();
  while (peek_op("*") || peek_op("/") || peek_op("%")) {
    std::string op = advance().text;
    left = binary(std::move(op), std::move(left), parse_concat());
  }
  return left;
}

expr_ptr parser::parse_concat() {
  auto left = parse_collate();
  while (peek_op("||") || peek_op("->") || peek_op("->>")) {
    std::string op = advance().text;
    left = binary(std::move(op), std::move(left), parse_collate());
  }
  return left;
}

expr_ptr parser::parse_collate() {
  auto value = parse_unary();
  while (accept_kw("COLLATE")) {
    auto e = make(expr_kind::collate, value->offset, name());
    e->args.push_back(std::move(value));
    value = std::move(e);
  }
  return value;
}

expr_ptr parser::parse_unary() {
  const depth_guard guard(*this);
  if (peek_op("-") || peek_op("+") || peek_op("~")) {
    const token& t = advance();
    auto e = make(expr_kind::unary, t.offset, t.text);
    e->args.push_back(parse_unary());
    return e;
  }
  return parse_primary();
}

std::string parser::parse_type_name() {
  std::string type;
  while (peek().kind == token_kind::identifier && !is_clause_keyword(peek().text) &&
         !peek_kw("AS")) {
    if (!type.empty()) type += ' ';
    type += advance().text;
  }
  if (peek_op("(")) skip_parenthesized();
  return type;
}

expr_ptr parser::parse_case(std::size_t offset) {
  auto e = make(expr_kind::case_, offset);
  if (!peek_kw("WHEN")) {
    e->has_operand = true;
    e->args.push_back(parse_expr());
  }
  while (accept_kw("WHEN")) {
    e->args.push_back(parse_expr());
    expect_kw("THEN");
    e->args.push_back(parse_expr());
  }
  if (accept_kw("ELSE")) {
    e->has_else = true;
    e->args.push_back(parse_expr());
  }
  expect_kw("END");
  return e;
}

expr_ptr parser::parse_function(std::string function_name, std::size_t offset) {
  auto e = make(expr_kind::function, offset, std::move(function_name));
  expect_op("(");
  if (accept_op("*")) {
    e->star = true;
  } else if (!peek_op(")")) {
    e->distinct = accept_kw("DISTINCT");
    if (!e->distinct) (void)accept_kw("ALL");
    e->args = parse_expr_list();
    if (peek_kw("ORDER") && peek_kw("BY", 1)) (void)parse_order_by();  // group_concat(x ORDER BY y)
  }
  expect_op(")");
  if (accept_kw("FILTER")) {
    e->filter = true;
    expect_op("(");
    expect_kw("WHERE");
    (void)parse_expr();
    expect_op(")");
  }
  if (accept_kw("OVER")) {
    e->window = true;
    if (peek_op("(")) {
      const std::size_t start = pos_;
      skip_parenthesized();
      for (std::size_t i = start; i < pos_; ++i) {
        const token& t = tokens_[i];
        if (t.kind == token_kind::identifier &&
            (iequals(t.text, "ROWS") || iequals(t.text, "RANGE") || iequals(t.text, "GROUPS"))) {
          e->frame = true;
        }
      }
    } else {
      (void)name();
      e->frame = true;  // a named window: its frame is not looked up
    }
  }
  return e;
}

expr_ptr parser::parse_primary() {
  const token& t = peek();
  const std::size_t offset = t.offset;
  switch (t.kind) {
    case token_kind::integer:
      return make(expr_kind::integer_literal, offset, advance().text);
    case token_kind::real:
      return make(expr_kind::real_literal, offset, advance().text);
    case token_kind::string:
      return make(expr_kind::string_literal, offset, advance().text);
    case token_kind::blob:
      return make(expr_kind::blob_literal, offset, advance().text);
    case token_kind::parameter: {
      auto e = make(expr_kind::parameter, offset, t.text);
      e->parameter = t.parameter;
      advance();
      return e;
    }
    case token_kind::op:
      if (accept_op("(")) {
        if (peek_kw("SELECT") || peek_kw("WITH") || peek_kw("VALUES")) {
          auto e = make(expr_kind::subquery, offset);
          e->select = parse_select();
          expect_op(")");
          return e;
        }
        auto list = parse_expr_list();
        expect_op(")");
        if (list.size() == 1) return std::move(list.front());
        auto e = make(expr_kind::unknown, offset, "row value");  // (a, b): only in comparisons
        e->args = std::move(list);
        return e;
      }
      fail(t.text);
    case token_kind::end:
      fail("end of statement");
    case token_kind::identifier:
    case token_kind::quoted_name:
      break;
  }
  if (t.kind == token_kind::identifier) {
    if (accept_kw("NULL")) return make(expr_kind::null_literal, offset);
    for (std::string_view kw :
         {"CURRENT_TIME", "CURRENT_DATE", "CURRENT_TIMESTAMP", "TRUE", "FALSE"}) {
      if (accept_kw(kw)) return make(expr_kind::keyword_value, offset, to_lower(kw));
    }
    if (accept_kw("CAST")) {
      expect_op("(");
      auto e = make(expr_kind::cast, offset);
      e->args.push_back(parse_expr());
      expect_kw("AS");
      e->text = parse_type_name();
      expect_op(")");
      return e;
    }
    if (accept_kw("CASE")) return parse_case(offset);
    if (peek_kw("NOT") && peek_kw("EXISTS", 1)) {
      pos_ += 2;
      auto e = make(expr_kind::exists, offset);
      e->not_ = true;
      expect_op("(");
      e->select = parse_select();
      expect_op(")");
      return e;
    }
    if (accept_kw("EXISTS")) {
      auto e = make(expr_kind::exists, offset);
      expect_op("(");
      e->select = parse_select();
      expect_op(")");
      return e;
    }
    if (accept_kw("RAISE")) {
      skip_parenthesized();
      return make(expr_kind::raise, offset);
    }
    if (peek_op("(", 1)) return parse_function(advance().text, offset);
  }
  // [schema.][table.]column
  auto e = make(expr_kind::column, offset);
  e->name = name();
  if (accept_op(".")) {
    e->table = std::move(e->name);
    e->name = name();
    if (accept_op(".")) {
      e->table = std::move(e->name);
      e->name = name();
    }
  }
  return e;
}

}  // namespace sqlx::core::sqlite
