// SQLite's checked queries' async_ calls (sqlite/checked_query.hpp) on the SQLite async
// executors: the async_runner specializations that the queries look for. Each operation runs
// the blocking SQLite terminal call (sqlite_fetch_one, ...: the same statements, checks and
// row readers) on the connection's worker thread.
#pragma once

#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

#include "sqlx/pg/async_common.hpp"
#include "sqlx/sqlite/async_connection.hpp"
#include "sqlx/sqlite/async_pool.hpp"
#include "sqlx/sqlite/async_transaction.hpp"
#include "sqlx/sqlite/checked_query.hpp"

namespace sqlx::sqlite::detail {

using sqlx::detail::sqlite_arguments;
using sqlx::detail::sqlite_row_read_function;
using sqlx::detail::statement_info;

template <typename Values>
[[nodiscard]] sqlite_arguments arguments_of(const Values& values) noexcept {
  return {&values, &sqlx::detail::sqlite_bind_tuple<Values>};
}

// The operations, as coroutines over the executor. The arguments are the query's, copied into
// the coroutine: the query object need not outlive the operation; the executor must.
template <typename E, typename Values>
asio::awaitable<execute_result> execute_op(E& e, statement_info s, Values values) {
  execute_result out;
  const connection_work work = [&](connection& conn) {
    out = sqlx::detail::sqlite_execute(conn, s, arguments_of(values));
  };
  co_await e.run(work);
  co_return out;
}

template <typename T, typename E, typename Values>
asio::awaitable<T> fetch_one_op(E& e, statement_info s, Values values,
                                sqlite_row_read_function<T> read) {
  std::optional<T> out;
  const connection_work work = [&](connection& conn) {
    out.emplace(sqlx::detail::sqlite_fetch_one<T>(conn, s, arguments_of(values), read));
  };
  co_await e.run(work);
  co_return std::move(*out);
}

template <typename T, typename E, typename Values>
asio::awaitable<std::optional<T>> fetch_optional_op(E& e, statement_info s, Values values,
                                                    sqlite_row_read_function<T> read) {
  std::optional<T> out;
  const connection_work work = [&](connection& conn) {
    out = sqlx::detail::sqlite_fetch_optional<T>(conn, s, arguments_of(values), read);
  };
  co_await e.run(work);
  co_return out;
}

template <typename T, typename E, typename Values>
asio::awaitable<std::vector<T>> fetch_all_op(E& e, statement_info s, Values values,
                                             sqlite_row_read_function<T> read) {
  std::vector<T> out;
  const connection_work work = [&](connection& conn) {
    out = sqlx::detail::sqlite_fetch_all<T>(conn, s, arguments_of(values), read);
  };
  co_await e.run(work);
  co_return out;
}

template <std::size_t N>
inline constexpr bool postgres_query_on_sqlite = false;

template <typename E>
struct async_runner_impl {
  static constexpr bool enabled = true;

  template <typename Values, typename Token>
  static auto execute(E& e, statement_info s, const Values& values, Token&& token) {
    return pg::detail::launch(e.get_executor(), execute_op(e, s, values),
                              std::forward<Token>(token));
  }
  template <typename T, typename Values, typename Token>
  static auto fetch_one(E& e, statement_info s, const Values& values,
                        sqlite_row_read_function<T> read, Token&& token) {
    return pg::detail::launch(e.get_executor(), fetch_one_op<T>(e, s, values, read),
                              std::forward<Token>(token));
  }
  template <typename T, typename Values, typename Token>
  static auto fetch_optional(E& e, statement_info s, const Values& values,
                             sqlite_row_read_function<T> read, Token&& token) {
    return pg::detail::launch(e.get_executor(), fetch_optional_op<T>(e, s, values, read),
                              std::forward<Token>(token));
  }
  template <typename T, typename Values, typename Token>
  static auto fetch_all(E& e, statement_info s, const Values& values,
                        sqlite_row_read_function<T> read, Token&& token) {
    return pg::detail::launch(e.get_executor(), fetch_all_op<T>(e, s, values, read),
                              std::forward<Token>(token));
  }

  // A PostgreSQL query's async_ calls (query.hpp) reach these: a compile error naming both
  // databases, as for the blocking calls.
  template <std::size_t N, typename Token>
  static int execute(E&, statement_info, const sqlx::detail::encoded_arguments<N>&, Token&&) {
    static_assert(postgres_query_on_sqlite<N>,
                  "sqlx-cpp: this query was prepared for PostgreSQL (its .sqlx-cpp/ metadata "
                  "says so): it cannot run on a SQLite async connection, pool or transaction");
    return 0;
  }
  template <std::size_t N, typename Read, typename Token>
  static int fetch_one(E& e, statement_info s, const sqlx::detail::encoded_arguments<N>& a, Read,
                       Token&& t) {
    return execute(e, s, a, std::forward<Token>(t));
  }
  template <std::size_t N, typename Read, typename Token>
  static int fetch_optional(E& e, statement_info s, const sqlx::detail::encoded_arguments<N>& a,
                            Read, Token&& t) {
    return execute(e, s, a, std::forward<Token>(t));
  }
  template <std::size_t N, typename Read, typename Token>
  static int fetch_all(E& e, statement_info s, const sqlx::detail::encoded_arguments<N>& a, Read,
                       Token&& t) {
    return execute(e, s, a, std::forward<Token>(t));
  }
  template <std::size_t N, typename Read, typename Token>
  static int fetch(E& e, statement_info s, const sqlx::detail::encoded_arguments<N>& a, Read,
                   Token&& t) {
    return execute(e, s, a, std::forward<Token>(t));
  }
};

}  // namespace sqlx::sqlite::detail

namespace sqlx {

template <>
struct async_runner<sqlite::async_connection>
    : sqlite::detail::async_runner_impl<sqlite::async_connection> {};
template <>
struct async_runner<sqlite::async_pooled_connection>
    : sqlite::detail::async_runner_impl<sqlite::async_pooled_connection> {};
template <>
struct async_runner<sqlite::async_pool> : sqlite::detail::async_runner_impl<sqlite::async_pool> {};
template <>
struct async_runner<sqlite::async_transaction>
    : sqlite::detail::async_runner_impl<sqlite::async_transaction> {};

}  // namespace sqlx
