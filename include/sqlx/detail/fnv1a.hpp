// 64-bit FNV-1a, the one hash of the project's small keys: a query literal's key in the
// checked-query header (computed at compile time from the literal and by sqlcheck generate
// from the metadata - they must agree bit for bit), std::hash of a uuid, and sqlx::testing's
// template fingerprint, and the names of sqlcheck prepare's cache files.
#pragma once

#include <cstddef>
#include <cstdint>

namespace sqlx::detail {

inline constexpr std::uint64_t fnv1a_offset_basis = 0xcbf29ce484222325ULL;

// Continues the FNV-1a hash `hash` over `size` bytes or characters (each taken as an unsigned
// char); start with fnv1a_offset_basis, or pass the hash of what came before.
template <typename Char>
constexpr std::uint64_t fnv1a(const Char* data, std::size_t size,
                              std::uint64_t hash = fnv1a_offset_basis) {
  static_assert(sizeof(Char) == 1, "FNV-1a here hashes bytes");
  for (std::size_t i = 0; i < size; ++i) {
    hash ^= static_cast<unsigned char>(data[i]);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

}  // namespace sqlx::detail
