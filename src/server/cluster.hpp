// A throwaway PostgreSQL cluster: initdb into a temp dir, listen on a unix socket in that dir
// and a free loopback port, always stopped and removed - also when the owning process fails,
// is interrupted or killed (a watchdog process cleans up when its pipe to us closes).
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <string_view>

#include "sqlx/error.hpp"

namespace sqlx::core {

class cluster_error : public sqlx::error {
 public:
  using sqlx::error::error;
};

// The directory holding `initdb` and `postgres`: $SQLX_CPP_PG_BINDIR, else the directory of
// `postgres` on PATH, else `pg_config --bindir`, else the newest /usr/lib/postgresql/*/bin.
[[nodiscard]] std::filesystem::path find_server_binaries();

class temp_cluster {
 public:
  // Creates and starts a cluster; throws cluster_error with the server's log on failure.
  [[nodiscard]] static temp_cluster start();

  temp_cluster(temp_cluster&& other) noexcept;
  temp_cluster& operator=(temp_cluster&&) = delete;
  temp_cluster(const temp_cluster&) = delete;
  temp_cluster& operator=(const temp_cluster&) = delete;
  ~temp_cluster();

  // A libpq URL for `database` on the loopback port, user `postgres`, no password.
  [[nodiscard]] std::string url(std::string_view database = "postgres") const;
  [[nodiscard]] int port() const noexcept { return port_; }
  [[nodiscard]] const std::filesystem::path& directory() const noexcept { return directory_; }
  [[nodiscard]] pid_t server_pid() const noexcept { return server_pid_; }

  // Stops the server (a fast shutdown: every session ends) and starts it again on the same
  // data and port, for tests of what clients do when their server goes away and comes back.
  // Returns when it accepts connections; throws cluster_error with the log otherwise.
  void restart();

  // Stops the server and removes the directory; idempotent.
  void stop() noexcept;

 private:
  temp_cluster() = default;
  void start_watchdog();
  void tell_watchdog(pid_t server_pid) noexcept;
  bool try_start_server(const std::filesystem::path& bindir, int port);

  std::filesystem::path directory_;
  int port_ = 0;
  pid_t server_pid_ = -1;
  pid_t watchdog_pid_ = -1;
  int watchdog_fd_ = -1;
};

}  // namespace sqlx::core
