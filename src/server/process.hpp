// Running helper programs (initdb, postgres, ...) without a shell.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace sqlx::core {

// The account a child process runs as. PostgreSQL refuses to run as root, so when we are
// root the server programs run as the `postgres` user.
struct run_as {
  uid_t uid;
  gid_t gid;
};

// The `postgres` account when the current process is root, nothing otherwise.
[[nodiscard]] std::optional<run_as> server_account();

struct process_result {
  int exit_code;       // 128 + signal when killed by a signal
  std::string output;  // stdout and stderr interleaved
};

// Runs `argv` to completion, capturing its output. Throws sqlx::error when the
// program cannot be started at all.
[[nodiscard]] process_result run_process(const std::vector<std::string>& argv,
                                         const std::optional<run_as>& account = {});

// Runs `argv` to completion in `directory`, with `environment` ("NAME=value") added to this
// process's, capturing its output. Started with posix_spawn, not fork: the time a caller
// measures (bench/prepare_bench) is the program's, not a copy of the caller's page tables, nor
// an `env` in between. Throws sqlx::error when the program cannot be started.
[[nodiscard]] process_result run_process_in(const std::filesystem::path& directory,
                                            const std::vector<std::string>& argv,
                                            const std::vector<std::string>& environment);

// Starts `argv` in the background with stdout/stderr appended to `log_file` and stdin from
// `stdin_fd` (or /dev/null when negative); returns its pid.
[[nodiscard]] pid_t spawn_process(const std::vector<std::string>& argv, const std::string& log_file,
                                  const std::optional<run_as>& account = {}, int stdin_fd = -1);

}  // namespace sqlx::core
