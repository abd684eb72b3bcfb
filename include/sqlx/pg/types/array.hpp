// One-dimensional arrays as std::vector<T> (parameters also std::span<const T>); elements
// may be std::optional<T> for NULL elements.
//
// Format. Binary arrays carry their element type's OID and the server refuses a mismatch
// ("wrong element type"), so an array travels in binary only when its element type names
// exactly one PostgreSQL type with a known OID. Otherwise (elements that are user enums,
// whose OID is known only at run time, or strings, inet and JSON, which each stand for
// several PostgreSQL types) `binary` is false and parameters are sent as an array literal
// in text format, `{"a","b",NULL}`, which the server parses with the element type it
// inferred. Results are decoded from either format: a text array starts with '{' or '[',
// a binary one with the big-endian dimension count (a 0 byte), so a runtime that fetches
// every column in binary (libpq cannot mix result formats per column) still works.
#pragma once

#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "sqlx/error.hpp"
#include "sqlx/pg/builtin_types.hpp"
#include "sqlx/pg/type_traits.hpp"
#include "sqlx/pg/types/common.hpp"
#include "sqlx/pg/wire.hpp"

namespace sqlx::pg {
namespace detail {

// Base of every array codec: lets the element concept refuse arrays of arrays, which would
// be multi-dimensional arrays in PostgreSQL.
struct array_codec_tag {};

template <typename T>
concept array_element_value =
    encodable<T> && !is_optional<T> && !std::derived_from<type_traits<T>, array_codec_tag>;

template <typename E>
concept array_element = array_element_value<strip_optional_t<E>>;

// "_int4" for int4, "public._mood" for public.mood: PostgreSQL names an array type after its
// element, with an underscore in front of the unqualified name.
template <typename V>
struct array_type_name {
  static constexpr std::string_view element = type_traits<V>::type_name;
  static constexpr std::array<char, element.size() + 2> chars = [] {
    std::array<char, element.size() + 2> out{};
    const auto dot = element.rfind('.');
    const std::size_t split = dot == std::string_view::npos ? 0 : dot + 1;
    std::size_t at = 0;
    for (std::size_t i = 0; i < split; ++i) out[at++] = element[i];
    out[at++] = '_';
    for (std::size_t i = split; i < element.size(); ++i) out[at++] = element[i];
    return out;
  }();
  static constexpr std::string_view value{chars.data(), element.size() + 1};
};

template <typename V>
constexpr bool array_uses_binary() {
  return uses_binary_encoding<V>() && type_traits<V>::type_oid != 0 &&
         !array_element_prefers_text<V>;
}

constexpr bool is_array_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

template <typename E>
struct array_codec : array_codec_tag {
  using value_type = strip_optional_t<E>;
  static constexpr bool nullable = is_optional<E>;

  static constexpr std::string_view type_name = array_type_name<value_type>::value;
  static constexpr oid type_oid = builtin_array_oid(type_traits<value_type>::type_oid);
  static constexpr bool binary = array_uses_binary<value_type>();

  // True for "_x" and "schema._x" when the element type accepts "x" / "schema.x".
  [[nodiscard]] static constexpr bool accepts(std::string_view pg_type) noexcept {
    const std::string_view unqualified = unqualified_type_name(pg_type);
    if (!unqualified.starts_with('_')) return false;
    if (unqualified.size() == pg_type.size()) {
      return type_traits<value_type>::accepts(unqualified.substr(1));
    }
    // PostgreSQL names are at most 63 bytes, so schema.name fits with room to spare.
    char element[256]{};
    if (pg_type.size() > sizeof element) return false;
    const std::size_t qualifier = pg_type.size() - unqualified.size();
    std::size_t at = 0;
    for (std::size_t i = 0; i < qualifier; ++i) element[at++] = pg_type[i];
    for (std::size_t i = 1; i < unqualified.size(); ++i) element[at++] = unqualified[i];
    return type_traits<value_type>::accepts(std::string_view(element, at));
  }

  // Encodes any range of E (a vector, a span, a vector<bool>).
  template <typename Range>
  static void encode_range(const Range& values, std::string& out) {
    if constexpr (binary) {
      encode_binary(values, out);
    } else {
      encode_text(values, out);
    }
  }

  // Only instantiated when the element type is decodable (see vector_decoder).
  [[nodiscard]] static std::vector<E> decode_array(std::string_view bytes) {
    if (!bytes.empty() &&
        (bytes.front() == '{' || bytes.front() == '[' || is_array_space(bytes.front()))) {
      if constexpr (binary) {
        throw_decode_error(type_name,
                           "array arrived in text format; its elements decode from binary only");
      } else {
        return decode_text(bytes);
      }
    }
    return decode_binary(bytes);
  }

 private:
  static bool is_null(const E& value) noexcept {
    if constexpr (nullable) {
      return !value.has_value();
    } else {
      return false;
    }
  }
  static const value_type& get(const E& value) noexcept {
    if constexpr (nullable) {
      return *value;
    } else {
      return value;
    }
  }

  [[noreturn]] static void too_large() {
    throw sqlx::error(std::string(type_name) + " parameter too large for the wire format");
  }

  // Binary: int32 ndim, int32 has-nulls flag, uint32 element OID, per dimension int32 size
  // and int32 lower bound, then per element int32 length (-1 for NULL) and the bytes.
  template <typename Range>
  static void encode_binary(const Range& values, std::string& out) {
    std::size_t count = 0;
    bool has_null = false;
    for (const auto& value : values) {
      ++count;
      if (is_null(value)) has_null = true;
    }
    if (count > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max())) too_large();
    write_be(out, std::int32_t{count == 0 ? 0 : 1});
    write_be(out, std::int32_t{has_null ? 1 : 0});
    write_be(out, type_traits<value_type>::type_oid);
    if (count == 0) return;
    write_be(out, static_cast<std::int32_t>(count));
    write_be(out, std::int32_t{1});
    for (const auto& value : values) {
      if (is_null(value)) {
        write_be(out, std::int32_t{-1});
        continue;
      }
      const std::size_t length_at = out.size();
      out.append(4, '\0');
      type_traits<value_type>::encode(get(value), out);
      const std::size_t length = out.size() - length_at - 4;
      if (length > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max())) too_large();
      std::string bytes;
      write_be(bytes, static_cast<std::int32_t>(length));
      out.replace(length_at, 4, bytes);
    }
  }

  // Text: every element quoted, so that no element text (empty, "NULL", with commas, braces
  // or spaces) needs case analysis; only '"' and '\' are escaped.
  template <typename Range>
  static void encode_text(const Range& values, std::string& out) {
    out.push_back('{');
    bool first = true;
    std::string element;
    for (const auto& value : values) {
      if (!first) out.push_back(',');
      first = false;
      if (is_null(value)) {
        out += "NULL";
        continue;
      }
      element.clear();
      array_element_text<value_type>::write(get(value), element);
      out.push_back('"');
      for (const char c : element) {
        if (c == '"' || c == '\\') out.push_back('\\');
        out.push_back(c);
      }
      out.push_back('"');
    }
    out.push_back('}');
  }

  static void push_null(std::vector<E>& values, const wire_reader& in) {
    if constexpr (nullable) {
      values.emplace_back(std::nullopt);
    } else {
      in.fail("NULL element at index " + std::to_string(values.size()) +
              " cannot be decoded into " + std::string(cpp_type_name<std::vector<E>>) + " (use " +
              std::string(cpp_type_name<std::vector<std::optional<value_type>>>) + ")");
    }
  }

  [[noreturn]] static void multi_dimensional(const wire_reader& in, const std::string& dimensions) {
    in.fail("multi-dimensional array (" + dimensions + " dimensions) cannot be decoded into " +
            std::string(cpp_type_name<std::vector<E>>) + "; only one-dimensional arrays are");
  }

  static std::vector<E> decode_binary(std::string_view bytes) {
    wire_reader in(bytes, type_name);
    const auto ndim = in.read<std::int32_t>();
    const auto flags = in.read<std::int32_t>();
    static_cast<void>(in.read<std::uint32_t>());  // element OID: the column type was checked
    if (flags != 0 && flags != 1) in.fail("invalid flags");
    std::vector<E> values;
    if (ndim == 0) {
      in.expect_end();
      return values;
    }
    if (ndim < 0) in.fail("negative dimension count");
    if (ndim > 1) multi_dimensional(in, std::to_string(ndim));
    const auto size = in.read<std::int32_t>();
    static_cast<void>(in.read<std::int32_t>());  // lower bound: the vector starts at 0 anyway
    if (size < 0) in.fail("negative array size");
    // Every element takes at least its 4-byte length: refuse sizes the input cannot hold
    // before allocating for them.
    if (static_cast<std::size_t>(size) > in.remaining() / 4) in.fail("array size exceeds input");
    values.reserve(static_cast<std::size_t>(size));
    for (std::int32_t i = 0; i < size; ++i) {
      const auto length = in.read<std::int32_t>();
      if (length == -1) {
        push_null(values, in);
      } else if (length < 0) {
        in.fail("invalid element length");
      } else {
        values.emplace_back(
            type_traits<value_type>::decode(in.take(static_cast<std::size_t>(length))));
      }
    }
    in.expect_end();
    return values;
  }

  // PostgreSQL's array output: {a,"b c",NULL,"\"q\""}, optionally preceded by bounds
  // ([0:2]={...}) when the lower bound is not 1; whitespace around elements is ignored.
  static std::vector<E> decode_text(std::string_view text) {
    wire_reader in(text, type_name);
    std::size_t i = 0;
    auto skip_space = [&] {
      while (i < text.size() && is_array_space(text[i])) ++i;
    };
    skip_space();
    if (i < text.size() && text[i] == '[') {
      int dimensions = 0;
      while (i < text.size() && text[i] == '[') {
        ++dimensions;
        const auto close = text.find(']', i);
        if (close == std::string_view::npos) in.fail("unterminated dimension bounds");
        i = close + 1;
      }
      if (dimensions > 1) multi_dimensional(in, std::to_string(dimensions));
      if (i >= text.size() || text[i] != '=') in.fail("expected '=' after dimension bounds");
      ++i;
      skip_space();
    }
    if (i >= text.size() || text[i] != '{') in.fail("expected '{'");
    ++i;
    std::vector<E> values;
    skip_space();
    if (i < text.size() && text[i] == '}') {
      ++i;
    } else {
      std::string element;
      while (true) {
        skip_space();
        if (i >= text.size()) in.fail("unterminated array");
        if (text[i] == '{') multi_dimensional(in, "2 or more");
        element.clear();
        bool quoted = false;
        bool escaped_any = false;
        if (text[i] == '"') {
          quoted = true;
          ++i;
          while (true) {
            if (i >= text.size()) in.fail("unterminated quoted element");
            const char c = text[i++];
            if (c == '"') break;
            if (c == '\\') {
              if (i >= text.size()) in.fail("unterminated escape");
              element.push_back(text[i++]);
            } else {
              element.push_back(c);
            }
          }
          skip_space();
        } else {
          // Unquoted: up to the delimiter; trailing unescaped whitespace is not part of it.
          std::size_t keep = 0;
          while (i < text.size() && text[i] != ',' && text[i] != '}') {
            const char c = text[i++];
            if (c == '"' || c == '{') in.fail("unexpected character in unquoted element");
            if (c == '\\') {
              if (i >= text.size()) in.fail("unterminated escape");
              element.push_back(text[i++]);
              escaped_any = true;
              keep = element.size();
            } else {
              element.push_back(c);
              if (!is_array_space(c)) keep = element.size();
            }
          }
          element.resize(keep);
          if (element.empty()) in.fail("empty unquoted element");
        }
        if (!quoted && !escaped_any && element.size() == 4 &&
            (element[0] == 'N' || element[0] == 'n') && (element[1] == 'U' || element[1] == 'u') &&
            (element[2] == 'L' || element[2] == 'l') && (element[3] == 'L' || element[3] == 'l')) {
          push_null(values, in);
        } else {
          values.emplace_back(array_element_text<value_type>::read(element));
        }
        if (i >= text.size()) in.fail("unterminated array");
        if (text[i] == ',') {
          ++i;
          continue;
        }
        if (text[i] == '}') {
          ++i;
          break;
        }
        in.fail("expected ',' or '}'");
      }
    }
    skip_space();
    if (i != text.size()) in.fail("trailing characters after the array");
    return values;
  }
};

// decode() for vectors of decodable elements only: a vector of std::string_view elements
// is a parameter type, never a result type.
template <typename E, bool = decodable<strip_optional_t<E>>>
struct vector_decoder {};

template <typename E>
struct vector_decoder<E, true> {
  [[nodiscard]] static std::vector<E> decode(std::string_view bytes) {
    return array_codec<E>::decode_array(bytes);
  }
};

}  // namespace detail

template <detail::array_element E>
struct type_traits<std::vector<E>> : detail::array_codec<E>, detail::vector_decoder<E> {
  static void encode(const std::vector<E>& values, std::string& out) {
    detail::array_codec<E>::encode_range(values, out);
  }
};

// Parameters only: views of elements owned by the caller. (For span<const E> the first
// specialisation is the more specialised one; the second cannot match it anyway, as
// type_traits<const E> does not exist.)
template <detail::array_element E>
struct type_traits<std::span<const E>> : detail::array_codec<E> {
  static void encode(const std::span<const E>& values, std::string& out) {
    detail::array_codec<E>::encode_range(values, out);
  }
};

template <detail::array_element E>
struct type_traits<std::span<E>> : detail::array_codec<E> {
  static void encode(const std::span<E>& values, std::string& out) {
    detail::array_codec<E>::encode_range(values, out);
  }
};

}  // namespace sqlx::pg
