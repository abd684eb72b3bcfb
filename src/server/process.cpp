#include "server/process.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <grp.h>
#include <pwd.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "sqlx/error.hpp"

namespace sqlx::core {
namespace {

std::vector<char*> to_argv(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  argv.reserve(args.size() + 1);
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  return argv;
}

// Runs in the forked child: only async-signal-safe calls until exec.
[[noreturn]] void exec_child(char** argv, int output_fd, int input_fd,
                             const std::optional<run_as>& account) {
  if (output_fd >= 0) {
    dup2(output_fd, STDOUT_FILENO);
    dup2(output_fd, STDERR_FILENO);
    if (output_fd > STDERR_FILENO) close(output_fd);
  }
  if (input_fd < 0) input_fd = open("/dev/null", O_RDONLY);
  if (input_fd >= 0) dup2(input_fd, STDIN_FILENO);
  // Own process group: a Ctrl-C aimed at the caller must not reach the server directly,
  // the caller stops it in order.
  setpgid(0, 0);
  if (account) {
    if (setgroups(0, nullptr) != 0 || setgid(account->gid) != 0 || setuid(account->uid) != 0) {
      _exit(126);
    }
  }
  execvp(argv[0], argv);
  const char msg[] = "exec failed\n";
  [[maybe_unused]] auto ignored = write(STDERR_FILENO, msg, sizeof msg - 1);
  _exit(127);
}

int decode_status(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

// The child's output, read from `fd` (then closed) until the child closes it, and its exit
// code, once it has exited.
process_result collect(pid_t pid, int fd) {
  process_result result{};
  char buffer[4096];
  for (;;) {
    ssize_t n = read(fd, buffer, sizeof buffer);
    if (n > 0) {
      result.output.append(buffer, static_cast<std::size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      break;
    }
  }
  close(fd);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.exit_code = decode_status(status);
  return result;
}

}  // namespace

std::optional<run_as> server_account() {
  if (geteuid() != 0) return std::nullopt;
  const passwd* pw = getpwnam("postgres");
  if (pw == nullptr) {
    throw sqlx::error(
        "running as root, but there is no `postgres` user to run the PostgreSQL server as");
  }
  return run_as{pw->pw_uid, pw->pw_gid};
}

process_result run_process(const std::vector<std::string>& args,
                           const std::optional<run_as>& account) {
  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) {
    throw sqlx::error(fmt::format("pipe: {}", std::strerror(errno)));
  }
  auto argv = to_argv(args);
  pid_t pid = fork();
  if (pid < 0) {
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    throw sqlx::error(fmt::format("fork: {}", std::strerror(errno)));
  }
  if (pid == 0) {
    close(pipe_fds[0]);
    exec_child(argv.data(), pipe_fds[1], -1, account);
  }
  close(pipe_fds[1]);
  process_result result = collect(pid, pipe_fds[0]);
  if (result.exit_code == 127 && result.output == "exec failed\n") {
    throw sqlx::error(fmt::format("cannot run `{}`", args.front()));
  }
  return result;
}

process_result run_process_in(const std::filesystem::path& directory,
                              const std::vector<std::string>& args,
                              const std::vector<std::string>& environment) {
  std::vector<std::string> variables = environment;
  for (char** e = environ; *e != nullptr; ++e) variables.emplace_back(*e);
  auto argv = to_argv(args);
  auto envp = to_argv(variables);
  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) {
    throw sqlx::error(fmt::format("pipe: {}", std::strerror(errno)));
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addchdir_np(&actions, directory.c_str());
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDERR_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  pid_t pid = 0;
  const int failed = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  close(pipe_fds[1]);
  if (failed != 0) {
    close(pipe_fds[0]);
    throw sqlx::error(fmt::format("cannot run `{}`: {}", args.front(), std::strerror(failed)));
  }
  return collect(pid, pipe_fds[0]);
}

pid_t spawn_process(const std::vector<std::string>& args, const std::string& log_file,
                    const std::optional<run_as>& account, int stdin_fd) {
  int log_fd = open(log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (log_fd < 0) {
    throw sqlx::error(fmt::format("cannot open {}: {}", log_file, std::strerror(errno)));
  }
  auto argv = to_argv(args);
  pid_t pid = fork();
  if (pid < 0) {
    close(log_fd);
    throw sqlx::error(fmt::format("fork: {}", std::strerror(errno)));
  }
  if (pid == 0) exec_child(argv.data(), log_fd, stdin_fd, account);
  close(log_fd);
  return pid;
}

}  // namespace sqlx::core
