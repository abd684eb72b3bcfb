#include "scan/dynamic_parts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>

#include "runtime/internal/sql_lexer.hpp"

namespace sqlx::core {
namespace {

// The lexical rules shared with the other readers of SQL.
using namespace sqlx::detail::sql;

// A `$n` of the literal: where, how long, which parameter (0-based).
struct parameter_token {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::size_t index = 0;
};

// Reads the literal once: its parts and its parameter tokens. Markers, `|` and `$n` count
// only outside strings, quoted identifiers, dollar quotes and comments.
class reader {
 public:
  explicit reader(std::string_view s) : s_(s) {}

  void run() {
    while (i_ < s_.size()) step();
    if (open_)
      fail(open_->begin, open_->optional ? "this optional part `[[` has no closing `]]`"
                                         : "this choice `{{` has no closing `}}`");
  }

  std::vector<dynamic_part> parts;
  std::vector<parameter_token> parameters;

 private:
  [[noreturn]] static void fail(std::size_t at, const std::string& message) {
    throw dynamic_syntax_error(at, message);
  }
  bool at(std::string_view token) const { return s_.compare(i_, token.size(), token) == 0; }

  void step() {
    const char c = s_[i_];
    if (at("--")) {
      i_ = skip_line_comment(s_, i_);
    } else if (at("/*")) {
      i_ = skip_block_comment(s_, i_);
    } else if (c == '\'' || c == '"') {
      i_ = skip_quoted(s_, i_, false);
    } else if (is_ident_start(c)) {
      const std::size_t start = i_++;
      while (i_ < s_.size() && is_ident_cont(s_[i_])) ++i_;
      if (i_ - start == 1 && (c == 'e' || c == 'E') && i_ < s_.size() && s_[i_] == '\'') {
        i_ = skip_quoted(s_, i_, true);  // E'...'
      }
    } else if (is_digit(c)) {
      while (i_ < s_.size() && (is_ident_cont(s_[i_]) || s_[i_] == '.')) ++i_;
    } else if (c == '$') {
      dollar();
    } else if (at("[[") && !open_ && i_ + 2 < s_.size() && is_space(s_[i_ + 2])) {
      open(true, 2);
    } else if (at("{{") && !open_) {
      open(false, 2);
    } else if ((at("[[") && i_ + 2 < s_.size() && is_space(s_[i_ + 2])) || at("{{")) {
      fail(i_, "dynamic parts do not nest: close the part before opening another");
    } else if (open_ && open_->optional) {
      in_optional(c);
    } else if (open_) {
      in_choice(c);
    } else {
      ++i_;
    }
  }

  void in_optional(char c) {
    if (c == '[') ++depth_;
    if (c == ']' && depth_ == 0 && at("]]")) return close(2);
    if (c == ']' && depth_ > 0) --depth_;
    ++i_;
  }

  void in_choice(char c) {
    if (c == '(') ++depth_;
    if (c == ')' && depth_ > 0) --depth_;
    if (depth_ == 0 && at("}}")) return close(2);
    if (depth_ == 0 && c == '|' && !at("||") && (i_ == 0 || s_[i_ - 1] != '|')) {
      open_->alternatives.back().end = i_;
      open_->alternatives.push_back({i_ + 1, 0, 0});
    }
    ++i_;
  }

  void open(bool optional, std::size_t marker) {
    dynamic_part part;
    part.optional = optional;
    part.begin = i_;
    part.alternatives.push_back({i_ + marker, 0, 0});
    open_ = std::move(part);
    depth_ = 0;
    i_ += marker;
  }

  void close(std::size_t marker) {
    open_->alternatives.back().end = i_;
    i_ += marker;
    open_->end = i_;
    if (!open_->optional && open_->alternatives.size() < 2) {
      fail(open_->begin, "a choice `{{ a | b }}` needs at least two alternatives");
    }
    parts.push_back(std::move(*open_));
    open_.reset();
  }

  void dollar() {
    std::size_t j = i_ + 1;
    if (j < s_.size() && is_digit(s_[j])) {
      std::size_t number = 0;
      while (j < s_.size() && is_digit(s_[j])) {
        number = number * 10 + static_cast<std::size_t>(s_[j] - '0');
        if (number > 64) fail(i_, "a dynamic query has at most 64 parameters ($1 to $64)");
        ++j;
      }
      if (number == 0) fail(i_, "parameters are numbered from $1");
      parameters.push_back({i_, j, number - 1});
      if (open_) open_->alternatives.back().parameters |= std::uint64_t{1} << (number - 1);
      i_ = j;
      return;
    }
    if (const std::size_t tag = dollar_tag_length(s_, i_); tag > 0) {  // $$ or $tag$
      i_ = skip_dollar_quoted(s_, i_, tag);
      return;
    }
    ++i_;
  }

  std::string_view s_;
  std::size_t i_ = 0;
  std::optional<dynamic_part> open_;
  int depth_ = 0;
};

std::string parameter_list(std::uint64_t mask) {
  std::string out;
  for (std::size_t p = 0; p < 64; ++p) {
    if ((mask >> p & 1U) == 0) continue;
    out += fmt::format("{}${}", out.empty() ? "" : ", ", p + 1);
  }
  return out;
}

}  // namespace

std::optional<dynamic_query_text> parse_dynamic_query(std::string_view text) {
  // The common case, a plain query, costs one search.
  if (text.find("[[") == std::string_view::npos && text.find("{{") == std::string_view::npos) {
    return std::nullopt;
  }
  reader r(text);
  r.run();
  if (r.parts.empty()) return std::nullopt;

  dynamic_query_text query;
  query.text = std::string(text);
  std::uint64_t used = 0;
  for (const auto& token : r.parameters) {
    used |= std::uint64_t{1} << token.index;
    query.parameter_count = std::max(query.parameter_count, token.index + 1);
  }
  // Where each parameter occurs: outside the parts, or in which parts.
  std::uint64_t outside = 0;
  for (const auto& token : r.parameters) {
    const bool inside = std::ranges::any_of(r.parts, [&](const dynamic_part& p) {
      return token.begin >= p.begin && token.end <= p.end;
    });
    if (!inside) outside |= std::uint64_t{1} << token.index;
  }
  for (std::size_t i = 0; i < r.parts.size(); ++i) {
    const dynamic_part& part = r.parts[i];
    if (!part.optional) continue;
    const std::uint64_t mine = part.alternatives.front().parameters;
    if (mine == 0) {
      throw dynamic_syntax_error(part.begin,
                                 "an optional part `[[ ... ]]` needs a parameter: it is present "
                                 "when its parameters' arguments are (std::optional engaged)");
    }
    std::uint64_t elsewhere = outside;
    for (std::size_t j = 0; j < r.parts.size(); ++j) {
      if (j == i) continue;
      for (const auto& alternative : r.parts[j].alternatives) elsewhere |= alternative.parameters;
    }
    if ((mine & elsewhere) != 0) {
      throw dynamic_syntax_error(
          part.begin, fmt::format("{} of this optional part also occurs outside it: a parameter "
                                  "of an optional part belongs to that part alone",
                                  parameter_list(mine & elsewhere)));
    }
  }
  for (std::size_t p = 0; p < query.parameter_count; ++p) {
    if ((used >> p & 1U) == 0) {
      throw dynamic_syntax_error(dynamic_syntax_error::whole_literal,
                                 fmt::format("parameter ${} does not occur in the query "
                                             "(parameters are numbered $1, $2, ... in order)",
                                             p + 1));
    }
  }
  query.static_parameters = outside;
  query.parts = std::move(r.parts);
  std::size_t combinations = 1;
  for (const auto& part : query.parts) {
    combinations *= part.values();
    if (combinations > max_dynamic_combinations) {
      std::size_t total = 1;
      for (const auto& p : query.parts) total *= p.values();
      throw dynamic_syntax_error(
          dynamic_syntax_error::whole_literal,
          fmt::format("this dynamic query has {} combinations of its {} parts; at most {} are "
                      "described (each is a prepared statement): split it into several "
                      "queries or make some parts static",
                      total, query.parts.size(), max_dynamic_combinations));
    }
  }
  return query;
}

std::size_t dynamic_query_text::combinations() const noexcept {
  std::size_t n = 1;
  for (const auto& part : parts) n *= part.values();
  return n;
}

namespace {

// The value part `i` takes in combination `k`: 0/1 (absent/present) or the alternative.
std::vector<std::size_t> values_of(const std::vector<dynamic_part>& parts, std::size_t k) {
  std::vector<std::size_t> values;
  for (const auto& part : parts) {
    values.push_back(k % part.values());
    k /= part.values();
  }
  return values;
}

}  // namespace

dynamic_combination dynamic_query_text::expand(std::size_t combination) const {
  const std::vector<std::size_t> values = values_of(parts, combination);
  // The kept byte ranges of the literal, in order.
  std::vector<std::pair<std::size_t, std::size_t>> kept;
  std::size_t from = 0;
  dynamic_combination out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const dynamic_part& part = parts[i];
    kept.emplace_back(from, part.begin);
    if (part.optional && values[i] == 1) {
      kept.emplace_back(part.alternatives.front().begin, part.alternatives.front().end);
      out.parameters |= part.alternatives.front().parameters;
    } else if (!part.optional) {
      const auto& alternative = part.alternatives[values[i]];
      kept.emplace_back(alternative.begin, alternative.end);
      out.parameters |= alternative.parameters;
    }
    from = part.end;
  }
  kept.emplace_back(from, text.size());
  out.parameters |= static_parameters;
  reader r(text);  // the parameter tokens again: cheap next to a describe
  r.run();
  // Copies the kept ranges, writing each $n as its dense number among the bound parameters.
  std::size_t t = 0;
  for (const auto& [begin, end] : kept) {
    std::size_t i = begin;
    while (i < end) {
      while (t < r.parameters.size() && r.parameters[t].begin < i) ++t;
      if (t < r.parameters.size() && r.parameters[t].begin == i) {
        const auto& token = r.parameters[t];
        const std::uint64_t below = out.parameters & ((std::uint64_t{1} << token.index) - 1);
        const std::string number = fmt::format("${}", std::popcount(below) + 1);
        out.text += number;
        out.origin.insert(out.origin.end(), number.size(), token.begin);
        i = token.end;
        continue;
      }
      out.text += text[i];
      out.origin.push_back(i);
      ++i;
    }
  }
  return out;
}

std::string dynamic_query_text::describe_combination(std::size_t combination) const {
  const std::vector<std::size_t> values = values_of(parts, combination);
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const dynamic_part& part = parts[i];
    const std::string_view marker =
        std::string_view(text).substr(part.begin, part.end - part.begin);
    if (!out.empty()) out += ", ";
    if (part.optional) {
      out += fmt::format("{} {}", marker, values[i] == 1 ? "present" : "absent");
    } else {
      out += fmt::format("{} alternative {}", marker, values[i]);
    }
  }
  return out;
}

}  // namespace sqlx::core
