// (Not test_cluster.hpp's temp_dir: this one is header-only, for the SQLite tests that start no
// server.) A fresh directory under the system's temporary directory, removed with its contents when
// the object goes away: where the SQLite tests keep their database files.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <stdexcept>
#include <string>

namespace sqlx::test {

class db_dir {
 public:
  db_dir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "sqlx-sqlite-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  db_dir(const db_dir&) = delete;
  db_dir& operator=(const db_dir&) = delete;
  ~db_dir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }

  [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }
  [[nodiscard]] std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace sqlx::test
