// A result as it came from the server: rows of binary-format values.
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <string_view>

#include "sqlx/pg/type_traits.hpp"

namespace sqlx::pg {

class result {
 public:
  result() = default;
  explicit result(PGresult* owned) noexcept : result_(owned) {}
  result(result&& other) noexcept : result_(other.result_) { other.result_ = nullptr; }
  result& operator=(result&& other) noexcept {
    if (this != &other) {
      PQclear(result_);
      result_ = other.result_;
      other.result_ = nullptr;
    }
    return *this;
  }
  result(const result&) = delete;
  result& operator=(const result&) = delete;
  ~result() { PQclear(result_); }

  [[nodiscard]] std::size_t rows() const noexcept;
  [[nodiscard]] int columns() const noexcept;
  [[nodiscard]] std::string_view column_name(int column) const noexcept;
  [[nodiscard]] oid column_type(int column) const noexcept;
  [[nodiscard]] bool is_null(std::size_t row, int column) const noexcept;
  // The raw (binary-format, unless the column was requested as text) bytes of a value.
  [[nodiscard]] std::string_view value(std::size_t row, int column) const noexcept;
  // Rows inserted, updated, deleted, selected... as the command tag says; 0 when it says nothing.
  [[nodiscard]] std::uint64_t rows_affected() const noexcept;

  [[nodiscard]] PGresult* native_handle() const noexcept { return result_; }

 private:
  PGresult* result_ = nullptr;  // owned (not a std::unique_ptr: see connection.hpp)
};

}  // namespace sqlx::pg
