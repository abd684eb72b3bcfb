// One throwaway PostgreSQL cluster per test program, started on first use and removed at
// exit; each test that changes the schema takes its own fresh database.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "runtime/internal/admin.hpp"
#include "server/cluster.hpp"
#include "sqlx/pg/connection.hpp"

namespace sqlx::test {

// The shared cluster of this test program.
[[nodiscard]] core::temp_cluster& cluster();

// Creates an empty database with a unique name (derived from `hint`) and returns its URL.
[[nodiscard]] std::string fresh_database(std::string_view hint);

// A temporary directory removed when the object goes away.
class temp_dir {
 public:
  temp_dir();
  ~temp_dir();
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }

 private:
  std::filesystem::path path_;
};

// Throws the runtime's exception (database_error, connection_error) unless `r` succeeded:
// for tests that call libpq directly on a connection's native_handle().
void check_result(PGconn* conn, const PGresult* r);

void write_file(const std::filesystem::path& file, std::string_view content);
[[nodiscard]] std::string read_file(const std::filesystem::path& file);

}  // namespace sqlx::test
