// The throwaway cluster facility: starts quickly, works, and never leaks a server or a dir.
#include "server/cluster.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "runtime/internal/admin.hpp"
#include "sqlx/pg/connection.hpp"

namespace {
namespace fs = std::filesystem;
using sqlx::core::temp_cluster;

bool process_alive(pid_t pid) {
  return kill(pid, 0) == 0;
}

// Waits up to ten seconds for `done` to become true.
template <typename Predicate>
bool eventually(Predicate done) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return done();
}

TEST(cluster, starts_accepts_connections_and_is_removed_on_stop) {
  const auto started = std::chrono::steady_clock::now();
  auto cluster = temp_cluster::start();
  const auto elapsed = std::chrono::steady_clock::now() - started;
  std::cout << "cluster start took "
            << std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count() << " ms\n";

  auto conn = sqlx::pg::connection::connect(cluster.url());
  auto result = sqlx::pg::detail::exec_params(conn, "SELECT current_user, inet_server_port()");
  EXPECT_STREQ(PQgetvalue(result.get(), 0, 0), "postgres");
  EXPECT_EQ(std::stoi(PQgetvalue(result.get(), 0, 1)), cluster.port());
  EXPECT_TRUE(fs::exists(cluster.directory() / fmt::format(".s.PGSQL.{}", cluster.port())));

  const fs::path dir = cluster.directory();
  const pid_t server = cluster.server_pid();
  cluster.stop();
  EXPECT_FALSE(fs::exists(dir));
  EXPECT_FALSE(process_alive(server));
  cluster.stop();  // idempotent
}

TEST(cluster, two_clusters_run_side_by_side) {
  auto a = temp_cluster::start();
  auto b = temp_cluster::start();
  EXPECT_NE(a.port(), b.port());
  EXPECT_NE(a.directory(), b.directory());
  auto conn = sqlx::pg::connection::connect(b.url());
  EXPECT_EQ(PQresultStatus(sqlx::pg::detail::exec_params(conn, "SELECT 1").get()), PGRES_TUPLES_OK);
}

// The owner is killed with SIGKILL: no destructor runs, the watchdog must clean up.
TEST(cluster, killed_owner_leaves_no_server_and_no_directory) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(fds[0]);
    auto cluster = temp_cluster::start();
    const std::string info =
        fmt::format("{} {}\n", cluster.server_pid(), cluster.directory().string());
    [[maybe_unused]] auto n = write(fds[1], info.data(), info.size());
    pause();
    _exit(0);
  }
  close(fds[1]);
  std::string info;
  char buffer[512];
  ssize_t n = 0;
  while ((n = read(fds[0], buffer, sizeof buffer)) > 0) {
    info.append(buffer, static_cast<std::size_t>(n));
    if (info.find('\n') != std::string::npos) break;
  }
  close(fds[0]);
  const auto space = info.find(' ');
  ASSERT_NE(space, std::string::npos) << "child did not report its cluster: " << info;
  const pid_t server = std::stoi(info.substr(0, space));
  const fs::path dir = info.substr(space + 1, info.size() - space - 2);
  ASSERT_TRUE(fs::exists(dir));
  ASSERT_TRUE(process_alive(server));

  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  EXPECT_TRUE(eventually([&] { return !process_alive(server) && !fs::exists(dir); }))
      << "server " << server << " or " << dir << " survived its owner";
}

TEST(cluster, finds_the_server_binaries) {
  const auto dir = sqlx::core::find_server_binaries();
  EXPECT_TRUE(fs::exists(dir / "postgres"));
  EXPECT_TRUE(fs::exists(dir / "initdb"));
}

}  // namespace
