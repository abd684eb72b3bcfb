// Runs a test's coroutine on an io_context of its own, bounded in time (the async tests of both
// databases).
#pragma once

#include <gtest/gtest.h>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <chrono>
#include <functional>
#include <future>

namespace sqlx::test {

// Runs `body` to its end on a fresh io_context; fails the test if it takes over `limit`.
inline void run_async(
    const std::function<boost::asio::awaitable<void>(boost::asio::io_context&)>& body,
    std::chrono::seconds limit = std::chrono::seconds(60)) {
  boost::asio::io_context io;
  auto done = boost::asio::co_spawn(io, body(io), boost::asio::use_future);
  io.run_for(limit);
  ASSERT_EQ(done.wait_for(std::chrono::seconds(0)), std::future_status::ready)
      << "the test's coroutine did not finish within " << limit.count() << " s";
  done.get();  // rethrows what the coroutine threw
}

}  // namespace sqlx::test
