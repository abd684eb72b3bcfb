#include "internal/sql_split.hpp"

#include <array>
#include <string>

#include "internal/sql_lexer.hpp"

namespace sqlx::pg::detail {
namespace {

// The lexical rules shared with the other readers of SQL.
using namespace sqlx::detail::sql;

// psql's heuristic for the BEGIN ... END body of CREATE [OR REPLACE] FUNCTION/PROCEDURE, whose
// semicolons do not end the statement: it remembers which of the statement's first four words
// are CREATE, OR, REPLACE, FUNCTION or PROCEDURE, and in such a statement counts BEGIN (and
// CASE inside it) against END outside parentheses.
class routine_body {
 public:
  void word(std::string_view w, int paren_depth) {
    if (count_ < marks_.size() &&
        (equals_ci(w, "create") || equals_ci(w, "function") || equals_ci(w, "procedure") ||
         equals_ci(w, "or") || equals_ci(w, "replace"))) {
      marks_[count_] = lower(w[0]);
    }
    ++count_;
    const bool routine =
        marks_[0] == 'c' &&
        (marks_[1] == 'f' || marks_[1] == 'p' ||
         (marks_[1] == 'o' && marks_[2] == 'r' && (marks_[3] == 'f' || marks_[3] == 'p')));
    if (!routine || paren_depth != 0) return;
    if (equals_ci(w, "begin")) {
      ++depth_;
    } else if (equals_ci(w, "case")) {
      if (depth_ > 0) ++depth_;
    } else if (equals_ci(w, "end")) {
      if (depth_ > 0) --depth_;
    }
  }
  [[nodiscard]] bool inside() const noexcept { return depth_ > 0; }
  void reset() noexcept { *this = routine_body{}; }

 private:
  std::array<char, 4> marks_{};
  std::size_t count_ = 0;
  int depth_ = 0;
};

}  // namespace

std::vector<sql_statement> split_statements(std::string_view sql) {
  std::vector<sql_statement> statements;
  std::size_t start = std::string_view::npos;  // of the current statement's first token
  std::size_t end = 0;                         // just after its last token
  int paren_depth = 0;
  routine_body body;
  auto token = [&](std::size_t from, std::size_t to) {
    if (start == std::string_view::npos) start = from;
    end = to;
  };

  std::size_t i = 0;
  while (i < sql.size()) {
    const char c = sql[i];
    if (is_space(c)) {
      ++i;
    } else if (sql.compare(i, 2, "--") == 0) {
      i = skip_line_comment(sql, i);
    } else if (sql.compare(i, 2, "/*") == 0) {
      i = skip_block_comment(sql, i);
    } else if (c == '\'' || c == '"') {
      const std::size_t next = skip_quoted(sql, i, false);
      token(i, next);
      i = next;
    } else if (is_ident_start(c)) {
      std::size_t next = i + 1;
      while (next < sql.size() && is_ident_cont(sql[next])) ++next;
      const std::string_view w = sql.substr(i, next - i);
      if ((w == "e" || w == "E") && next < sql.size() && sql[next] == '\'') {
        next = skip_quoted(sql, next, true);  // E'...'
      } else {
        body.word(w, paren_depth);
      }
      token(i, next);
      i = next;
    } else if (is_digit(c)) {  // a number, with whatever trails it (an error for the server)
      std::size_t next = i + 1;
      while (next < sql.size() &&
             (is_ident_start(sql[next]) || is_digit(sql[next]) || sql[next] == '.')) {
        ++next;
      }
      token(i, next);
      i = next;
    } else if (c == '$') {
      std::size_t next = i + 1;
      if (next < sql.size() && is_digit(sql[next])) {  // a parameter: $1
        while (next < sql.size() && is_digit(sql[next])) ++next;
      } else if (const std::size_t tag = dollar_tag_length(sql, i); tag > 0) {
        next = skip_dollar_quoted(sql, i, tag);
      }
      token(i, next);
      i = next;
    } else if (c == ';' && paren_depth == 0 && !body.inside()) {
      if (start != std::string_view::npos) {
        statements.push_back({start, sql.substr(start, end - start)});
      }
      start = std::string_view::npos;
      body.reset();
      ++i;
    } else {
      if (c == '(') ++paren_depth;
      if (c == ')' && paren_depth > 0) --paren_depth;
      token(i, i + 1);
      ++i;
    }
  }
  if (start != std::string_view::npos)
    statements.push_back({start, sql.substr(start, end - start)});
  return statements;
}

}  // namespace sqlx::pg::detail
