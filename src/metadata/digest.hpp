// Message digests (OpenSSL): SHA-256 names the metadata files, SHA-384 is sqlx's migration
// checksum.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace sqlx::core {

// Lowercase hex SHA-256 of the bytes of `data`.
[[nodiscard]] std::string sha256_hex(std::string_view data);

// Raw SHA-384 of the bytes of `data`.
[[nodiscard]] std::array<std::uint8_t, 48> sha384(std::string_view data);

}  // namespace sqlx::core
