// What the async API (docs/async.md) builds on: Boost.Asio under the name sqlx::asio, and how
// an operation written as a coroutine becomes an initiating function taking any completion
// token.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <type_traits>
#include <utility>

namespace sqlx {
// The Asio the library is built on (Boost.Asio; docs/async.md says why).
namespace asio = boost::asio;
}  // namespace sqlx

namespace sqlx::pg::detail {

template <typename Token>
inline constexpr bool is_use_awaitable =
    std::is_same_v<std::remove_cvref_t<Token>, asio::use_awaitable_t<asio::any_io_executor>>;

// Runs `operation` (a coroutine of the library) as an asynchronous operation completed through
// `token`: use_awaitable gets the coroutine itself (no new coroutine thread: the caller's
// cancellation slot reaches it directly); any other token (callback, use_future, deferred,
// bind_cancellation_slot(...)) goes through co_spawn, whose handler receives
// (std::exception_ptr, T). Errors are the library's exceptions; cancellation is a
// boost::system::system_error with asio::error::operation_aborted.
template <typename T, typename Token>
auto launch(const asio::any_io_executor& executor, asio::awaitable<T> operation, Token&& token) {
  if constexpr (is_use_awaitable<Token>) {
    return operation;
  } else {
    return asio::co_spawn(executor, std::move(operation), std::forward<Token>(token));
  }
}

}  // namespace sqlx::pg::detail
