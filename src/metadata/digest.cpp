#include "metadata/digest.hpp"

#include <openssl/evp.h>

#include <stdexcept>

#include "sqlx/error.hpp"

namespace sqlx::core {
namespace {

// Fetched once: OpenSSL 3 looks an algorithm up in its provider tables on every use of
// EVP_sha256() (a lock and a search), a tenth of a small digest's cost; prepare hashes every
// query text several times.
const EVP_MD* fetched(const char* name) {
  EVP_MD* md = EVP_MD_fetch(nullptr, name, nullptr);
  if (md == nullptr) throw sqlx::error(std::string("OpenSSL has no ") + name);
  return md;  // kept for the process's lifetime
}

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
  static const EVP_MD* const md = fetched("SHA256");
  const auto bytes = digest<32>(md, data);
  std::string hex;
  hex.reserve(64);
  for (std::uint8_t b : bytes) {
    hex += digits[b >> 4];
    hex += digits[b & 0xF];
  }
  return hex;
}

std::array<std::uint8_t, 48> sha384(std::string_view data) {
  static const EVP_MD* const md = fetched("SHA384");
  return digest<48>(md, data);
}

}  // namespace sqlx::core
