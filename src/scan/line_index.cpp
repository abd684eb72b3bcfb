#include "scan/line_index.hpp"

#include <cstring>

namespace sqlx::core::scan_detail {

void line_index::build() {
  starts_.push_back(0);
  const char* const begin = text_.data();
  const char* const end = begin + text_.size();
  for (const char* p = begin; p < end;) {
    const void* nl = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
    if (nl == nullptr) break;
    p = static_cast<const char*>(nl) + 1;
    starts_.push_back(static_cast<std::size_t>(p - begin));
  }
}

}  // namespace sqlx::core::scan_detail
