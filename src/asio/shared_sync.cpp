// Which statements may share a Sync segment with other operations' statements (docs/async.md,
// "Shared Sync segments"). A shared segment runs as one implicit transaction: a failure in it
// rolls back the statements before it and skips those after it, which are then run again. That
// is invisible only for plain reads, so only texts that can be nothing else share: a SELECT,
// VALUES or TABLE without a locking clause and without INTO. Anything unsure runs in a segment
// of its own, as every statement did before; a wrong "no" costs speed, never correctness.
#include "shared_sync.hpp"

#include <cctype>

namespace sqlx::pg::detail {
namespace {

[[nodiscard]] bool word_character(char c) noexcept {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) != 0 || c == '_' || u >= 0x80;
}

[[nodiscard]] bool same_word(std::string_view word, std::string_view lower) noexcept {
  if (word.size() != lower.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(word[i])) != lower[i]) return false;
  }
  return true;
}

// Splits the text into words, skipping comments; quoted text is skipped too, so a word inside a
// string or a quoted name never counts.
class words {
 public:
  explicit words(std::string_view text) noexcept : text_(text) {}

  // The next word, or an empty view at the end.
  [[nodiscard]] std::string_view next() noexcept {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (text_.substr(pos_, 2) == "--") {
        skip_past("\n", 1);
      } else if (text_.substr(pos_, 2) == "/*") {
        skip_past("*/", 2);
      } else if (c == '\'' || c == '"') {
        ++pos_;
        skip_past(std::string_view(&text_[pos_ - 1], 1), 1);
      } else if (c == '$') {
        skip_dollar_quote();
      } else if (word_character(c)) {
        const std::size_t start = pos_;
        while (pos_ < text_.size() && word_character(text_[pos_])) ++pos_;
        return text_.substr(start, pos_ - start);
      } else {
        ++pos_;
      }
    }
    return {};
  }

 private:
  void skip_past(std::string_view end, std::size_t length) noexcept {
    const std::size_t found = text_.find(end, pos_ + (end.size() == 1 ? 0 : 2));
    pos_ = found == std::string_view::npos ? text_.size() : found + length;
  }

  // $tag$ ... $tag$; a parameter ($1) is just skipped.
  void skip_dollar_quote() noexcept {
    const std::size_t close = text_.find('$', pos_ + 1);
    const std::string_view tag =
        close == std::string_view::npos ? std::string_view() : text_.substr(pos_, close - pos_ + 1);
    const std::string_view inner = tag.size() < 2 ? tag : tag.substr(1, tag.size() - 2);
    bool is_tag =
        !tag.empty() && (inner.empty() || std::isdigit(static_cast<unsigned char>(inner[0])) == 0);
    for (char c : inner) is_tag = is_tag && word_character(c);
    if (!is_tag) {
      ++pos_;
      return;
    }
    const std::size_t end = text_.find(tag, pos_ + tag.size());
    pos_ = end == std::string_view::npos ? text_.size() : end + tag.size();
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

bool may_share_sync(std::string_view sql) noexcept {
  words w(sql);
  const std::string_view first = w.next();
  if (!same_word(first, "select") && !same_word(first, "values") && !same_word(first, "table")) {
    return false;
  }
  // FOR UPDATE / SHARE / NO KEY UPDATE / KEY SHARE take row locks a shared segment would hold
  // longer; SELECT ... INTO creates a table.
  std::string_view previous = first;
  for (std::string_view word = w.next(); !word.empty(); word = w.next()) {
    if (same_word(word, "into")) return false;
    if (same_word(previous, "for") && (same_word(word, "update") || same_word(word, "share") ||
                                       same_word(word, "no") || same_word(word, "key"))) {
      return false;
    }
    previous = word;
  }
  return true;
}

}  // namespace sqlx::pg::detail
