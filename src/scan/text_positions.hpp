// Where each byte of a query text came from in its source file, kept compactly: a text costs a
// few runs, not a position per byte. Needed only when an error points into a query, so a warm
// `sqlcheck prepare` carries thousands of them without expanding any.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace sqlx::core {

// 1-based line and column; columns count bytes, as clang does.
struct source_position {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  friend bool operator==(const source_position&, const source_position&) = default;
};

class text_positions {
 public:
  // The bytes from `start` on, up to the next run's start, lie on one line with columns
  // counting up from `at` (a literal's plain characters).
  struct run {
    std::size_t start = 0;
    source_position at;
    friend bool operator==(const run&, const run&) = default;
  };

  // The next byte's position.
  void push_back(source_position at);
  // `count` more bytes from the same place (an escape sequence's UTF-8 bytes).
  void append(std::size_t count, source_position at);
  void clear() noexcept;

  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  [[nodiscard]] bool empty() const noexcept { return size_ == 0; }
  // Byte `byte`'s position; `byte` < size().
  [[nodiscard]] source_position operator[](std::size_t byte) const;
  [[nodiscard]] source_position back() const { return (*this)[size_ - 1]; }
  // One position per byte (tests, and callers that walk every byte).
  [[nodiscard]] std::vector<source_position> expand() const;

  [[nodiscard]] const std::vector<run>& runs() const noexcept { return runs_; }
  // `size` bytes described by `runs` (as runs() gave them); false, leaving this empty, when
  // they do not describe `size` bytes (the first not at 0, starts not increasing).
  bool assign(std::size_t size, std::vector<run> runs);

  friend bool operator==(const text_positions&, const text_positions&) = default;

 private:
  std::vector<run> runs_;
  std::size_t size_ = 0;
};

}  // namespace sqlx::core
