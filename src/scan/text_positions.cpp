#include "scan/text_positions.hpp"

#include <algorithm>

namespace sqlx::core {

void text_positions::push_back(source_position at) {
  if (!runs_.empty()) {
    const run& last = runs_.back();
    if (at.line == last.at.line && at.column == last.at.column + (size_ - last.start)) {
      ++size_;
      return;
    }
  }
  runs_.push_back({size_, at});
  ++size_;
}

void text_positions::append(std::size_t count, source_position at) {
  for (std::size_t i = 0; i < count; ++i) push_back(at);
}

void text_positions::clear() noexcept {
  runs_.clear();
  size_ = 0;
}

source_position text_positions::operator[](std::size_t byte) const {
  // The last run starting at or before `byte`.
  const auto after = std::upper_bound(runs_.begin(), runs_.end(), byte,
                                      [](std::size_t b, const run& r) { return b < r.start; });
  const run& r = *std::prev(after);
  return {r.at.line, static_cast<std::uint32_t>(r.at.column + (byte - r.start))};
}

std::vector<source_position> text_positions::expand() const {
  std::vector<source_position> out;
  out.reserve(size_);
  for (std::size_t byte = 0; byte < size_; ++byte) out.push_back((*this)[byte]);
  return out;
}

bool text_positions::assign(std::size_t size, std::vector<run> runs) {
  clear();
  const bool valid = (size == 0 && runs.empty()) ||
                     (!runs.empty() && runs.front().start == 0 && runs.back().start < size &&
                      std::adjacent_find(runs.begin(), runs.end(), [](const run& a, const run& b) {
                        return a.start >= b.start;
                      }) == runs.end());
  if (!valid) return false;
  runs_ = std::move(runs);
  size_ = size;
  return true;
}

}  // namespace sqlx::core
