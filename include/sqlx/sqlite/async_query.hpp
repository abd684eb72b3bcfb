// SQLite's checked queries' async_ calls (sqlite/checked_query.hpp) on the SQLite async
// executors: the async_runner specializations that the queries look for. Each operation runs
// the blocking SQLite terminal call (sqlite_fetch_one, ...: the same statements, checks and
// row readers) on the connection's worker thread.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <type_traits>
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

}  // namespace sqlx::sqlite::detail

namespace sqlx::sqlite {

// The rows of `query.async_fetch(executor, token)`, one at a time, stepped on the connection's
// worker (one job per row; nothing but the current row is held):
//   auto rows = co_await SQLX_QUERY("...").async_fetch(pool, asio::use_awaitable);
//   for (;;) { auto row = co_await rows.async_next(asio::use_awaitable); if (!row) break; ... }
// Holds a pooled connection until it goes away; on a connection or a transaction, that one
// must outlive it. Dropped before its end: its statement is reset on the worker, behind what
// is queued there. An error or a cancel ends it.
template <typename T>
class async_row_stream {
 public:
  async_row_stream() noexcept = default;
  async_row_stream(async_statement_slot slot, std::shared_ptr<void> owner,
                   sqlx::detail::statement_info s, sqlx::detail::sqlite_row_read_function<T> read,
                   sqlx::detail::sqlite_arguments arguments) noexcept
      : owner_(std::move(owner)),
        slot_(std::move(slot)),
        statement_(s),
        read_(read),
        arguments_(arguments) {}

  // The next row, nullopt at the end: void(std::exception_ptr, std::optional<T>).
  template <typename Token>
  auto async_next(Token&& token) {
    return pg::detail::launch(slot_.get_executor(), next(), std::forward<Token>(token));
  }

  [[nodiscard]] asio::awaitable<std::optional<T>> next() {
    if (done_) co_return std::nullopt;
    std::optional<T> row;
    const async_statement_slot::step_work step = [&](connection& conn,
                                                     std::optional<statement>& stmt) {
      try {
        bool has_row = false;
        if (!stmt) {
          stmt.emplace(sqlx::detail::sqlite_prepare_checked(conn, statement_));
          arguments_.bind(*stmt, arguments_.values);
          has_row = sqlx::detail::sqlite_first_step(*stmt, statement_);
        } else {
          has_row = stmt->step();
        }
        if (has_row) {
          row.emplace(read_(*stmt));
        } else {
          stmt.reset();
        }
      } catch (...) {
        stmt.reset();
        throw;
      }
    };
    try {
      co_await slot_.run(step);
    } catch (...) {
      done_ = true;
      throw;
    }
    if (!row) done_ = true;
    co_return row;
  }

 private:
  std::shared_ptr<void> owner_;  // first: given back after the slot queued its release
  async_statement_slot slot_;
  sqlx::detail::statement_info statement_{};
  sqlx::detail::sqlite_row_read_function<T> read_ = nullptr;
  sqlx::detail::sqlite_arguments arguments_{};
  bool done_ = false;
};

}  // namespace sqlx::sqlite

namespace sqlx::sqlite::detail {

[[nodiscard]] inline async_connection& connection_of(async_connection& c) noexcept {
  return c;
}
[[nodiscard]] inline async_connection& connection_of(async_pooled_connection& c) noexcept {
  return *c;
}
[[nodiscard]] inline async_connection& connection_of(async_transaction& t) {
  return t.connection();
}

template <typename T, typename E, typename Values>
asio::awaitable<async_row_stream<T>> fetch_op(E& e, statement_info s, Values values,
                                              sqlite_row_read_function<T> read) {
  std::shared_ptr<void> owner;
  async_connection* conn = nullptr;
  if constexpr (std::is_same_v<E, async_pool>) {
    auto pooled = std::make_shared<async_pooled_connection>(co_await e.acquire());
    conn = &**pooled;
    owner = std::move(pooled);
  } else {
    conn = &connection_of(e);
  }
  async_statement_slot slot = conn->statement_slot();
  auto kept = std::make_shared<Values>(std::move(values));
  slot.keep(kept);
  co_return async_row_stream<T>(std::move(slot), std::move(owner), s, read, arguments_of(*kept));
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

  template <typename T, typename Values, typename Token>
  static auto fetch(E& e, statement_info s, const Values& values, sqlite_row_read_function<T> read,
                    Token&& token) {
    return pg::detail::launch(e.get_executor(), fetch_op<T>(e, s, values, read),
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
