#include "server/cluster.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <thread>
#include <utility>

#include "runtime/internal/read_file.hpp"
#include "server/process.hpp"

namespace sqlx::core {
namespace fs = std::filesystem;
namespace {

bool has_server_binaries(const fs::path& dir) {
  std::error_code ec;
  return fs::is_regular_file(dir / "postgres", ec) && fs::is_regular_file(dir / "initdb", ec);
}

std::string read_file_or_empty(const fs::path& file) {
  try {
    return sqlx::detail::read_file(file);
  } catch (const sqlx::detail::file_read_error&) {
    return {};  // a log the server never wrote
  }
}

int pick_free_port() {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw cluster_error("cannot create a socket to find a free port");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    close(fd);
    throw cluster_error("cannot find a free loopback port");
  }
  close(fd);
  return ntohs(addr.sin_port);
}

// The watchdog is a tiny shell loop: it learns the server's pid from its stdin and, when
// stdin closes (we exited, crashed or were killed), stops the server and removes the dir.
constexpr std::string_view watchdog_script = R"sh(
trap '' INT TERM HUP
pid=0
while read -r line; do pid=$line; done
if [ "$pid" -gt 0 ] 2>/dev/null; then
  kill -QUIT "$pid" 2>/dev/null
  i=0
  while kill -0 "$pid" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done
  kill -KILL "$pid" 2>/dev/null
fi
rm -rf "$1"
)sh";

}  // namespace

fs::path find_server_binaries() {
  if (const char* env = std::getenv("SQLX_CPP_PG_BINDIR"); env != nullptr && *env != '\0') {
    if (has_server_binaries(env)) return env;
    throw cluster_error(
        fmt::format("SQLX_CPP_PG_BINDIR={} does not contain `postgres` and `initdb`", env));
  }
  if (const char* path = std::getenv("PATH"); path != nullptr) {
    std::string_view rest = path;
    while (!rest.empty()) {
      auto colon = rest.find(':');
      fs::path dir{std::string(rest.substr(0, colon))};
      if (!dir.empty() && has_server_binaries(dir)) return dir;
      if (colon == std::string_view::npos) break;
      rest.remove_prefix(colon + 1);
    }
  }
  try {
    auto pg_config = run_process({"pg_config", "--bindir"});
    if (pg_config.exit_code == 0) {
      fs::path dir = pg_config.output.substr(0, pg_config.output.find_last_not_of("\n") + 1);
      if (has_server_binaries(dir)) return dir;
    }
  } catch (const sqlx::error&) {
    // no pg_config on PATH: try the Debian layout below
  }
  fs::path best;
  int best_version = -1;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    const std::string name = entry.path().filename().string();
    int version = std::atoi(name.c_str());
    if (version > best_version && has_server_binaries(entry.path() / "bin")) {
      best = entry.path() / "bin";
      best_version = version;
    }
  }
  if (best_version >= 0) return best;
  throw cluster_error(
      "cannot find the PostgreSQL server programs (postgres, initdb): install the "
      "postgresql package or set SQLX_CPP_PG_BINDIR");
}

temp_cluster temp_cluster::start() {
  const fs::path bindir = find_server_binaries();
  const auto account = server_account();

  temp_cluster cluster;
  std::string pattern = (fs::temp_directory_path() / "sqlx-cpp-pg-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    throw cluster_error(fmt::format("cannot create a temporary directory in {}",
                                    fs::temp_directory_path().string()));
  }
  cluster.directory_ = pattern;
  cluster.start_watchdog();
  if (account && chown(pattern.c_str(), account->uid, account->gid) != 0) {
    throw cluster_error(fmt::format("cannot hand {} to the postgres user", pattern));
  }

  const fs::path data = cluster.directory_ / "data";
  auto init =
      run_process({(bindir / "initdb").string(), "-D", data.string(), "-U", "postgres", "-A",
                   "trust", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"},
                  account);
  if (init.exit_code != 0) {
    throw cluster_error(fmt::format("initdb failed (exit {}):\n{}", init.exit_code, init.output));
  }
  // A port picked as free can be taken before the server binds it: try a few.
  for (int attempt = 0; attempt < 5; ++attempt) {
    if (cluster.try_start_server(bindir, pick_free_port())) return cluster;
  }
  throw cluster_error(fmt::format("the PostgreSQL server did not start:\n{}",
                                  read_file_or_empty(cluster.directory_ / "server.log")));
}

void temp_cluster::restart() {
  if (server_pid_ > 0) {
    kill(server_pid_, SIGINT);  // fast shutdown: sessions end, the data stays
    int status = 0;
    while (waitpid(server_pid_, &status, 0) < 0 && errno == EINTR) {
    }
    server_pid_ = -1;
  }
  if (!try_start_server(find_server_binaries(), port_)) {
    throw cluster_error(fmt::format("the PostgreSQL server did not restart on port {}:\n{}", port_,
                                    read_file_or_empty(directory_ / "server.log")));
  }
}

bool temp_cluster::try_start_server(const fs::path& bindir, int port) {
  port_ = port;
  const fs::path log = directory_ / "server.log";
  server_pid_ = spawn_process(
      {(bindir / "postgres").string(), "-D", (directory_ / "data").string(), "-p",
       std::to_string(port_), "-k", directory_.string(), "-c", "listen_addresses=127.0.0.1", "-c",
       "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c",
       "max_connections=200", "-c", "logging_collector=off"},
      log.string(), server_account());
  tell_watchdog(server_pid_);

  const std::string conninfo =
      fmt::format("host={} port={} user=postgres dbname=postgres", directory_.string(), port_);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    if (PQping(conninfo.c_str()) == PQPING_OK) return true;
    int status = 0;
    if (waitpid(server_pid_, &status, WNOHANG) == server_pid_) {
      server_pid_ = -1;
      const std::string text = read_file_or_empty(log);
      if (text.find("could not bind") != std::string::npos ||
          text.find("could not create listen socket") != std::string::npos) {
        return false;
      }
      throw cluster_error(fmt::format("the PostgreSQL server exited at start-up:\n{}", text));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  throw cluster_error(
      fmt::format("the PostgreSQL server did not accept connections within 60 s:\n{}",
                  read_file_or_empty(log)));
}

void temp_cluster::start_watchdog() {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) throw cluster_error("cannot create the watchdog pipe");
  try {
    watchdog_pid_ = spawn_process(
        {"/bin/sh", "-c", std::string(watchdog_script), "sqlx-cpp-watchdog", directory_.string()},
        "/dev/null", std::nullopt, fds[0]);
  } catch (...) {
    close(fds[0]);
    close(fds[1]);
    throw;
  }
  close(fds[0]);
  watchdog_fd_ = fds[1];
}

void temp_cluster::tell_watchdog(pid_t server_pid) noexcept {
  if (watchdog_fd_ < 0) return;
  const std::string line = fmt::format("{}\n", server_pid);
  [[maybe_unused]] auto written = write(watchdog_fd_, line.data(), line.size());
}

temp_cluster::temp_cluster(temp_cluster&& other) noexcept
    : directory_(std::move(other.directory_)),
      port_(other.port_),
      server_pid_(std::exchange(other.server_pid_, -1)),
      watchdog_pid_(std::exchange(other.watchdog_pid_, -1)),
      watchdog_fd_(std::exchange(other.watchdog_fd_, -1)) {
  other.directory_.clear();
}

temp_cluster::~temp_cluster() {
  stop();
}

std::string temp_cluster::url(std::string_view database) const {
  return fmt::format("postgresql://postgres@127.0.0.1:{}/{}", port_, database);
}

void temp_cluster::stop() noexcept {
  if (server_pid_ > 0) {
    // Immediate shutdown: the data is throwaway, so there is nothing to checkpoint.
    kill(server_pid_, SIGQUIT);
    int status = 0;
    while (waitpid(server_pid_, &status, 0) < 0 && errno == EINTR) {
    }
    server_pid_ = -1;
    tell_watchdog(0);
  }
  if (!directory_.empty()) {
    std::error_code ec;
    fs::remove_all(directory_, ec);
    directory_.clear();
  }
  if (watchdog_fd_ >= 0) {
    close(watchdog_fd_);
    watchdog_fd_ = -1;
  }
  if (watchdog_pid_ > 0) {
    int status = 0;
    while (waitpid(watchdog_pid_, &status, 0) < 0 && errno == EINTR) {
    }
    watchdog_pid_ = -1;
  }
}

}  // namespace sqlx::core
