#include "sqlx/pg/result.hpp"

#include <charconv>
#include <cstring>

namespace sqlx::pg {

// libpq's accessors accept a null result and out-of-range indexes (they return 0, NULL or
// an empty string), so a default-constructed result reads as empty.

std::size_t result::rows() const noexcept {
  return static_cast<std::size_t>(PQntuples(result_));
}

int result::columns() const noexcept {
  return PQnfields(result_);
}

std::string_view result::column_name(int column) const noexcept {
  const char* name = PQfname(result_, column);
  return name == nullptr ? std::string_view() : std::string_view(name);
}

oid result::column_type(int column) const noexcept {
  return PQftype(result_, column);
}

bool result::is_null(std::size_t row, int column) const noexcept {
  return PQgetisnull(result_, static_cast<int>(row), column) != 0;
}

std::string_view result::value(std::size_t row, int column) const noexcept {
  const int r = static_cast<int>(row);
  const char* data = PQgetvalue(result_, r, column);
  if (data == nullptr) return {};
  return {data, static_cast<std::size_t>(PQgetlength(result_, r, column))};
}

std::uint64_t result::rows_affected() const noexcept {
  const char* count = PQcmdTuples(result_);
  std::uint64_t rows = 0;
  std::from_chars(count, count + std::strlen(count), rows);  // "" (no count) leaves 0
  return rows;
}

}  // namespace sqlx::pg
