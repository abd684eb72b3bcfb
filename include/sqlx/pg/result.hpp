// A result as it came from the server: rows of binary-format values.
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <string_view>

#include "sqlx/pg/type_traits.hpp"

namespace sqlx::pg {

class result {
 public:
  result() = default;
  explicit result(PGresult* owned) noexcept : result_(owned) {}

  [[nodiscard]] std::size_t rows() const noexcept;
  [[nodiscard]] int columns() const noexcept;
  [[nodiscard]] std::string_view column_name(int column) const noexcept;
  [[nodiscard]] oid column_type(int column) const noexcept;
  [[nodiscard]] bool is_null(std::size_t row, int column) const noexcept;
  // The raw (binary-format, unless the column was requested as text) bytes of a value.
  [[nodiscard]] std::string_view value(std::size_t row, int column) const noexcept;
  // Rows inserted, updated, deleted, selected... as the command tag says; 0 when it says nothing.
  [[nodiscard]] std::uint64_t rows_affected() const noexcept;

  [[nodiscard]] PGresult* native_handle() const noexcept { return result_.get(); }

 private:
  struct deleter {
    void operator()(PGresult* r) const noexcept { PQclear(r); }
  };
  std::unique_ptr<PGresult, deleter> result_;
};

}  // namespace sqlx::pg
