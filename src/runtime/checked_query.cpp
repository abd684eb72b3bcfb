// What running a checked query needs that does not depend on the query (include/sqlx/query.hpp).
#include <fmt/format.h>

#include <string>
#include <string_view>
#include <utility>

#include "internal/result_shape.hpp"
#include "sqlx/error.hpp"
#include "sqlx/pg/builtin_types.hpp"
#include "sqlx/query.hpp"

namespace sqlx::detail {
namespace {

[[noreturn]] void throw_stale_metadata(std::string_view text, const std::string& what) {
  throw stale_metadata_error(fmt::format(
      "query `{}`: {}; the schema changed since `sqlcheck prepare`: re-run it and rebuild", text,
      what));
}

}  // namespace

void check_result_shape(const pg::result& result, std::string_view text,
                        std::span<const column_info> columns, user_type_oid type_oid,
                        void* context) {
  if (result.columns() != static_cast<int>(columns.size())) {
    throw_stale_metadata(text, fmt::format("the server returns {} columns, .sqlx-cpp/ says {}",
                                           result.columns(), columns.size()));
  }
  for (int i = 0; i < result.columns(); ++i) {
    const column_info& column = columns[static_cast<std::size_t>(i)];
    if (result.column_name(i) != column.label) {
      throw_stale_metadata(text, fmt::format("column {} is `{}`, .sqlx-cpp/ says `{}`", i + 1,
                                             result.column_name(i), column.label));
    }
    // A built-in type's OID is in the table; a user type's is looked up on the connection once.
    pg::oid expected = pg::builtin_type_oid(column.pg_type);
    if (expected == 0) expected = type_oid(context, column.pg_type);
    if (result.column_type(i) != expected) {
      throw_stale_metadata(
          text, fmt::format("column `{}` has type OID {}, .sqlx-cpp/ says {} (OID {})", column.name,
                            result.column_type(i), column.pg_type, expected));
    }
  }
}

void check_first_result(pg::connection& conn, const pg::result& result, std::string_view text,
                        std::span<const column_info> columns) {
  try {
    check_result_shape(
        result, text, columns,
        [](void* c, std::string_view name) {
          return static_cast<pg::connection*>(c)->type_oid(name);
        },
        &conn);
  } catch (...) {
    conn.forget_statement(std::string(text));
    throw;
  }
}

pg::result run_checked(pg::connection& conn, std::string_view text,
                       std::span<const column_info> columns,
                       std::span<const pg::parameter> parameters) {
  auto result = conn.execute_prepared(std::string(text), parameters);
  if (result.first_use) check_first_result(conn, result.rows, text, columns);
  return std::move(result.rows);
}

void start_checked_stream(pg::connection& conn, std::string_view text,
                          std::span<const column_info> columns,
                          std::span<const pg::parameter> parameters) {
  // The shape check of the first row may need user types' OIDs; an open stream cannot
  // look them up, so learn them first (cached on the connection).
  for (const column_info& column : columns) {
    if (pg::builtin_type_oid(column.pg_type) == 0) static_cast<void>(conn.type_oid(column.pg_type));
  }
  conn.start_stream(std::string(text), parameters);
}

void throw_no_row(std::string_view text) {
  throw row_not_found(fmt::format("query `{}` returned no row", text));
}

void throw_null_value(std::string_view column, std::string_view cpp_type) {
  throw decode_error(
      fmt::format("column `{}` is NULL, read into a non-optional {}", column, cpp_type));
}

}  // namespace sqlx::detail
