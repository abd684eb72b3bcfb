// A TCP proxy on loopback that delays every byte by a fixed time in each direction: a network
// with latency for the benchmarks, without touching the machine's interfaces (tc netem would
// need root and slow down every other program's loopback traffic). It runs on its own thread.
#pragma once

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <deque>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace bench {

class delay_proxy {
 public:
  using clock = std::chrono::steady_clock;

  // Listens on 127.0.0.1 (a free port) and forwards to 127.0.0.1:`target_port`.
  delay_proxy(int target_port, clock::duration delay)
      : acceptor_(io_, {boost::asio::ip::make_address("127.0.0.1"), 0}),
        target_port_(target_port),
        delay_(delay) {
    boost::asio::co_spawn(io_, accept(), boost::asio::detached);
    thread_ = std::thread([this] { io_.run(); });
  }
  delay_proxy(const delay_proxy&) = delete;
  delay_proxy& operator=(const delay_proxy&) = delete;
  ~delay_proxy() {
    io_.stop();
    thread_.join();
  }

  [[nodiscard]] int port() const { return acceptor_.local_endpoint().port(); }

 private:
  using tcp = boost::asio::ip::tcp;

  // One direction of one connection: chunks read, each written `delay_` after it arrived, in
  // order.
  struct pipe {
    explicit pipe(boost::asio::any_io_executor ex) : signal(ex, clock::time_point::max()) {}
    std::deque<std::pair<clock::time_point, std::string>> chunks;
    boost::asio::steady_timer signal;
    bool closed = false;
  };

  boost::asio::awaitable<void> accept() {
    for (;;) {
      auto client = std::make_shared<tcp::socket>(
          co_await acceptor_.async_accept(boost::asio::use_awaitable));
      auto server = std::make_shared<tcp::socket>(io_);
      co_await server->async_connect(
          {boost::asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(target_port_)},
          boost::asio::use_awaitable);
      client->set_option(tcp::no_delay(true));
      server->set_option(tcp::no_delay(true));
      start(client, server);
      start(server, client);
    }
  }

  void start(std::shared_ptr<tcp::socket> from, std::shared_ptr<tcp::socket> to) {
    auto p = std::make_shared<pipe>(io_.get_executor());
    boost::asio::co_spawn(io_, read(from, p), boost::asio::detached);
    boost::asio::co_spawn(io_, write(to, p), boost::asio::detached);
  }

  boost::asio::awaitable<void> read(std::shared_ptr<tcp::socket> from, std::shared_ptr<pipe> p) {
    std::vector<char> buffer(64 * 1024);
    try {
      for (;;) {
        const std::size_t n =
            co_await from->async_read_some(boost::asio::buffer(buffer), boost::asio::use_awaitable);
        p->chunks.emplace_back(clock::now() + delay_, std::string(buffer.data(), n));
        p->signal.cancel();
      }
    } catch (...) {
      p->closed = true;
      p->signal.cancel();
    }
  }

  boost::asio::awaitable<void> write(std::shared_ptr<tcp::socket> to, std::shared_ptr<pipe> p) {
    try {
      for (;;) {
        while (p->chunks.empty()) {
          if (p->closed) {
            to->close();
            co_return;
          }
          p->signal.expires_at(clock::time_point::max());
          boost::system::error_code ignored;
          co_await p->signal.async_wait(
              boost::asio::redirect_error(boost::asio::use_awaitable, ignored));
        }
        boost::asio::steady_timer due(io_, p->chunks.front().first);
        co_await due.async_wait(boost::asio::use_awaitable);
        // Everything due by now leaves together.
        std::string out;
        while (!p->chunks.empty() && p->chunks.front().first <= clock::now()) {
          out += p->chunks.front().second;
          p->chunks.pop_front();
        }
        co_await boost::asio::async_write(*to, boost::asio::buffer(out),
                                          boost::asio::use_awaitable);
      }
    } catch (...) {
      to->close();
    }
  }

  boost::asio::io_context io_;
  tcp::acceptor acceptor_;
  int target_port_;
  clock::duration delay_;
  std::thread thread_;
};

}  // namespace bench
