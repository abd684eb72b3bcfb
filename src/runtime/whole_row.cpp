// A field of a whole-row column ("author.*", docs/nested-structs.md): its composite value
// arrives in PostgreSQL's binary record format - the field count, then per field its type
// OID, its length (-1 for NULL) and its bytes.
#include <fmt/format.h>

#include <cstdint>
#include <string_view>

#include "sqlx/error.hpp"
#include "sqlx/pg/builtin_types.hpp"
#include "sqlx/query.hpp"

namespace sqlx::detail {
namespace {

std::uint32_t read_uint32(const char* p) {
  const auto* b = reinterpret_cast<const unsigned char*>(p);
  return (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) | (std::uint32_t{b[2]} << 8) |
         std::uint32_t{b[3]};
}

[[noreturn]] void throw_changed(const column_info& info, const std::string& what) {
  throw stale_metadata_error(fmt::format(
      "column `{}`: {}; the schema changed since `sqlcheck prepare`: re-run it and rebuild",
      info.name, what));
}

}  // namespace

record_field find_record_field(const pg::result& result, std::size_t row, int column,
                               std::size_t part, const column_info& info) {
  const PGresult* const r = result.native_handle();
  const char* p = PQgetvalue(r, static_cast<int>(row), column);
  const auto size = static_cast<std::size_t>(PQgetlength(r, static_cast<int>(row), column));
  const char* const end = p + size;
  const auto need = [&](std::size_t bytes) {
    if (static_cast<std::size_t>(end - p) < bytes) {
      throw decode_error(fmt::format("column `{}`: a truncated record", info.name));
    }
  };
  need(4);
  const std::uint32_t count = read_uint32(p);
  p += 4;
  // A table that gained or lost a column keeps its row type's OID: the shape check of the
  // result cannot see it, this can.
  if (count != info.field_count) {
    throw_changed(
        info, fmt::format("the row has {} fields, .sqlx-cpp/ says {}", count, info.field_count));
  }
  for (std::size_t k = 0;; ++k) {
    need(8);
    const std::uint32_t type = read_uint32(p);
    const auto length = static_cast<std::int32_t>(read_uint32(p + 4));
    p += 8;
    if (k == part) {
      const pg::oid expected = pg::builtin_type_oid(info.fields[k].pg_type);
      if (expected != 0 && type != expected) {
        throw_changed(info, fmt::format("field `{}` has type OID {}, .sqlx-cpp/ says {}",
                                        info.fields[k].name, type, info.fields[k].pg_type));
      }
      if (length >= 0) need(static_cast<std::size_t>(length));
      return {p, length};
    }
    if (length > 0) {
      need(static_cast<std::size_t>(length));
      p += length;
    }
  }
}

}  // namespace sqlx::detail
