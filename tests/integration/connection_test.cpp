// sqlx::pg::connection against a real server: connecting (and never printing the password),
// server errors with their fields, the prepared-statement cache, streaming, connection loss,
// and type lookups.
#include "sqlx/pg/connection.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <string>
#include <thread>

#include "runtime/internal/redact.hpp"
#include "support/test_cluster.hpp"

namespace {
using sqlx::pg::connection;
using sqlx::pg::connection_error;
using sqlx::pg::connection_options;
using sqlx::pg::database_error;
using sqlx::pg::parameter;
using namespace std::chrono_literals;

#if defined(__SANITIZE_ADDRESS__)
constexpr bool address_sanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool address_sanitizer = true;
#else
constexpr bool address_sanitizer = false;
#endif
#else
constexpr bool address_sanitizer = false;
#endif

// A database per test: the tests change schemas and prepared statements.
std::string fresh_url() {
  return sqlx::test::fresh_database(
      ::testing::UnitTest::GetInstance()->current_test_info()->name());
}

// The first value of `sql` run behind the connection's back (text format), "" for none.
std::string scalar(const connection& c, const std::string& sql) {
  PGresult* r = PQexec(c.native_handle(), sql.c_str());
  const ExecStatusType status = PQresultStatus(r);
  std::string value;
  if (status == PGRES_TUPLES_OK && PQntuples(r) > 0) value = PQgetvalue(r, 0, 0);
  const std::string error = PQresultErrorMessage(r);
  PQclear(r);
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    ADD_FAILURE() << sql << ": " << error;
  }
  return value;
}

int prepared_statements(const connection& c) {
  return std::stoi(scalar(c, "SELECT count(*) FROM pg_prepared_statements"));
}

std::string int8_bytes(std::int64_t value) {
  std::string bytes(8, '\0');
  auto bits = static_cast<std::uint64_t>(value);
  for (int i = 7; i >= 0; --i, bits >>= 8)
    bytes[static_cast<std::size_t>(i)] = static_cast<char>(bits & 0xff);
  return bytes;
}

std::int64_t read_int8(std::string_view bytes) {
  std::uint64_t bits = 0;
  for (char c : bytes) bits = (bits << 8) | static_cast<unsigned char>(c);
  return static_cast<std::int64_t>(bits);
}

std::int32_t read_int4(std::string_view bytes) {
  std::uint32_t bits = 0;
  for (char c : bytes) bits = (bits << 8) | static_cast<unsigned char>(c);
  return static_cast<std::int32_t>(bits);
}

parameter binary(const std::string& bytes) {
  return {bytes.data(), static_cast<int>(bytes.size()), 1};
}

// Runs `sql` without parameters through the cache.
sqlx::pg::prepared_result run(connection& c, const std::string& sql) {
  return c.execute_prepared(sql, {});
}

// Resident set size of this process.
long resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0;
  long resident = 0;
  statm >> pages >> resident;
  return resident * sysconf(_SC_PAGESIZE);
}

// --- connecting -----------------------------------------------------------------------------

TEST(connection, connects_by_url_and_by_keywords) {
  auto& cluster = sqlx::test::cluster();
  auto by_url = connection::connect(cluster.url());
  EXPECT_TRUE(by_url.is_open());
  EXPECT_EQ(scalar(by_url, "SELECT current_user"), "postgres");

  auto by_keywords = connection::connect("host=127.0.0.1 port=" + std::to_string(cluster.port()) +
                                         " user=postgres dbname=postgres");
  EXPECT_EQ(scalar(by_keywords, "SELECT current_database()"), "postgres");

  auto by_socket = connection::connect("host=" + cluster.directory().string() + " port=" +
                                       std::to_string(cluster.port()) + " user=postgres");
  EXPECT_EQ(scalar(by_socket, "SELECT inet_server_port() IS NULL"), "t");
}

TEST(connection, text_is_utf8_unless_the_url_says_otherwise) {
  const std::string url = sqlx::test::cluster().url();
  auto c = connection::connect(url);
  EXPECT_EQ(scalar(c, "SHOW client_encoding"), "UTF8");
  EXPECT_EQ(scalar(c, "SHOW application_name"), "sqlx-cpp");
  auto latin = connection::connect(url + "?client_encoding=LATIN1&application_name=mine");
  EXPECT_EQ(scalar(latin, "SHOW client_encoding"), "LATIN1");
  EXPECT_EQ(scalar(latin, "SHOW application_name"), "mine");
}

// The error of connecting to `url`, or "" when that worked.
std::string connect_error(const std::string& url) {
  try {
    (void)connection::connect(url);
  } catch (const connection_error& e) {
    return e.what();
  }
  return {};
}

TEST(connection, unreachable_server_is_named_without_the_password) {
  const std::string url_error = connect_error("postgres://alice:s3cr3t-pw@127.0.0.1:1/db");
  EXPECT_NE(url_error.find("cannot connect to postgres://alice:***@127.0.0.1:1/db: "),
            std::string::npos)
      << url_error;
  EXPECT_NE(url_error.find("refused"), std::string::npos) << url_error;
  EXPECT_EQ(url_error.find("s3cr3t-pw"), std::string::npos) << url_error;

  const std::string keyword_error =
      connect_error("host=127.0.0.1 port=1 user=alice password='s3cr3t pw' dbname=db");
  EXPECT_NE(keyword_error.find("password=*** dbname=db"), std::string::npos) << keyword_error;
  EXPECT_EQ(keyword_error.find("s3cr3t"), std::string::npos) << keyword_error;

  // libpq quotes a malformed URI back, password and all.
  const std::string malformed = connect_error("postgres://alice:s3cr3t-pw@[::1/db");
  EXPECT_FALSE(malformed.empty());
  EXPECT_EQ(malformed.find("s3cr3t-pw"), std::string::npos) << malformed;
}

TEST(connection, wrong_password_is_a_connection_error_without_the_password) {
  auto& cluster = sqlx::test::cluster();
  auto admin = connection::connect(cluster.url());
  admin.execute("DROP ROLE IF EXISTS pw_user; CREATE ROLE pw_user LOGIN PASSWORD 'right-Secret-1'");
  // The cluster trusts everyone: make this one role prove itself.
  const auto hba = cluster.directory() / "data" / "pg_hba.conf";
  const std::string rules = sqlx::test::read_file(hba);
  sqlx::test::write_file(hba, "host all pw_user 127.0.0.1/32 scram-sha-256\n" + rules);
  EXPECT_EQ(scalar(admin, "SELECT pg_reload_conf()"), "t");

  const std::string base = "postgres://pw_user:";
  const std::string rest = "@127.0.0.1:" + std::to_string(cluster.port()) + "/postgres";
  std::string message;
  for (int attempt = 0; attempt < 100 && message.empty(); ++attempt) {
    message = connect_error(base + "wrong-Secret-2" + rest);  // empty until the reload is done
    if (message.empty()) std::this_thread::sleep_for(50ms);
  }
  EXPECT_NE(message.find("password authentication failed"), std::string::npos) << message;
  EXPECT_NE(message.find("postgres://pw_user:***@127.0.0.1"), std::string::npos) << message;
  EXPECT_EQ(message.find("wrong-Secret-2"), std::string::npos) << message;
  EXPECT_EQ(connect_error(base + "right-Secret-1" + rest), "");

  sqlx::test::write_file(hba, rules);
  EXPECT_EQ(scalar(admin, "SELECT pg_reload_conf()"), "t");
}

TEST(connection, redaction_covers_urls_query_parameters_and_keywords) {
  using sqlx::pg::detail::redact_conninfo;
  EXPECT_EQ(redact_conninfo("postgres://u:secret@h/db"), "postgres://u:***@h/db");
  EXPECT_EQ(redact_conninfo("postgresql://u:p%40ss@h:5432,h2/db?sslmode=disable"),
            "postgresql://u:***@h:5432,h2/db?sslmode=disable");
  EXPECT_EQ(redact_conninfo("postgres://u@h/db"), "postgres://u@h/db");
  EXPECT_EQ(redact_conninfo("postgres://h/db?user=u&password=secret&sslmode=require"),
            "postgres://h/db?user=u&password=***&sslmode=require");
  EXPECT_EQ(redact_conninfo("host=h password=secret user=u"), "host=h password=*** user=u");
  EXPECT_EQ(redact_conninfo("password = 'sec ret\\' x' host=h"), "password = *** host=h");
  EXPECT_EQ(redact_conninfo("dbname=postgres://u:pw@h/db"), "dbname=postgres://u:***@h/db");
  EXPECT_EQ(redact_conninfo("host=h"), "host=h");
  EXPECT_EQ(
      sqlx::pg::detail::scrub_message("bad \"postgres://u:pw123@[::1\"", "postgres://u:pw123@[::1"),
      "bad \"postgres://u:***@[::1\"");
}

// --- server errors ------------------------------------------------------------------------

TEST(connection, syntax_error_has_sqlstate_and_position) {
  auto c = connection::connect(fresh_url());
  try {
    c.execute("SELECT 1 FORM t");
    FAIL() << "no error";
  } catch (const database_error& e) {
    EXPECT_EQ(e.sqlstate(), "42601");
    EXPECT_EQ(e.message(), "syntax error at or near \"t\"");
    EXPECT_EQ(e.position(), 15);
    EXPECT_EQ(std::string(e.what()), "syntax error at or near \"t\" (SQLSTATE 42601)");
  }
  EXPECT_THROW((void)run(c, "SELEC 1"), database_error);
  c.execute("SELECT 1");  // still usable
}

TEST(connection, errors_carry_detail_and_hint) {
  auto c = connection::connect(fresh_url());
  c.execute("CREATE TABLE users (id int8 PRIMARY KEY, name text)");
  c.execute("INSERT INTO users VALUES (1, 'ann')");
  try {
    (void)run(c, "INSERT INTO users VALUES (1, 'bob')");
    FAIL() << "no error";
  } catch (const database_error& e) {
    EXPECT_EQ(e.sqlstate(), "23505");
    EXPECT_EQ(e.detail(), "Key (id)=(1) already exists.");
    EXPECT_NE(std::string(e.what()).find("(SQLSTATE 23505)\nDETAIL:  Key (id)=(1) already exists."),
              std::string::npos)
        << e.what();
  }
  try {
    (void)run(c, "SELECT nme FROM users");
    FAIL() << "no error";
  } catch (const database_error& e) {
    EXPECT_EQ(e.sqlstate(), "42703");
    EXPECT_EQ(e.hint(), "Perhaps you meant to reference the column \"users.name\".");
    EXPECT_EQ(e.position(), 8);
    EXPECT_NE(std::string(e.what()).find("\nHINT:  Perhaps"), std::string::npos) << e.what();
  }
}

// --- prepared statements ------------------------------------------------------------------

TEST(connection, binary_parameters_and_null) {
  auto c = connection::connect(fresh_url());
  const std::string id = int8_bytes(41);
  const std::string name = "h\xc3\xa9llo";
  const std::array params{binary(id), binary(name), parameter{}, parameter{"12", 0, 0}};
  const std::string sql =
      "SELECT $1::int8 + 1 AS next, $2::text || '!' AS shout, $3::int8 IS NULL AS missing, "
      "$4::int4 * 2 AS twice, NULL::text AS nothing";
  auto [rows, first_use] = c.execute_prepared(sql, params);
  EXPECT_TRUE(first_use);
  ASSERT_EQ(rows.rows(), 1U);
  ASSERT_EQ(rows.columns(), 5);
  EXPECT_EQ(rows.column_name(0), "next");
  EXPECT_EQ(rows.column_type(0), 20U);
  EXPECT_EQ(rows.column_type(1), 25U);
  EXPECT_EQ(read_int8(rows.value(0, 0)), 42);
  EXPECT_EQ(rows.value(0, 1), name + "!");
  EXPECT_EQ(rows.value(0, 2), std::string_view("\x01", 1));
  EXPECT_EQ(read_int4(rows.value(0, 3)), 24);
  EXPECT_FALSE(rows.is_null(0, 1));
  EXPECT_TRUE(rows.is_null(0, 4));
  EXPECT_EQ(rows.value(0, 4), "");

  const std::string other = int8_bytes(-8);
  const std::array again{binary(other), binary(name), binary(id), parameter{"0", 0, 0}};
  auto second = c.execute_prepared(sql, again);
  EXPECT_FALSE(second.first_use);
  EXPECT_EQ(read_int8(second.rows.value(0, 0)), -7);
  EXPECT_EQ(second.rows.value(0, 2), std::string_view("\x00", 1));
}

TEST(connection, first_use_is_true_once_per_statement) {
  auto c = connection::connect(fresh_url());
  EXPECT_TRUE(run(c, "SELECT 1").first_use);
  EXPECT_FALSE(run(c, "SELECT 1").first_use);
  EXPECT_TRUE(run(c, "SELECT 2").first_use);
  EXPECT_FALSE(run(c, "SELECT 1").first_use);
  EXPECT_EQ(prepared_statements(c), 2);
  // A statement that prepared but failed has not shown its result yet.
  const std::string divide = "SELECT 1 / $1::int4";
  const std::array zero{parameter{"0", 0, 0}};
  const std::array one{parameter{"1", 0, 0}};
  EXPECT_THROW((void)c.execute_prepared(divide, zero), database_error);
  EXPECT_TRUE(c.execute_prepared(divide, one).first_use);
  EXPECT_FALSE(c.execute_prepared(divide, one).first_use);
}

TEST(connection, full_cache_deallocates_the_least_recently_used) {
  auto c = connection::connect(fresh_url(), connection_options{.statement_cache_capacity = 2});
  EXPECT_TRUE(run(c, "SELECT 'a'").first_use);
  EXPECT_TRUE(run(c, "SELECT 'b'").first_use);
  EXPECT_FALSE(run(c, "SELECT 'a'").first_use);  // now 'b' is the least recently used
  EXPECT_TRUE(run(c, "SELECT 'c'").first_use);
  EXPECT_EQ(prepared_statements(c), 2);
  EXPECT_EQ(scalar(c,
                   "SELECT string_agg(statement, ', ' ORDER BY statement) "
                   "FROM pg_prepared_statements"),
            "SELECT 'a', SELECT 'c'");
  EXPECT_FALSE(run(c, "SELECT 'a'").first_use);
  EXPECT_TRUE(run(c, "SELECT 'b'").first_use);  // back, evicting 'c'
  EXPECT_EQ(scalar(c,
                   "SELECT string_agg(name || '=' || statement, ', ' ORDER BY name) "
                   "FROM pg_prepared_statements"),
            "sqlx_s1=SELECT 'a', sqlx_s4=SELECT 'b'");
}

TEST(connection, evictions_inside_a_transaction_wait_for_its_end) {
  auto c = connection::connect(fresh_url(), connection_options{.statement_cache_capacity = 1});
  c.execute("BEGIN");
  (void)run(c, "SELECT 'a'");
  (void)run(c, "SELECT 'b'");  // 'a' is out of the cache, still on the server
  EXPECT_EQ(prepared_statements(c), 2);
  c.execute("COMMIT");
  (void)run(c, "SELECT 'c'");
  EXPECT_EQ(scalar(c, "SELECT string_agg(statement, ', ') FROM pg_prepared_statements"),
            "SELECT 'c'");
}

TEST(connection, capacity_zero_uses_no_named_statements) {
  auto c = connection::connect(fresh_url(), connection_options{.statement_cache_capacity = 0});
  const std::string id = int8_bytes(7);
  const std::array params{binary(id)};
  for (int i = 0; i < 3; ++i) {
    auto [rows, first_use] = c.execute_prepared("SELECT $1::int8 * 6", params);
    EXPECT_TRUE(first_use);
    EXPECT_EQ(read_int8(rows.value(0, 0)), 42);
  }
  EXPECT_EQ(prepared_statements(c), 0);
  c.start_stream("SELECT generate_series(1, 3)", {});
  int rows = 0;
  while (auto row = c.next_row()) {
    EXPECT_EQ(row->first_use, rows == 0);  // every stream is a first use; its first row says so
    ++rows;
  }
  EXPECT_EQ(rows, 3);
  EXPECT_EQ(prepared_statements(c), 0);
  c.forget_statement("SELECT $1::int8 * 6");  // nothing to forget
}

TEST(connection, statements_dropped_behind_the_cache_are_prepared_again) {
  auto c = connection::connect(fresh_url());
  (void)run(c, "SELECT 1");
  (void)run(c, "SELECT 2");
  scalar(c, "DEALLOCATE ALL");  // behind the cache's back
  auto again = run(c, "SELECT 1");
  EXPECT_TRUE(again.first_use);
  EXPECT_EQ(again.rows.value(0, 0).size(), 4U);
  EXPECT_TRUE(run(c, "SELECT 2").first_use);
  EXPECT_EQ(prepared_statements(c), 2);

  // Inside a transaction block the failure has aborted the transaction: no retry.
  c.execute("BEGIN");
  scalar(c, "DEALLOCATE ALL");
  try {
    (void)run(c, "SELECT 1");
    FAIL() << "no error";
  } catch (const database_error& e) {
    EXPECT_EQ(e.sqlstate(), "26000");
  }
  c.execute("ROLLBACK");
  EXPECT_TRUE(run(c, "SELECT 1").first_use);
  EXPECT_TRUE(run(c, "SELECT 2").first_use);  // the cache knew they had all gone
}

TEST(connection, discard_all_through_execute_empties_the_cache_at_once) {
  auto c = connection::connect(fresh_url());
  (void)run(c, "SELECT 1");
  c.execute("DISCARD ALL");
  c.execute("BEGIN");
  EXPECT_TRUE(run(c, "SELECT 1").first_use);  // no failed attempt aborting the transaction
  c.execute("DEALLOCATE ALL");
  EXPECT_TRUE(run(c, "SELECT 1").first_use);
  c.execute("COMMIT");
}

TEST(connection, a_users_missing_statement_is_not_the_caches) {
  auto c = connection::connect(fresh_url());
  (void)run(c, "SELECT 1");
  EXPECT_THROW((void)run(c, "EXECUTE nothing_here"), database_error);
  EXPECT_FALSE(run(c, "SELECT 1").first_use);
}

TEST(connection, schema_change_prepares_again_with_the_new_shape) {
  auto c = connection::connect(fresh_url());
  c.execute("CREATE TABLE s (a int4)");
  EXPECT_TRUE(run(c, "SELECT * FROM s").first_use);
  EXPECT_FALSE(run(c, "SELECT * FROM s").first_use);
  c.execute("ALTER TABLE s ADD COLUMN b text");
  auto changed = run(c, "SELECT * FROM s");
  EXPECT_TRUE(changed.first_use);  // the caller checks the new shape
  EXPECT_EQ(changed.rows.columns(), 2);
  EXPECT_EQ(prepared_statements(c), 1);
}

TEST(connection, forget_statement_deallocates) {
  auto c = connection::connect(fresh_url());
  (void)run(c, "SELECT 1");
  (void)run(c, "SELECT 2");
  EXPECT_EQ(prepared_statements(c), 2);
  c.forget_statement("SELECT 1");
  EXPECT_EQ(scalar(c, "SELECT string_agg(statement, ', ') FROM pg_prepared_statements"),
            "SELECT 2");
  c.forget_statement("SELECT 1");  // no longer cached
  c.forget_statement("never prepared");
  EXPECT_TRUE(run(c, "SELECT 1").first_use);
  EXPECT_FALSE(run(c, "SELECT 2").first_use);
}

TEST(connection, rows_affected_follows_the_command_tag) {
  auto c = connection::connect(fresh_url());
  EXPECT_EQ(run(c, "CREATE TABLE t (id int8, n int4)").rows.rows_affected(), 0U);
  EXPECT_EQ(
      run(c, "INSERT INTO t SELECT i, i % 2 FROM generate_series(1, 5) i").rows.rows_affected(),
      5U);
  EXPECT_EQ(run(c, "UPDATE t SET n = n + 1 WHERE n = 0").rows.rows_affected(), 2U);
  EXPECT_EQ(run(c, "DELETE FROM t WHERE id = 1").rows.rows_affected(), 1U);
  auto selected = run(c, "SELECT * FROM t");
  EXPECT_EQ(selected.rows.rows_affected(), 4U);
  EXPECT_EQ(selected.rows.rows(), 4U);
  EXPECT_EQ(run(c, "DELETE FROM t WHERE false").rows.rows_affected(), 0U);
  EXPECT_EQ(sqlx::pg::result().rows_affected(), 0U);
  EXPECT_EQ(sqlx::pg::result().rows(), 0U);
}

TEST(connection, copy_is_refused_and_the_connection_goes_on) {
  auto c = connection::connect(fresh_url());
  c.execute("CREATE TABLE t (id int8)");
  EXPECT_THROW(c.execute("COPY t FROM STDIN"), sqlx::error);
  EXPECT_THROW(c.execute("COPY (SELECT 1) TO STDOUT"), sqlx::error);
  EXPECT_THROW((void)run(c, "COPY (SELECT 1) TO STDOUT"), sqlx::error);
  EXPECT_EQ(run(c, "SELECT 1").rows.rows(), 1U);
}

// --- streaming ------------------------------------------------------------------------------

TEST(connection, streams_many_rows_in_constant_memory) {
  auto c = connection::connect(fresh_url());
  const std::string sql = "SELECT i, repeat('x', 100) FROM generate_series(1, $1::int4) i";
  const std::array params{parameter{"300000", 0, 0}};
  c.start_stream(sql, params);
  std::int64_t rows = 0;
  std::int64_t sum = 0;
  long after_warm_up = 0;
  while (auto row = c.next_row()) {
    EXPECT_EQ(row->first_use, rows == 0);
    ASSERT_EQ(row->rows.rows(), 1U);
    sum += read_int4(row->rows.value(0, 0));
    if (++rows == 1000) after_warm_up = resident_bytes();
  }
  EXPECT_EQ(rows, 300000);
  EXPECT_EQ(sum, std::int64_t{300000} * 300001 / 2);
  const long growth = resident_bytes() - after_warm_up;
  std::cout << "resident growth over 299,000 rows: " << growth / 1024 << " KiB\n";
  // The whole result would take ~40 MB; ASan's quarantine keeps freed memory on purpose.
  if (!address_sanitizer) {
    EXPECT_LT(growth, 4L << 20);
  }

  c.start_stream(sql, params);  // from the cache now
  auto first = c.next_row();
  ASSERT_TRUE(first);
  EXPECT_FALSE(first->first_use);
  c.finish_stream();
  EXPECT_FALSE(c.next_row());
}

TEST(connection, finish_stream_cancels_and_the_connection_goes_on) {
  auto c = connection::connect(fresh_url());
  const auto started = std::chrono::steady_clock::now();
  c.start_stream("SELECT generate_series(1, 200000000)", {});  // not materialized first
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(c.next_row());
  c.finish_stream();
  c.finish_stream();  // idempotent
  EXPECT_LT(std::chrono::steady_clock::now() - started, 20s);
  EXPECT_FALSE(c.next_row());
  EXPECT_EQ(read_int4(run(c, "SELECT 42").rows.value(0, 0)), 42);
  EXPECT_EQ(scalar(c, "SELECT 'idle'"), "idle");
}

TEST(connection, finish_stream_inside_a_transaction_keeps_the_transaction) {
  const std::string url = fresh_url();
  auto c = connection::connect(url);
  c.execute("CREATE TABLE kept (id int4)");
  c.execute("BEGIN");
  c.execute("INSERT INTO kept VALUES (1)");
  c.start_stream("SELECT i FROM generate_series(1, 100000) i", {});
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(c.next_row());
  c.finish_stream();  // a cancel would abort the transaction: read to the end instead
  c.execute("COMMIT");
  auto other = connection::connect(url);
  EXPECT_EQ(scalar(other, "SELECT count(*) FROM kept"), "1");
}

TEST(connection, finish_stream_after_the_last_row_needs_no_cancel) {
  auto c = connection::connect(fresh_url());
  c.start_stream("SELECT generate_series(1, 3)", {});
  ASSERT_TRUE(c.next_row());
  c.finish_stream();
  EXPECT_EQ(run(c, "SELECT 1").rows.rows(), 1U);
}

TEST(connection, error_mid_stream_leaves_the_connection_usable) {
  auto c = connection::connect(fresh_url());
  c.start_stream("SELECT 1 / (i - 5000) FROM generate_series(1, 10000) i", {});
  int rows = 0;
  try {
    while (c.next_row()) ++rows;
    FAIL() << "no error";
  } catch (const database_error& e) {
    EXPECT_EQ(e.sqlstate(), "22012");
  }
  EXPECT_EQ(rows, 4999);
  EXPECT_FALSE(c.next_row());
  EXPECT_EQ(run(c, "SELECT 1").rows.rows(), 1U);
}

TEST(connection, a_stream_that_fails_at_once) {
  auto c = connection::connect(fresh_url());
  EXPECT_THROW(c.start_stream("SELEC 1", {}), database_error);  // Parse fails: nothing sent
  c.start_stream("SELECT 1 / 0", {});
  EXPECT_THROW((void)c.next_row(), database_error);
  EXPECT_EQ(run(c, "SELECT 1").rows.rows(), 1U);
}

TEST(connection, an_empty_stream_leaves_the_first_use_to_come) {
  auto c = connection::connect(fresh_url());
  c.start_stream("SELECT 1 WHERE false", {});
  EXPECT_FALSE(c.next_row());
  EXPECT_TRUE(run(c, "SELECT 1 WHERE false").first_use);
  EXPECT_FALSE(run(c, "SELECT 1 WHERE false").first_use);
}

TEST(connection, a_busy_connection_refuses_other_commands) {
  auto c = connection::connect(fresh_url());
  EXPECT_EQ(c.type_oid("int8"), 20U);
  c.start_stream("SELECT generate_series(1, 100)", {});
  EXPECT_EQ(c.type_oid("int8"), 20U);  // known already: no server needed
  EXPECT_THROW(c.execute("SELECT 1"), sqlx::error);
  EXPECT_THROW((void)run(c, "SELECT 1"), sqlx::error);
  EXPECT_THROW(c.start_stream("SELECT 1", {}), sqlx::error);
  EXPECT_THROW((void)c.type_oid("int4"), sqlx::error);
  int rows = 0;
  while (c.next_row()) ++rows;
  EXPECT_EQ(rows, 100);
  c.execute("SELECT 1");
}

TEST(connection, a_stream_whose_statement_was_dropped_is_prepared_again) {
  auto c = connection::connect(fresh_url());
  const std::string sql = "SELECT $1::text || i FROM generate_series(1, 3) i";
  const std::array params{parameter{"n", 0, 0}};
  c.start_stream(sql, params);
  while (c.next_row()) {
  }
  scalar(c, "DEALLOCATE ALL");
  {
    std::string prefix = "m";  // gone once sent: the retry must not need it
    const std::array changing{parameter{prefix.c_str(), 0, 0}};
    c.start_stream(sql, changing);
    prefix = "?";
  }
  auto first = c.next_row();
  ASSERT_TRUE(first);
  EXPECT_TRUE(first->first_use);
  EXPECT_EQ(first->rows.value(0, 0), "m1");
  int rows = 1;
  while (c.next_row()) ++rows;
  EXPECT_EQ(rows, 3);
}

// --- connection loss ----------------------------------------------------------------------

TEST(connection, a_terminated_backend_is_a_connection_error) {
  const std::string url = fresh_url();
  auto c = connection::connect(url);
  auto killer = connection::connect(url);
  (void)run(c, "SELECT 1");
  const int pid = PQbackendPID(c.native_handle());
  killer.execute("SELECT pg_terminate_backend(" + std::to_string(pid) + ", 10000)");
  try {
    (void)run(c, "SELECT 1");
    FAIL() << "no error";
  } catch (const connection_error& e) {
    EXPECT_NE(std::string(e.what()).find("lost the connection to postgresql://postgres@"),
              std::string::npos)
        << e.what();
  }
  EXPECT_FALSE(c.is_open());
  EXPECT_THROW((void)run(c, "SELECT 2"), connection_error);
  EXPECT_THROW(c.execute("SELECT 1"), connection_error);
  EXPECT_THROW(c.start_stream("SELECT 1", {}), connection_error);
}

TEST(connection, a_backend_terminated_mid_stream_is_a_connection_error) {
  const std::string url = fresh_url();
  auto c = connection::connect(url);
  auto killer = connection::connect(url);
  c.start_stream("SELECT generate_series(1, 100000000)", {});
  ASSERT_TRUE(c.next_row());
  const int pid = PQbackendPID(c.native_handle());
  killer.execute("SELECT pg_terminate_backend(" + std::to_string(pid) + ", 10000)");
  EXPECT_THROW(
      {
        while (c.next_row()) {
        }
      },
      connection_error);
  EXPECT_FALSE(c.is_open());
  c.finish_stream();
}

// --- types and moves ----------------------------------------------------------------------

TEST(connection, type_oid_asks_the_server_once) {
  auto c = connection::connect(fresh_url());
  EXPECT_EQ(c.type_oid("int8"), 20U);
  EXPECT_EQ(c.type_oid("_text"), 1009U);
  EXPECT_EQ(c.type_oid("public.mood"), 0U);
  c.execute("CREATE TYPE mood AS ENUM ('happy', 'grumpy')");
  const auto mood =
      static_cast<sqlx::pg::oid>(std::stoul(scalar(c, "SELECT 'mood'::regtype::oid")));
  EXPECT_EQ(c.type_oid("public.mood"), mood);  // an unknown name was not remembered
  EXPECT_EQ(c.type_oid("mood"), mood);
  EXPECT_EQ(c.type_oid("no_such_type"), 0U);
  EXPECT_EQ(c.type_oid("no_such_schema.mood"), 0U);
  c.execute("DROP TYPE mood");
  EXPECT_EQ(c.type_oid("public.mood"), mood);  // looked up once per connection
}

TEST(connection, moves_keep_one_owner) {
  auto a = connection::connect(sqlx::test::cluster().url());
  PGconn* handle = a.native_handle();
  connection b = std::move(a);
  EXPECT_EQ(b.native_handle(), handle);
  EXPECT_FALSE(a.is_open());  // NOLINT(bugprone-use-after-move): moved-from is defined
  EXPECT_EQ(a.native_handle(), nullptr);
  EXPECT_THROW(a.execute("SELECT 1"), sqlx::error);
  EXPECT_FALSE(a.next_row());
  a.finish_stream();
  a.forget_statement("SELECT 1");
  auto c = connection::connect(sqlx::test::cluster().url());
  c = std::move(b);
  EXPECT_EQ(c.native_handle(), handle);
  EXPECT_EQ(run(c, "SELECT 1").rows.rows(), 1U);
}

}  // namespace
