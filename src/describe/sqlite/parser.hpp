// A recursive-descent parser of the SQLite statements checked queries use (SELECT with CTEs,
// joins, compounds and window functions; INSERT/UPDATE/DELETE with upserts and RETURNING).
// Not a validator: SQLite has already accepted the text (sqlite3_prepare_v2), so the parser
// only recovers structure; what it does not model parses as an `unknown` expression or fails
// as a whole (then every answer is `unknown`). Why not libpg_query: docs/nullability.md.
#pragma once

#include <optional>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "describe/sqlite/ast.hpp"
#include "describe/sqlite/lexer.hpp"

namespace sqlx::core::sqlite {

class parse_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// nullopt when the text is not a statement this parser understands. `highest_parameter`, when
// given, receives the largest parameter index in the text (SQLite's parameter count).
[[nodiscard]] std::optional<statement> parse_statement(std::string_view sql,
                                                       int* highest_parameter = nullptr);

// The parser's state, shared by parser_expressions.cpp and parser_statements.cpp.
class parser {
 public:
  explicit parser(std::string_view sql) : sql_(sql), tokens_(tokenize(sql)) {}

  [[nodiscard]] statement parse_one();
  [[nodiscard]] std::unique_ptr<select_stmt> parse_select();
  [[nodiscard]] expr_ptr parse_expr();
  [[nodiscard]] int highest_parameter() const noexcept;

 private:
  // tokens
  [[nodiscard]] const token& peek(std::size_t ahead = 0) const;
  const token& advance();
  [[nodiscard]] bool at_end() const;
  [[nodiscard]] bool peek_kw(std::string_view kw, std::size_t ahead = 0) const;
  bool accept_kw(std::string_view kw);
  void expect_kw(std::string_view kw);
  [[nodiscard]] bool peek_op(std::string_view op, std::size_t ahead = 0) const;
  bool accept_op(std::string_view op);
  void expect_op(std::string_view op);
  [[noreturn]] void fail(std::string_view what) const;
  // A name (bare word that is not a clause keyword, or quoted); throws otherwise.
  std::string name();
  [[nodiscard]] bool at_name() const;
  void skip_parenthesized();  // from the current "(" to its matching ")"

  // expressions (parser_expressions.cpp)
  expr_ptr parse_or();
  expr_ptr parse_and();
  expr_ptr parse_not();
  expr_ptr parse_equality();
  expr_ptr parse_comparison();
  expr_ptr parse_bitwise();
  expr_ptr parse_additive();
  expr_ptr parse_multiplicative();
  expr_ptr parse_concat();
  expr_ptr parse_collate();
  expr_ptr parse_unary();
  expr_ptr parse_primary();
  expr_ptr parse_function(std::string function_name, std::size_t offset);
  expr_ptr parse_case(std::size_t offset);
  std::string parse_type_name();
  std::vector<expr_ptr> parse_expr_list();

  // statements (parser_statements.cpp)
  std::vector<common_table> parse_with();
  select_core parse_core();
  std::vector<result_column> parse_result_columns();
  from_ptr parse_from();
  from_ptr parse_from_item();
  std::vector<ordering_term> parse_order_by();
  void parse_limit(expr_ptr& limit, expr_ptr& offset);
  void parse_insert(statement& s);
  void parse_update(statement& s);
  void parse_delete(statement& s);
  void parse_qualified_table(statement& s);
  std::vector<assignment> parse_set();
  std::vector<std::string> parse_name_list();

  // Nesting of parenthesized expressions and subqueries: bounded, so a hostile view
  // definition cannot exhaust the stack (SQLite itself stops far below this).
  class depth_guard {
   public:
    explicit depth_guard(parser& p) : p_(p) {
      if (++p_.depth_ > 256) p_.fail("nesting too deep");
    }
    ~depth_guard() { --p_.depth_; }
    depth_guard(const depth_guard&) = delete;
    depth_guard& operator=(const depth_guard&) = delete;

   private:
    parser& p_;
  };

  std::string_view sql_;
  std::vector<token> tokens_;
  std::size_t pos_ = 0;
  int depth_ = 0;
};

// Words that end an expression or a FROM item, so never read as an alias.
[[nodiscard]] bool is_clause_keyword(std::string_view word);

}  // namespace sqlx::core::sqlite
