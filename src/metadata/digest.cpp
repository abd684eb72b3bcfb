#include "metadata/digest.hpp"

#include <openssl/evp.h>

#include <stdexcept>

#include "sqlx/error.hpp"

namespace sqlx::core {
namespace {

template <std::size_t N>
std::array<std::uint8_t, N> digest(const EVP_MD* md, std::string_view data) {
  std::array<std::uint8_t, N> out{};
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), out.data(), &length, md, nullptr) != 1 || length != N) {
    throw sqlx::error("OpenSSL digest failed");
  }
  return out;
}

}  // namespace

std::string sha256_hex(std::string_view data) {
  constexpr char digits[] = "0123456789abcdef";
  const auto bytes = digest<32>(EVP_sha256(), data);
  std::string hex;
  hex.reserve(64);
  for (std::uint8_t b : bytes) {
    hex += digits[b >> 4];
    hex += digits[b & 0xF];
  }
  return hex;
}

std::array<std::uint8_t, 48> sha384(std::string_view data) {
  return digest<48>(EVP_sha384(), data);
}

}  // namespace sqlx::core
