// Which statements may share a Sync segment with other operations' statements (docs/async.md,
// "Shared Sync segments"). A shared segment runs as one implicit transaction: a failure in it
// rolls back the statements before it and skips those after it, which are then run again. That
// is invisible only for plain reads, so only texts that can be nothing else share: a SELECT,
// VALUES or TABLE without a locking clause and without INTO. Anything unsure runs in a segment
// of its own, as every statement did before; a wrong "no" costs speed, never correctness.
#include "shared_sync.hpp"

#include "runtime/internal/sql_lexer.hpp"

namespace sqlx::pg::detail {
namespace {

using namespace sqlx::detail::sql;

// The text's words, in order, outside comments, strings, quoted identifiers and dollar quotes
// (so a word inside them never counts); an empty view at the end.
class words {
 public:
  explicit words(std::string_view text) noexcept : s_(text) {}

  [[nodiscard]] std::string_view next() noexcept {
    while (i_ < s_.size()) {
      const char c = s_[i_];
      if (s_.compare(i_, 2, "--") == 0) {
        i_ = skip_line_comment(s_, i_);
      } else if (s_.compare(i_, 2, "/*") == 0) {
        i_ = skip_block_comment(s_, i_);
      } else if (c == '\'' || c == '"') {
        i_ = skip_quoted(s_, i_, false);
      } else if (is_ident_start(c)) {
        const std::size_t start = i_++;
        while (i_ < s_.size() && is_ident_cont(s_[i_])) ++i_;
        const std::string_view word = s_.substr(start, i_ - start);
        if (equals_ci(word, "e") && i_ < s_.size() && s_[i_] == '\'') {
          i_ = skip_quoted(s_, i_, true);  // E'...'
          continue;
        }
        return word;
      } else if (const std::size_t tag = c == '$' ? dollar_tag_length(s_, i_) : 0; tag > 0) {
        i_ = skip_dollar_quoted(s_, i_, tag);
      } else {
        ++i_;
      }
    }
    return {};
  }

 private:
  std::string_view s_;
  std::size_t i_ = 0;
};

}  // namespace

bool may_share_sync(std::string_view sql) noexcept {
  words w(sql);
  const std::string_view first = w.next();
  if (!equals_ci(first, "select") && !equals_ci(first, "values") && !equals_ci(first, "table")) {
    return false;
  }
  // FOR UPDATE / SHARE / NO KEY UPDATE / KEY SHARE take row locks a shared segment would hold
  // longer; SELECT ... INTO creates a table.
  std::string_view previous = first;
  for (std::string_view word = w.next(); !word.empty(); word = w.next()) {
    if (equals_ci(word, "into")) return false;
    if (equals_ci(previous, "for") && (equals_ci(word, "update") || equals_ci(word, "share") ||
                                       equals_ci(word, "no") || equals_ci(word, "key"))) {
      return false;
    }
    previous = word;
  }
  return true;
}

}  // namespace sqlx::pg::detail
