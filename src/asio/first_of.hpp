// Waiting for whichever of two operations completes first, the other being cancelled.
#pragma once

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>
#include <cstddef>
#include <variant>

namespace sqlx::pg::detail {

// The completion token of the operations given to first_of: each reports its error instead
// of throwing it.
inline constexpr auto reporting_error = boost::asio::as_tuple(boost::asio::use_awaitable);

// Awaits `a || b` (both started with reporting_error) and returns the index of the one that
// completed first; throws its error. Had both thrown, a cancellation would reach the caller as
// multiple_exceptions instead of operation_aborted.
template <typename A, typename B>
boost::asio::awaitable<std::size_t> first_of(A a, B b) {
  using namespace boost::asio::experimental::awaitable_operators;
  const auto ready = co_await (std::move(a) || std::move(b));
  const auto [ec] = std::visit([](const auto& outcome) { return outcome; }, ready);
  if (ec) throw boost::system::system_error(ec);
  co_return ready.index();
}

}  // namespace sqlx::pg::detail
