// acquire_timeout bounds the whole acquire when the server stops answering. The server's
// processes are paused with SIGSTOP, which looks to a client like a network partition: TCP
// still connects (the kernel answers) but nothing is ever read. Every acquire must then return
// or throw sqlx::pool_timeout within the timeout plus a margin, whether it opens a new
// connection or pings an idle one; resumed, the pool must serve again without having leaked a
// slot.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <signal.h>
#include <sys/types.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "sqlx/pg/pool.hpp"
#include "support/test_cluster.hpp"

namespace {
using sqlx::pg::connection;
using sqlx::pg::pool;
using sqlx::pg::pool_options;
using sqlx::pg::pooled_connection;
using namespace std::chrono_literals;
using clock_type = std::chrono::steady_clock;
namespace fs = std::filesystem;

constexpr auto acquire_timeout = 2s;
// A bound on a hang, not a speed assertion: an acquire may end a little after its deadline.
constexpr auto margin = 1s;
constexpr std::size_t max_connections = 4;
constexpr int acquirers = 6;  // more than max_connections: some wait in the queue

// The second field of /proc/PID/stat is "(comm)", which may hold spaces and parentheses; the
// fields after the last ')' are the state and the parent's pid.
struct proc_stat {
  char state = '?';
  pid_t parent = -1;
};
[[nodiscard]] proc_stat read_stat(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto close = text.rfind(')');
  proc_stat s;
  if (close == std::string::npos) return s;
  std::istringstream rest(text.substr(close + 1));
  rest >> s.state >> s.parent;
  return s;
}

[[nodiscard]] std::vector<pid_t> children_of(pid_t parent) {
  std::vector<pid_t> found;
  for (const auto& entry : fs::directory_iterator("/proc")) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || !std::all_of(name.begin(), name.end(), ::isdigit)) continue;
    const pid_t pid = std::stoi(name);
    if (read_stat(pid).parent == parent) found.push_back(pid);
  }
  return found;
}

// Pauses every process of the server (the postmaster first, so that it forks no new child
// while the others are found) and resumes them when it goes away, also when a test fails.
class paused_server {
 public:
  explicit paused_server(pid_t postmaster) {
    stopped_.push_back(postmaster);
    ::kill(postmaster, SIGSTOP);
    for (const pid_t child : children_of(postmaster)) {
      ::kill(child, SIGSTOP);
      stopped_.push_back(child);
    }
    // Stopped for certain before the caller goes on (a signal is delivered asynchronously).
    const auto deadline = clock_type::now() + 5s;
    // A child that is exiting (a zombie, or gone) cannot stop and need not.
    const auto settled = [](pid_t pid) {
      const char state = read_stat(pid).state;
      return state == 'T' || state == 'Z' || state == 'X' || state == '?';
    };
    for (const pid_t pid : stopped_) {
      while (!settled(pid) && clock_type::now() < deadline) std::this_thread::sleep_for(1ms);
    }
  }
  paused_server(const paused_server&) = delete;
  paused_server& operator=(const paused_server&) = delete;
  ~paused_server() { resume(); }

  [[nodiscard]] std::size_t processes() const noexcept { return stopped_.size(); }

  void resume() noexcept {
    // Children first: the postmaster, resumed, may act on them at once.
    for (auto it = stopped_.rbegin(); it != stopped_.rend(); ++it) ::kill(*it, SIGCONT);
    stopped_.clear();
  }

 private:
  std::vector<pid_t> stopped_;
};

enum class outcome { pending, connection, timed_out, other_error };

struct attempt {
  outcome result = outcome::pending;
  clock_type::duration elapsed{};
  std::string message;
};

// Calls acquire() from `acquirers` threads at once while the server is paused. The server is
// resumed when all returned or, should one hang, well after the bound, so that a hang ends
// the test (as a failure) instead of blocking it forever.
[[nodiscard]] std::vector<attempt> acquire_while_paused(pool& p) {
  std::vector<attempt> attempts(acquirers);
  std::mutex m;
  std::condition_variable done;
  int finished = 0;
  std::vector<std::thread> threads;
  {
    paused_server paused(sqlx::test::cluster().server_pid());
    EXPECT_GT(paused.processes(), 1u);  // the postmaster and its children
    for (int i = 0; i < acquirers; ++i) {
      threads.emplace_back([&, i] {
        attempt& a = attempts[static_cast<std::size_t>(i)];
        const auto start = clock_type::now();
        try {
          pooled_connection c = p.acquire();
          a.result = outcome::connection;
        } catch (const sqlx::pool_timeout& e) {
          a.result = outcome::timed_out;
          a.message = e.what();
        } catch (const std::exception& e) {
          a.result = outcome::other_error;
          a.message = e.what();
        }
        a.elapsed = clock_type::now() - start;
        const std::lock_guard lock(m);
        ++finished;
        done.notify_all();
      });
    }
    std::unique_lock lock(m);
    done.wait_for(lock, acquire_timeout + margin + 2s, [&] { return finished == acquirers; });
  }  // resumed here
  for (auto& t : threads) t.join();
  return attempts;
}

void expect_bounded(const std::vector<attempt>& attempts) {
  const auto bound = acquire_timeout + margin;
  clock_type::duration slowest{};
  for (const attempt& a : attempts) slowest = std::max(slowest, a.elapsed);
  std::cout << "slowest acquire: "
            << std::chrono::duration_cast<std::chrono::milliseconds>(slowest).count() << " ms\n";
  for (const attempt& a : attempts) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(a.elapsed).count();
    EXPECT_LE(a.elapsed, bound) << "an acquire took " << ms << " ms";
    // Nothing can be lent while the server is paused.
    EXPECT_EQ(a.result, outcome::timed_out) << ms << " ms: " << a.message;
  }
}

// Samples pool.size() until stopped: it must never exceed max_connections.
class size_watch {
 public:
  explicit size_watch(const pool& p)
      : thread_([this, &p] {
          while (!stop_) {
            const std::size_t size = p.size();
            std::size_t seen = most_.load();
            while (size > seen && !most_.compare_exchange_weak(seen, size)) {
            }
            std::this_thread::sleep_for(1ms);
          }
        }) {}
  size_watch(const size_watch&) = delete;
  size_watch& operator=(const size_watch&) = delete;
  ~size_watch() { stop(); }
  std::size_t stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
    return most_;
  }

 private:
  std::atomic<bool> stop_{false};
  std::atomic<std::size_t> most_{0};
  std::thread thread_;
};

// After the server resumed: a query through the pool succeeds within a few seconds, the pool
// holds no more connections than it may, and the server ends up with no more of its backends.
void expect_recovery(pool& p, const std::string& application_name) {
  bool served = false;
  const auto deadline = clock_type::now() + 10s;
  while (!served && clock_type::now() < deadline) {
    try {
      p.with_connection([](connection& c) { c.execute("SELECT 1"); });
      served = true;
    } catch (const sqlx::error&) {
      std::this_thread::sleep_for(50ms);
    }
  }
  EXPECT_TRUE(served) << "the pool did not recover";
  EXPECT_LE(p.size(), max_connections);

  // Every slot is usable again: max_connections connections lent at once.
  std::vector<pooled_connection> all;
  for (std::size_t i = 0; i < max_connections; ++i) {
    EXPECT_NO_THROW(all.push_back(p.acquire()));
  }
  for (auto& c : all) EXPECT_NO_THROW(c->execute("SELECT 1"));
  EXPECT_EQ(p.size(), max_connections);
  all.clear();

  // The backends of the abandoned attempts end once they read the client's goodbye.
  auto admin = connection::connect(sqlx::test::cluster().url());
  int backends = -1;
  const auto quiet_by = clock_type::now() + 10s;
  do {
    PGresult* r = PQexec(admin.native_handle(),
                         ("SELECT count(*) FROM pg_stat_activity WHERE application_name = '" +
                          application_name + "'")
                             .c_str());
    backends = PQresultStatus(r) == PGRES_TUPLES_OK ? std::stoi(PQgetvalue(r, 0, 0)) : -1;
    PQclear(r);
    if (backends <= static_cast<int>(max_connections)) break;
    std::this_thread::sleep_for(50ms);
  } while (clock_type::now() < quiet_by);
  EXPECT_LE(backends, static_cast<int>(max_connections));
}

[[nodiscard]] pool_options options(const std::string& application_name) {
  return pool_options{}
      .max_connections(max_connections)
      .acquire_timeout(acquire_timeout)
      .test_before_acquire(true)
      .after_connect([application_name](connection& c) {
        c.execute("SET application_name = '" + application_name + "'");
      });
}

// (a) The pool is empty: every acquire must open a connection, and the server never answers
// the startup packet.
TEST(pool_timeout, bounds_opening_a_connection_to_a_paused_server) {
  const std::string url = sqlx::test::cluster().url();
  pool p = options("paused_open").connect_lazy(url);
  size_watch sizes(p);
  const auto attempts = acquire_while_paused(p);
  expect_bounded(attempts);
  expect_recovery(p, "paused_open");
  EXPECT_LE(sizes.stop(), max_connections);
}

// (b) Idle connections, idle for over a second, so acquire pings them; the server never
// answers the ping.
TEST(pool_timeout, bounds_the_ping_of_an_idle_connection_to_a_paused_server) {
  const std::string url = sqlx::test::cluster().url();
  pool p = options("paused_ping").connect_lazy(url);
  {
    std::vector<pooled_connection> all;
    for (std::size_t i = 0; i < max_connections; ++i) all.push_back(p.acquire());
  }
  ASSERT_EQ(p.num_idle(), max_connections);
  std::this_thread::sleep_for(1200ms);  // past the alive-bypass window: each acquire pings
  size_watch sizes(p);
  const auto attempts = acquire_while_paused(p);
  expect_bounded(attempts);
  expect_recovery(p, "paused_ping");
  EXPECT_LE(sizes.stop(), max_connections);
}

// A URL's connect_timeout does not stretch the acquire past acquire_timeout.
TEST(pool_timeout, ignores_a_longer_connect_timeout_in_the_url) {
  const std::string url = sqlx::test::cluster().url() + "?connect_timeout=60";
  pool p = options("paused_url").connect_lazy(url);
  size_watch sizes(p);
  const auto attempts = acquire_while_paused(p);
  expect_bounded(attempts);
  expect_recovery(p, "paused_url");
  EXPECT_LE(sizes.stop(), max_connections);
}

// The blocking connect with a deadline, outside any pool.
TEST(pool_timeout, connect_with_a_deadline_gives_up_in_time) {
  const std::string url = sqlx::test::cluster().url();
  clock_type::duration elapsed{};
  std::string message;
  {
    paused_server paused(sqlx::test::cluster().server_pid());
    const auto start = clock_type::now();
    try {
      (void)connection::connect(url, {}, start + 1s);
    } catch (const sqlx::pg::connection_error& e) {
      message = e.what();
    }
    elapsed = clock_type::now() - start;
  }
  EXPECT_LE(elapsed, 1s + margin);
  EXPECT_NE(message.find("timed out"), std::string::npos) << message;
  EXPECT_NO_THROW((void)connection::connect(url, {}, clock_type::now() + 10s));
}

// Without a deadline, the URL's connect_timeout still bounds a connect, as with libpq's
// blocking connect.
TEST(pool_timeout, connect_without_a_deadline_keeps_the_urls_connect_timeout) {
  const std::string url = sqlx::test::cluster().url() + "?connect_timeout=2";
  clock_type::duration elapsed{};
  std::string message;
  {
    paused_server paused(sqlx::test::cluster().server_pid());
    const auto start = clock_type::now();
    try {
      (void)connection::connect(url);
    } catch (const sqlx::pg::connection_error& e) {
      message = e.what();
    }
    elapsed = clock_type::now() - start;
  }
  EXPECT_LE(elapsed, 2s + margin);
  EXPECT_NE(message.find("timed out"), std::string::npos) << message;
  EXPECT_THROW((void)connection::connect(sqlx::test::cluster().url() + "?connect_timeout=soon"),
               sqlx::pg::connection_error);
}

// libpq moves to another socket when a host fails; the wait follows it.
TEST(pool_timeout, connect_with_a_deadline_goes_on_to_the_next_host) {
  const int port = sqlx::test::cluster().port();
  // Port 1: nothing listens there, the first host is refused.
  const std::string url =
      "postgresql://postgres@127.0.0.1:1,127.0.0.1:" + std::to_string(port) + "/postgres";
  auto c = connection::connect(url, {}, clock_type::now() + 10s);
  EXPECT_TRUE(c.is_open());
  EXPECT_EQ(std::string(PQport(c.native_handle())), std::to_string(port));
}

}  // namespace
