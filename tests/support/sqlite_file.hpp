// A real SQLite database file in a fresh temporary directory, removed with the object; for the
// SQLite describe tests.
#pragma once

#include <sqlite3.h>

#include <filesystem>
#include <stdexcept>
#include <string>

namespace sqlx::test {

class sqlite_file {
 public:
  sqlite_file() {
    std::string pattern = (std::filesystem::temp_directory_path() / "sqlx-sqlite-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    dir_ = pattern;
    path_ = dir_ / "test.db";
    if (sqlite3_open_v2(path_.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
        SQLITE_OK) {
      throw std::runtime_error("cannot open " + path_.string());
    }
  }
  ~sqlite_file() {
    sqlite3_close_v2(db_);
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  sqlite_file(const sqlite_file&) = delete;
  sqlite_file& operator=(const sqlite_file&) = delete;

  [[nodiscard]] sqlite3* db() const noexcept { return db_; }
  [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }
  [[nodiscard]] const std::filesystem::path& dir() const noexcept { return dir_; }

  // Runs `sql` (any number of statements); throws with SQLite's message.
  void exec(const std::string& sql) const {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
      std::string message = error != nullptr ? error : "error";
      sqlite3_free(error);
      throw std::runtime_error(message + " in: " + sql);
    }
  }

 private:
  std::filesystem::path dir_;
  std::filesystem::path path_;
  sqlite3* db_ = nullptr;
};

}  // namespace sqlx::test
