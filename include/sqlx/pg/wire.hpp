// Big-endian ("network order") integers as PostgreSQL's binary wire format spells them, and a
// bounds-checked reader that turns truncated or oversized input into sqlx::decode_error: what
// every codec's encode/decode is written with, the built-in ones (types/) and yours
// (docs/types.md, "Adding a type").
#pragma once

#include <bit>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

#include "sqlx/error.hpp"

namespace sqlx::pg {

// Appends `value` in big-endian byte order.
template <std::integral T>
void write_be(std::string& out, T value) {
  using U = std::make_unsigned_t<T>;
  const auto bits = static_cast<U>(value);
  for (int shift = static_cast<int>(sizeof(T) * 8) - 8; shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>(static_cast<unsigned char>(bits >> shift)));
  }
}

// Floats travel as the big-endian bytes of their IEEE 754 representation; bit_cast keeps NaN
// payloads and signed zeros exactly.
inline void write_be(std::string& out, float value) {
  write_be(out, std::bit_cast<std::uint32_t>(value));
}
inline void write_be(std::string& out, double value) {
  write_be(out, std::bit_cast<std::uint64_t>(value));
}

// Reads a big-endian T from the first sizeof(T) bytes at `p` (the caller checked the length).
template <std::integral T>
[[nodiscard]] T read_be(const char* p) noexcept {
  using U = std::make_unsigned_t<T>;
  U bits = 0;
  for (std::size_t i = 0; i < sizeof(T); ++i) {
    bits = static_cast<U>((bits << 8) | static_cast<unsigned char>(p[i]));
  }
  return static_cast<T>(bits);
}

// Throws decode_error "<what>: <problem>".
[[noreturn]] inline void throw_decode_error(std::string_view what, std::string_view problem) {
  std::string message(what);
  message += ": ";
  message += problem;
  throw decode_error(message);
}

[[noreturn]] inline void throw_size_error(std::string_view what, std::size_t expected,
                                          std::size_t got) {
  throw_decode_error(what,
                     "expected " + std::to_string(expected) + " bytes, got " + std::to_string(got));
}

// Throws unless `bytes` is exactly `size` bytes long; fixed-size types call it first. Kept
// tiny so that it inlines and the optimiser sees the length its caller then relies on.
inline void expect_size(std::string_view bytes, std::size_t size, std::string_view what) {
  if (bytes.size() != size) throw_size_error(what, size, bytes.size());
}

// Consumes a value front to back; every read is bounds-checked so that malformed input from
// a confused server (or a wrong format code) is an exception, never an out-of-bounds read.
class wire_reader {
 public:
  // `what` names the value being decoded in error messages ("numeric", "array of int4").
  wire_reader(std::string_view bytes, std::string_view what) noexcept : rest_(bytes), what_(what) {}

  template <std::integral T>
  [[nodiscard]] T read() {
    const char* p = take(sizeof(T)).data();
    return read_be<T>(p);
  }

  // The next `size` bytes.
  [[nodiscard]] std::string_view take(std::size_t size) {
    if (size > rest_.size()) truncated(size);
    const auto bytes = rest_.substr(0, size);
    rest_.remove_prefix(size);
    return bytes;
  }

  [[nodiscard]] std::size_t remaining() const noexcept { return rest_.size(); }

  // Trailing bytes mean the input is not what we think it is: refuse it.
  void expect_end() const {
    if (!rest_.empty()) fail(std::to_string(rest_.size()) + " unexpected trailing bytes");
  }

  [[noreturn]] void fail(std::string_view problem) const { throw_decode_error(what_, problem); }

 private:
  [[noreturn]] void truncated(std::size_t size) const {
    fail("truncated: needs " + std::to_string(size) + " more bytes, " +
         std::to_string(rest_.size()) + " left");
  }

  std::string_view rest_;
  std::string_view what_;
};

}  // namespace sqlx::pg
