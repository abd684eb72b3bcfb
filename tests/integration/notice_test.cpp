// Server notices (RAISE NOTICE, and the FATAL a backend sends when it is terminated or the
// server shuts down) reach the sink the user set, and never the program's stderr.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "sqlx/pg/pool.hpp"
#include "support/test_cluster.hpp"

namespace {
using sqlx::pg::connection;
using sqlx::pg::connection_options;
using sqlx::pg::notice;
using sqlx::pg::pool;
using sqlx::pg::pool_options;
using sqlx::pg::pooled_connection;
using namespace std::chrono_literals;
using clock_type = std::chrono::steady_clock;

constexpr const char* raise_hello = "DO $$ BEGIN RAISE NOTICE 'hello'; END $$";

// Whatever is written to file descriptor 2 while it lives (libpq's default notice processor
// writes there with fprintf(stderr)).
class stderr_capture {
 public:
  stderr_capture() : file_(std::tmpfile()) {
    std::fflush(stderr);
    saved_ = ::dup(2);
    if (file_ == nullptr || saved_ < 0 || ::dup2(::fileno(file_), 2) < 0) {
      throw std::runtime_error("cannot capture stderr");
    }
  }
  stderr_capture(const stderr_capture&) = delete;
  stderr_capture& operator=(const stderr_capture&) = delete;
  ~stderr_capture() {
    restore();
    std::fclose(file_);
  }

  // Stops capturing and returns what was written.
  [[nodiscard]] std::string text() {
    restore();
    std::string out;
    std::rewind(file_);
    char buffer[512];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, file_)) > 0) out.append(buffer, n);
    return out;
  }

 private:
  void restore() noexcept {
    if (saved_ < 0) return;
    std::fflush(stderr);
    ::dup2(saved_, 2);
    ::close(saved_);
    saved_ = -1;
  }
  std::FILE* file_;
  int saved_ = -1;
};

// A thread-safe sink that keeps what it receives.
struct collected {
  std::mutex m;
  std::vector<notice> notices;

  [[nodiscard]] auto sink() {
    return [this](const notice& n) {
      const std::lock_guard lock(m);
      notices.push_back(n);
    };
  }
  [[nodiscard]] std::vector<notice> taken() {
    const std::lock_guard lock(m);
    return std::exchange(notices, {});
  }
};

std::string fresh_url() {
  return sqlx::test::fresh_database(
      ::testing::UnitTest::GetInstance()->current_test_info()->name());
}

auto set_name(const std::string& name) {
  return [name](connection& c) { c.execute("SET application_name = '" + name + "'"); };
}

int count_backends(const std::string& application_name) {
  auto admin = connection::connect(sqlx::test::cluster().url());
  PGresult* r = PQexec(
      admin.native_handle(),
      ("SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + application_name + "'")
          .c_str());
  const int n = PQresultStatus(r) == PGRES_TUPLES_OK ? std::stoi(PQgetvalue(r, 0, 0)) : -1;
  PQclear(r);
  return n;
}

// Terminates the backends named `application_name` and waits until they are gone, so that
// their FATAL message is in the client's socket.
void terminate_backends(const std::string& application_name) {
  auto admin = connection::connect(sqlx::test::cluster().url());
  admin.execute(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '" +
      application_name + "'");
  const auto deadline = clock_type::now() + 10s;
  while (count_backends(application_name) > 0 && clock_type::now() < deadline) {
    std::this_thread::sleep_for(10ms);
  }
  ASSERT_EQ(count_backends(application_name), 0);
}

TEST(notice, a_connection_without_a_sink_writes_nothing_to_stderr) {
  const std::string url = fresh_url();
  stderr_capture captured;
  auto c = connection::connect(url);
  c.execute(raise_hello);
  c.execute("DO $$ BEGIN RAISE WARNING 'careful'; END $$");
  EXPECT_EQ(captured.text(), "");
}

TEST(notice, a_pool_without_a_sink_writes_nothing_to_stderr_when_its_backends_end) {
  const std::string url = fresh_url();
  stderr_capture captured;
  pool p = pool_options{}.max_connections(3).after_connect(set_name("quiet_pool")).connect(url);
  p.with_connection([](connection& c) { c.execute(raise_hello); });
  {
    std::vector<pooled_connection> all;
    for (int i = 0; i < 3; ++i) all.push_back(p.acquire());
  }
  terminate_backends("quiet_pool");
  // Each idle connection is found dead (its FATAL read) and replaced.
  {
    std::vector<pooled_connection> all;
    for (int i = 0; i < 3; ++i) all.push_back(p.acquire());
    for (auto& c : all) c->execute("SELECT 1");
  }
  EXPECT_EQ(captured.text(), "");
}

TEST(notice, a_connection_sink_receives_raise_notice) {
  collected got;
  connection_options options;
  options.on_notice = got.sink();
  auto c = connection::connect(fresh_url(), options);
  c.execute(raise_hello);
  auto notices = got.taken();
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0].severity, "NOTICE");
  EXPECT_EQ(notices[0].sqlstate, "00000");
  EXPECT_EQ(notices[0].message, "hello");

  // Also from the extended protocol, with detail and hint.
  (void)c.execute_prepared(
      "DO $$ BEGIN RAISE WARNING 'careful' USING DETAIL = 'd', HINT = 'h', ERRCODE = '01000'; "
      "END $$",
      {});
  notices = got.taken();
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0].severity, "WARNING");
  EXPECT_EQ(notices[0].sqlstate, "01000");
  EXPECT_EQ(notices[0].message, "careful");
  EXPECT_EQ(notices[0].detail, "d");
  EXPECT_EQ(notices[0].hint, "h");

  // The sink moves with the connection.
  connection moved = std::move(c);
  moved.execute(raise_hello);
  EXPECT_EQ(got.taken().size(), 1u);
}

TEST(notice, a_pool_sink_receives_notices_and_the_fatal_of_a_terminated_backend) {
  collected got;
  pool p = pool_options{}
               .max_connections(2)
               .after_connect(set_name("noticed_pool"))
               .on_notice(got.sink())
               .connect(fresh_url());
  p.with_connection([](connection& c) { c.execute(raise_hello); });
  auto notices = got.taken();
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0].message, "hello");

  terminate_backends("noticed_pool");
  p.with_connection([](connection& c) { c.execute("SELECT 1"); });  // replaced
  notices = got.taken();
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0].severity, "FATAL");
  EXPECT_EQ(notices[0].sqlstate, "57P01");  // admin_shutdown
}

// The pool's sink wins over its connection_options' one; connection_options alone works too.
TEST(notice, a_pool_takes_the_sink_of_its_connection_options) {
  collected from_options;
  collected from_pool;
  connection_options options;
  options.on_notice = from_options.sink();
  {
    pool p = pool_options{}.connection_options(options).connect(fresh_url());
    p.with_connection([](connection& c) { c.execute(raise_hello); });
  }
  EXPECT_EQ(from_options.taken().size(), 1u);
  {
    pool p =
        pool_options{}.on_notice(from_pool.sink()).connection_options(options).connect(fresh_url());
    p.with_connection([](connection& c) { c.execute(raise_hello); });
  }
  EXPECT_EQ(from_options.taken().size(), 0u);
  EXPECT_EQ(from_pool.taken().size(), 1u);
}

// A sink that throws loses its notice, nothing else: libpq calls it from C.
TEST(notice, a_throwing_sink_does_not_break_the_connection) {
  connection_options options;
  options.on_notice = [](const notice&) { throw std::runtime_error("sink"); };
  auto c = connection::connect(fresh_url(), options);
  EXPECT_NO_THROW(c.execute(raise_hello));
  EXPECT_NO_THROW(c.execute("SELECT 1"));
}

// A fast shutdown ends every session with "FATAL: terminating connection due to administrator
// command"; the pool finds its connections dead, replaces them, and prints nothing.
TEST(notice, a_server_restart_prints_nothing_and_reaches_the_sink) {
  const std::string url = fresh_url();
  collected got;
  pool quiet = pool_options{}.max_connections(3).connect(url);
  pool noticed = pool_options{}.max_connections(3).on_notice(got.sink()).connect(url);
  for (pool* p : {&quiet, &noticed}) {
    std::vector<pooled_connection> all;
    for (int i = 0; i < 3; ++i) all.push_back(p->acquire());
  }
  stderr_capture captured;
  sqlx::test::cluster().restart();
  for (pool* p : {&quiet, &noticed}) {
    std::vector<pooled_connection> all;
    for (int i = 0; i < 3; ++i) all.push_back(p->acquire());
    for (auto& c : all) c->execute("SELECT 1");
  }
  EXPECT_EQ(captured.text(), "");
  const auto notices = got.taken();
  EXPECT_EQ(notices.size(), 3u);
  for (const notice& n : notices) {
    EXPECT_EQ(n.severity, "FATAL");
    EXPECT_EQ(n.sqlstate, "57P01");
  }
}

}  // namespace
