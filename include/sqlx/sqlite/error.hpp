// Errors SQLite reported. Both derive from sqlx::error (include/sqlx/error.hpp).
#pragma once

#include <string>

#include "sqlx/error.hpp"

namespace sqlx::sqlite {

// A statement failed: SQLite's result code, its extended code (SQLITE_CONSTRAINT_UNIQUE,
// SQLITE_BUSY_SNAPSHOT, ...) and its message. what() reads "<message> (<code name>)" and, for
// SQLITE_BUSY, how long the connection waited and what holds the lock as far as it can tell.
class database_error : public sqlx::error {
 public:
  struct fields {
    int code = 0;           // the primary result code: SQLITE_BUSY, SQLITE_CONSTRAINT, ...
    int extended_code = 0;  // the extended result code
    std::string message;    // sqlite3_errmsg
    int offset = -1;        // byte offset of the error in the SQL text, -1 when SQLite gave none
  };
  database_error(const std::string& what, fields f) : sqlx::error(what), fields_(std::move(f)) {}
  ~database_error() override;

  [[nodiscard]] int code() const noexcept { return fields_.code; }
  [[nodiscard]] int extended_code() const noexcept { return fields_.extended_code; }
  [[nodiscard]] const std::string& message() const noexcept { return fields_.message; }
  [[nodiscard]] int offset() const noexcept { return fields_.offset; }
  // SQLITE_BUSY or SQLITE_LOCKED: another connection holds a lock this one needed.
  [[nodiscard]] bool is_busy() const noexcept;

 private:
  fields fields_;
};

// The database could not be opened: a missing directory, a read-only or missing file, a file
// that is not a database, a corrupt one. Names the file and SQLite's reason.
class connection_error : public database_error {
 public:
  using database_error::database_error;
  ~connection_error() override;
};

}  // namespace sqlx::sqlite
