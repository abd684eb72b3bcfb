// The checked queries' async_ calls (include/sqlx/query.hpp) on the async executors: the
// async_runner specializations that query.hpp's seam looks for.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

#include "sqlx/pg/async_common.hpp"
#include "sqlx/query.hpp"

namespace sqlx::pg::detail {

using sqlx::detail::row_read_function;
using sqlx::detail::statement_info;

// What the async_ calls need of an executor: its Asio executor and a checked run.
template <typename E>
concept async_checked_executor = requires(E& e, statement_info s, std::span<const parameter> p) {
  { e.get_executor() } -> std::convertible_to<asio::any_io_executor>;
  { e.run_checked(s.text, s.columns, p) } -> std::same_as<asio::awaitable<result>>;
};

// The operations, as coroutines over the executor. The arguments are the query's
// (encoded_arguments, or a dynamic query's selected ones), copied: the query object need not
// outlive the operation; the executor must. `args.parameters()` owns what the span shows.
template <typename E, typename Args>
asio::awaitable<execute_result> execute_op(E& e, statement_info s, Args args) {
  const auto owned = args.parameters();
  const result r = co_await e.run_checked(s.text, s.columns, std::span<const parameter>(owned));
  co_return execute_result(r.rows_affected());
}

template <typename T, typename E, typename Args>
asio::awaitable<T> fetch_one_op(E& e, statement_info s, Args args, row_read_function<T> read) {
  const auto owned = args.parameters();
  const result r = co_await e.run_checked(s.text, s.columns, std::span<const parameter>(owned));
  if (r.rows() == 0) sqlx::detail::throw_no_row(s.text);
  co_return read(r, 0, s.columns);
}

template <typename T, typename E, typename Args>
asio::awaitable<std::optional<T>> fetch_optional_op(E& e, statement_info s, Args args,
                                                    row_read_function<T> read) {
  const auto owned = args.parameters();
  const result r = co_await e.run_checked(s.text, s.columns, std::span<const parameter>(owned));
  if (r.rows() == 0) co_return std::nullopt;
  co_return read(r, 0, s.columns);
}

template <typename T, typename E, typename Args>
asio::awaitable<std::vector<T>> fetch_all_op(E& e, statement_info s, Args args,
                                             row_read_function<T> read) {
  const auto owned = args.parameters();
  const result r = co_await e.run_checked(s.text, s.columns, std::span<const parameter>(owned));
  const std::size_t count = r.rows();
  std::vector<T> rows;
  rows.reserve(count);
  for (std::size_t i = 0; i < count; ++i) rows.push_back(read(r, i, s.columns));
  co_return rows;
}

}  // namespace sqlx::pg::detail

namespace sqlx::pg {

// The rows of `query.async_fetch(executor, token)`, one at a time:
//   auto rows = co_await SQLX_QUERY("...").async_fetch(pool, asio::use_awaitable);
//   for (;;) { auto row = co_await rows.async_next(asio::use_awaitable); if (!row) break; ... }
// See async_raw_stream for what it holds and what dropping it early does.
template <typename T>
class async_row_stream {
 public:
  async_row_stream() noexcept = default;
  async_row_stream(async_raw_stream raw, sqlx::detail::row_read_function<T> read,
                   std::span<const sqlx::detail::column_info> columns) noexcept
      : raw_(std::move(raw)), read_(read), columns_(columns) {}

  // The next row, nullopt at the end: void(std::exception_ptr, std::optional<T>).
  template <typename Token>
  auto async_next(Token&& token) {
    return detail::launch(raw_.get_executor(), next(), std::forward<Token>(token));
  }
  [[nodiscard]] asio::awaitable<std::optional<T>> next() {
    const bool more = co_await raw_.next();  // (GCC 12: no co_await in a condition)
    if (!more) co_return std::nullopt;
    co_return read_(raw_.rows(), raw_.row(), columns_);
  }

 private:
  async_raw_stream raw_;
  sqlx::detail::row_read_function<T> read_ = nullptr;
  std::span<const sqlx::detail::column_info> columns_;
};

}  // namespace sqlx::pg

namespace sqlx::pg::detail {

template <typename T, typename E, typename Args>
asio::awaitable<async_row_stream<T>> fetch_op(E& e, statement_info s, Args args,
                                              row_read_function<T> read) {
  const auto owned = args.parameters();
  async_raw_stream raw =
      co_await e.open_stream(s.text, s.columns, std::span<const parameter>(owned));
  co_return async_row_stream<T>(std::move(raw), read, s.columns);
}

template <typename E>
struct async_runner_impl {
  static constexpr bool enabled = true;

  template <typename Args, typename Token>
  static auto execute(E& e, statement_info s, const Args& args, Token&& token) {
    return launch(e.get_executor(), execute_op(e, s, args), std::forward<Token>(token));
  }
  template <typename T, typename Args, typename Token>
  static auto fetch_one(E& e, statement_info s, const Args& args, row_read_function<T> read,
                        Token&& token) {
    return launch(e.get_executor(), fetch_one_op<T>(e, s, args, read), std::forward<Token>(token));
  }
  template <typename T, typename Args, typename Token>
  static auto fetch_optional(E& e, statement_info s, const Args& args, row_read_function<T> read,
                             Token&& token) {
    return launch(e.get_executor(), fetch_optional_op<T>(e, s, args, read),
                  std::forward<Token>(token));
  }
  template <typename T, typename Args, typename Token>
  static auto fetch_all(E& e, statement_info s, const Args& args, row_read_function<T> read,
                        Token&& token) {
    return launch(e.get_executor(), fetch_all_op<T>(e, s, args, read), std::forward<Token>(token));
  }
  template <typename T, typename Args, typename Token>
  static auto fetch(E& e, statement_info s, const Args& args, row_read_function<T> read,
                    Token&& token) {
    return launch(e.get_executor(), fetch_op<T>(e, s, args, read), std::forward<Token>(token));
  }
};

}  // namespace sqlx::pg::detail
