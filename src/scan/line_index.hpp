// Offsets to line/column for the scanner. Internal to the scanner.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "scan/scanner.hpp"

namespace sqlx::core::scan_detail {

// Built only for files that need a position (an occurrence or an error), so files without
// queries cost one lexing pass and nothing else.
class line_index {
 public:
  explicit line_index(std::string_view text) : text_(text) {}

  source_position at(std::size_t offset) {
    if (starts_.empty()) build();
    if (!on_line(hint_, offset)) {
      // Text positions are requested in increasing order: try the next line first.
      if (on_line(hint_ + 1, offset)) {
        ++hint_;
      } else {
        hint_ = static_cast<std::size_t>(std::upper_bound(starts_.begin(), starts_.end(), offset) -
                                         starts_.begin()) -
                1;
      }
    }
    return {static_cast<std::uint32_t>(hint_ + 1),
            static_cast<std::uint32_t>(offset - starts_[hint_] + 1)};
  }

 private:
  bool on_line(std::size_t line, std::size_t offset) const {
    return line < starts_.size() && offset >= starts_[line] &&
           (line + 1 == starts_.size() || offset < starts_[line + 1]);
  }

  void build();

  std::string_view text_;
  std::vector<std::size_t> starts_;
  std::size_t hint_ = 0;
};

}  // namespace sqlx::core::scan_detail
