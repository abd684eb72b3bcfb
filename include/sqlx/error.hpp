// Errors at run time: everything sqlx-cpp throws derives from sqlx::error.
#pragma once

#include <stdexcept>
#include <string>

namespace sqlx {

// The destructors are defined in the library: the vtables and type information of the
// exception classes are then emitted there, not in every translation unit that includes this.
class error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
  ~error() override;
};

// fetch_one found no row.
class row_not_found : public error {
 public:
  using error::error;
  ~row_not_found() override;
};

// The server's result does not have the shape `.sqlx-cpp/` recorded (the schema changed
// since `sqlcheck prepare`): nothing is decoded.
class stale_metadata_error : public error {
 public:
  using error::error;
  ~stale_metadata_error() override;
};

// Options that cannot work together (a pool with max_connections 0, ...), found before any I/O.
class configuration_error : public error {
 public:
  using error::error;
  ~configuration_error() override;
};

// A value could not be decoded into the C++ type (e.g. NULL into a non-optional).
class decode_error : public error {
 public:
  using error::error;
  ~decode_error() override;
};

namespace pg {

// An error the server reported, with its fields.
class database_error : public sqlx::error {
 public:
  struct fields {
    std::string sqlstate;
    std::string message;  // the primary message
    std::string detail;
    std::string hint;
    int position = 0;  // 1-based character position in the statement, 0 when none
  };
  database_error(const std::string& what, fields f) : sqlx::error(what), fields_(std::move(f)) {}
  ~database_error() override;

  [[nodiscard]] const std::string& sqlstate() const noexcept { return fields_.sqlstate; }
  [[nodiscard]] const std::string& message() const noexcept { return fields_.message; }
  [[nodiscard]] const std::string& detail() const noexcept { return fields_.detail; }
  [[nodiscard]] const std::string& hint() const noexcept { return fields_.hint; }
  [[nodiscard]] int position() const noexcept { return fields_.position; }

 private:
  fields fields_;
};

// The connection could not be made or was lost; says which server (password redacted).
class connection_error : public sqlx::error {
 public:
  using sqlx::error::error;
  ~connection_error() override;
};

}  // namespace pg
}  // namespace sqlx
