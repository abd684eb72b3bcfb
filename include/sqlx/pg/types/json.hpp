// json and jsonb as nlohmann::json.
//
// Parameters travel in *text* format (binary = false): the two types have different binary
// formats (jsonb prefixes a version byte), the codec cannot know which one a parameter is,
// and both accept the same JSON text. Results may come in either format: text, json binary
// (the text itself) and jsonb binary (byte 1, then the text) are told apart by the first
// byte, which is never 1 in JSON text. So a runtime that fetches every column in binary
// still decodes json and jsonb correctly.
//
// A JSON null is the JSON value null, not SQL NULL (use std::optional for that).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "sqlx/error.hpp"
#include "sqlx/pg/builtin_types.hpp"
#include "sqlx/pg/type_traits.hpp"
#include "sqlx/pg/types/common.hpp"
#include "sqlx/pg/wire.hpp"

namespace sqlx::pg {
// json and jsonb differ in element OID as well: arrays of JSON travel as text too.
template <>
inline constexpr bool array_element_prefers_text<nlohmann::json> = true;

namespace detail {

inline constexpr char jsonb_version = 1;

}  // namespace detail

template <>
inline constexpr std::string_view cpp_type_name<nlohmann::json> = "nlohmann::json";

template <>
struct type_traits<nlohmann::json> {
  static constexpr std::string_view type_name = "jsonb";
  static constexpr oid type_oid = codec_type_oid("jsonb");
  static constexpr bool binary = false;

  [[nodiscard]] static constexpr bool accepts(std::string_view pg_type) noexcept {
    return detail::is_builtin(pg_type, "json") || detail::is_builtin(pg_type, "jsonb");
  }

  static void encode(const nlohmann::json& value, std::string& out) {
    try {
      // Non-ASCII stays UTF-8 (the server stores it so anyway); invalid UTF-8 in a string
      // throws rather than being replaced silently.
      out += value.dump();
    } catch (const nlohmann::json::exception& e) {
      throw sqlx::error(std::string("cannot encode JSON parameter: ") + e.what());
    }
  }

  [[nodiscard]] static nlohmann::json decode(std::string_view bytes) {
    if (!bytes.empty() && bytes.front() == detail::jsonb_version) bytes.remove_prefix(1);
    try {
      return nlohmann::json::parse(bytes);
    } catch (const nlohmann::json::exception& e) {
      throw_decode_error("json", e.what());
    }
  }
};

}  // namespace sqlx::pg
