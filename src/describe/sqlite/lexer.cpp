#include "describe/sqlite/lexer.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>

namespace sqlx::core::sqlite {

bool iequals(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
           return lower(x) == lower(y);
         });
}

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_ident_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool is_ident_char(char c) {
  return is_ident_start(c) || is_digit(c) || c == '$';
}

class lexer {
 public:
  explicit lexer(std::string_view sql) : sql_(sql) {}

  std::vector<token> run() {
    std::vector<token> out;
    while (true) {
      skip_space_and_comments();
      if (pos_ >= sql_.size()) break;
      out.push_back(next());
    }
    out.push_back(token{token_kind::end, {}, sql_.size(), 0});
    return out;
  }

 private:
  void skip_space_and_comments() {
    while (pos_ < sql_.size()) {
      const char c = sql_[pos_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
        ++pos_;
      } else if (sql_.substr(pos_, 2) == "--") {
        const auto end = sql_.find('\n', pos_);
        pos_ = end == std::string_view::npos ? sql_.size() : end + 1;
      } else if (sql_.substr(pos_, 2) == "/*") {
        const auto end = sql_.find("*/", pos_ + 2);
        pos_ = end == std::string_view::npos ? sql_.size() : end + 2;
      } else {
        return;
      }
    }
  }

  // A quoted run ending at `close`, a doubled `close` standing for itself.
  std::string quoted(char close) {
    std::string text;
    ++pos_;
    while (pos_ < sql_.size()) {
      const char c = sql_[pos_++];
      if (c == close) {
        if (close != ']' && pos_ < sql_.size() && sql_[pos_] == close) {
          text += c;
          ++pos_;
          continue;
        }
        break;
      }
      text += c;
    }
    return text;
  }

  token next() {
    const std::size_t start = pos_;
    const char c = sql_[pos_];
    token t;
    t.offset = start;
    if ((c == 'x' || c == 'X') && pos_ + 1 < sql_.size() && sql_[pos_ + 1] == '\'') {
      ++pos_;
      t.kind = token_kind::blob;
      t.text = quoted('\'');
    } else if (is_ident_start(c)) {
      while (pos_ < sql_.size() && is_ident_char(sql_[pos_])) ++pos_;
      t.kind = token_kind::identifier;
      t.text = std::string(sql_.substr(start, pos_ - start));
    } else if (c == '\'') {
      t.kind = token_kind::string;
      t.text = quoted('\'');
    } else if (c == '"' || c == '`') {
      t.kind = token_kind::quoted_name;
      t.text = quoted(c);
    } else if (c == '[') {
      t.kind = token_kind::quoted_name;
      t.text = quoted(']');
    } else if (is_digit(c) || (c == '.' && pos_ + 1 < sql_.size() && is_digit(sql_[pos_ + 1]))) {
      number(t);
    } else if (c == '?' || c == ':' || c == '@' || c == '$') {
      parameter(t);
    } else {
      op(t);
    }
    return t;
  }

  void number(token& t) {
    const std::size_t start = pos_;
    t.kind = token_kind::integer;
    if (sql_.substr(pos_, 2) == "0x" || sql_.substr(pos_, 2) == "0X") {
      pos_ += 2;
      while (pos_ < sql_.size() && std::isxdigit(static_cast<unsigned char>(sql_[pos_]))) ++pos_;
    } else {
      while (pos_ < sql_.size() && (is_digit(sql_[pos_]) || sql_[pos_] == '_')) ++pos_;
      if (pos_ < sql_.size() && sql_[pos_] == '.') {
        t.kind = token_kind::real;
        ++pos_;
        while (pos_ < sql_.size() && is_digit(sql_[pos_])) ++pos_;
      }
      if (pos_ < sql_.size() && (sql_[pos_] == 'e' || sql_[pos_] == 'E')) {
        t.kind = token_kind::real;
        ++pos_;
        if (pos_ < sql_.size() && (sql_[pos_] == '+' || sql_[pos_] == '-')) ++pos_;
        while (pos_ < sql_.size() && is_digit(sql_[pos_])) ++pos_;
      }
    }
    t.text = std::string(sql_.substr(start, pos_ - start));
  }

  void parameter(token& t) {
    const std::size_t start = pos_;
    const char c = sql_[pos_++];
    t.kind = token_kind::parameter;
    if (c == '?') {
      while (pos_ < sql_.size() && is_digit(sql_[pos_])) ++pos_;
      t.text = std::string(sql_.substr(start, pos_ - start));
      if (t.text.size() == 1) {
        t.parameter = ++max_index_;
      } else {
        int n = 0;
        std::from_chars(t.text.data() + 1, t.text.data() + t.text.size(), n);
        t.parameter = n;
        max_index_ = std::max(max_index_, n);
      }
      return;
    }
    // :name, @name, $name (a `$` name may carry `::` segments and a `(...)` suffix; rare).
    while (pos_ < sql_.size() && (is_ident_char(sql_[pos_]) || sql_[pos_] == ':')) {
      if (sql_[pos_] == ':' && (pos_ + 1 >= sql_.size() || sql_[pos_ + 1] != ':')) break;
      pos_ += sql_[pos_] == ':' ? 2 : 1;
    }
    t.text = std::string(sql_.substr(start, pos_ - start));
    const auto [it, inserted] = named_.try_emplace(t.text, max_index_ + 1);
    if (inserted) ++max_index_;
    t.parameter = it->second;
  }

  void op(token& t) {
    static constexpr std::string_view two[] = {
        "||", "==", "!=", "<>", "<=", ">=", "<<", ">>", "->"};
    t.kind = token_kind::op;
    if (sql_.substr(pos_, 3) == "->>") {
      t.text = "->>";
      pos_ += 3;
      return;
    }
    for (auto candidate : two) {
      if (sql_.substr(pos_, 2) == candidate) {
        t.text = std::string(candidate);
        pos_ += 2;
        return;
      }
    }
    t.text = std::string(1, sql_[pos_++]);
  }

  std::string_view sql_;
  std::size_t pos_ = 0;
  int max_index_ = 0;
  std::map<std::string, int> named_;
};

}  // namespace

std::vector<token> tokenize(std::string_view sql) {
  return lexer(sql).run();
}

}  // namespace sqlx::core::sqlite
