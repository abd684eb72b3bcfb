// sqlx::migrator and `sqlcheck migrate` / `sqlcheck database` against a real server: sqlx's
// table and checksums byte for byte, the advisory lock, concurrent starts, failures and the
// refusals (changed, missing, dirty) with their escape hatches, schema-per-instance.
#include "sqlx/migrate.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "metadata/digest.hpp"
#include "server/process.hpp"
#include "sqlx/pg/pool.hpp"
#include "support/expect_throw.hpp"
#include "support/test_cluster.hpp"

namespace {
namespace fs = std::filesystem;
using sqlx::test::fresh_database;
using sqlx::test::temp_dir;
using sqlx::test::write_file;

std::string test_name() {
  return ::testing::UnitTest::GetInstance()->current_test_info()->name();
}

// One text value (or "<null>") of a query on a fresh connection of its own.
std::string scalar(const std::string& url, const std::string& sql) {
  auto conn = sqlx::pg::connection::connect(url);
  auto r = sqlx::pg::detail::exec_params(conn, sql);
  if (PQntuples(r.get()) == 0) return "<none>";
  return PQgetisnull(r.get(), 0, 0) ? "<null>" : PQgetvalue(r.get(), 0, 0);
}

// Independent of the library: CRC-32 from its defining polynomial with a lookup table.
std::uint32_t test_crc32(std::string_view data) {
  std::array<std::uint32_t, 256> table{};
  for (std::uint32_t i = 0; i < 256; ++i) {
    std::uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    table[i] = c;
  }
  std::uint32_t crc = ~0u;
  for (unsigned char ch : data) crc = table[(crc ^ ch) & 0xFF] ^ (crc >> 8);
  return ~crc;
}

// sqlx: 0x3d32ad9e * (crc32(database name) as i64).
std::int64_t sqlx_lock_key(std::string_view database) {
  return std::int64_t{0x3d32ad9e} * static_cast<std::int64_t>(test_crc32(database));
}

std::string hex_of(const std::array<std::uint8_t, 48>& bytes) {
  std::string out;
  for (auto b : bytes) out += fmt::format("{:02x}", b);
  return out;
}

bool lock_free(const std::string& url) {
  const std::string db = scalar(url, "SELECT current_database()");
  const auto key = sqlx_lock_key(db);
  auto conn = sqlx::pg::connection::connect(url);
  auto r = sqlx::pg::detail::exec_params(conn, fmt::format("SELECT pg_try_advisory_lock({})", key));
  const bool got = std::string_view(PQgetvalue(r.get(), 0, 0)) == "t";
  if (got)
    (void)sqlx::pg::detail::exec_params(conn, fmt::format("SELECT pg_advisory_unlock({})", key));
  return got;
}

struct cli_result {
  int status;
  std::string output;
};

cli_result sqlcheck(const fs::path& cwd, const std::vector<std::string>& args,
                    const std::string& url = {}) {
  std::vector<std::string> argv{"env", "-C", cwd.string(), "-u", "DATABASE_URL"};
  if (!url.empty()) argv.push_back("DATABASE_URL=" + url);
  argv.push_back(SQLX_CPP_SQLCHECK);
  argv.insert(argv.end(), args.begin(), args.end());
  auto r = sqlx::core::run_process(argv);
  return {r.exit_code, r.output};
}

using sqlx::test::expect_throw;

class migrate : public ::testing::Test {
 protected:
  void SetUp() override {
    url_ = fresh_database(test_name());
    db_ = std::make_unique<sqlx::pg::connection>(sqlx::pg::connection::connect(url_));
  }
  fs::path dir() const { return tmp_.path(); }
  void file(const std::string& name, const std::string& sql) { write_file(dir() / name, sql); }
  std::vector<sqlx::migration_step> run(const sqlx::migrate_options& o = {}) {
    return sqlx::migrator::from_directory(dir()).run(*db_, o);
  }
  std::vector<sqlx::migration_step> revert(const sqlx::migrate_options& o = {}) {
    return sqlx::migrator::from_directory(dir()).revert(*db_, o);
  }
  std::string q(const std::string& sql) const { return scalar(url_, sql); }
  // A URL of database `name` on the test server, as a user would pass it to sqlcheck.
  std::string url_of(std::string_view credentials, const std::string& name) const {
    const auto colon = url_.rfind(':');
    const std::string port = url_.substr(colon + 1, url_.rfind('/') - colon - 1);
    return fmt::format("postgres://{}@127.0.0.1:{}/{}", credentials, port, name);
  }
  bool database_exists(const std::string& name) const {
    return q(fmt::format("SELECT count(*) FROM pg_database WHERE datname = '{}'", name)) == "1";
  }

  temp_dir tmp_;
  std::string url_;
  std::unique_ptr<sqlx::pg::connection> db_;
};

TEST_F(migrate, applies_reverts_and_reports) {
  file("1_users.up.sql", "CREATE TABLE users (id int PRIMARY KEY);\n");
  file("1_users.down.sql", "DROP TABLE users;\n");
  file("2_email.up.sql", "ALTER TABLE users ADD COLUMN email text;\n");
  file("2_email.down.sql", "ALTER TABLE users DROP COLUMN email;\n");
  file("3_posts.up.sql", "CREATE TABLE posts (id int);\n");
  file("3_posts.down.sql", "DROP TABLE posts;\n");
  file("README.md", "not a migration");
  file("notes.sql", "no underscore: ignored as sqlx does");

  // Dry run: reports, creates nothing.
  sqlx::migrate_options dry;
  dry.dry_run = true;
  auto steps = run(dry);
  ASSERT_EQ(steps.size(), 3u);
  EXPECT_EQ(steps[0].what, sqlx::migration_step::action::would_apply);
  EXPECT_EQ(q("SELECT to_regclass('_sqlx_migrations')::text"), "<null>");

  // Up to a target version.
  sqlx::migrate_options to1;
  to1.target_version = 1;
  steps = run(to1);
  ASSERT_EQ(steps.size(), 3u);
  EXPECT_EQ(steps[0].what, sqlx::migration_step::action::applied);
  EXPECT_EQ(steps[1].what, sqlx::migration_step::action::skipped);
  EXPECT_EQ(q("SELECT string_agg(version::text, ',' ORDER BY version) FROM _sqlx_migrations"), "1");

  steps = run();
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[1].version, 3);
  EXPECT_TRUE(run().empty());  // nothing pending
  EXPECT_EQ(q("SELECT count(*) FROM information_schema.columns WHERE table_name = 'users'"), "2");

  auto info = sqlx::migrator::from_directory(dir()).info(*db_);
  ASSERT_EQ(info.size(), 3u);
  for (const auto& s : info) EXPECT_EQ(s.what, sqlx::migration_status::state::applied);

  // Revert: the latest only, then down to a target.
  steps = revert();
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_EQ(steps[0].version, 3);
  EXPECT_EQ(steps[0].what, sqlx::migration_step::action::reverted);
  EXPECT_EQ(q("SELECT to_regclass('posts')::text"), "<null>");
  info = sqlx::migrator::from_directory(dir()).info(*db_);
  EXPECT_EQ(info[2].what, sqlx::migration_status::state::pending);

  sqlx::migrate_options to0;
  to0.target_version = 0;
  steps = revert(to0);
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0].version, 2);
  EXPECT_EQ(steps[1].version, 1);
  EXPECT_EQ(q("SELECT count(*) FROM _sqlx_migrations"), "0");
  EXPECT_EQ(q("SELECT to_regclass('users')::text"), "<null>");

  // Target versions that cannot be.
  sqlx::migrate_options bad;
  bad.target_version = 7;
  EXPECT_THROW((void)run(bad), sqlx::target_version_error);
  (void)run();
  bad.target_version = 2;
  EXPECT_THROW((void)run(bad), sqlx::target_version_error);  // older than the latest applied
}

TEST_F(migrate, byte_compatible_with_sqlx) {
  const std::string sql = "-- users\r\nCREATE TABLE users (id int);\nCREATE TABLE ünï (x int);\n";
  file("20240101120000_create_users_table.sql", sql);
  file("20240101120001_index_it.sql",
       "-- no-transaction\nCREATE INDEX CONCURRENTLY users_id ON users (id);\n");
  (void)run();

  EXPECT_EQ(
      q("SELECT encode(checksum, 'hex') FROM _sqlx_migrations WHERE version = 20240101120000"),
      hex_of(sqlx::core::sha384(sql)));
  EXPECT_EQ(q("SELECT description FROM _sqlx_migrations WHERE version = 20240101120000"),
            "create users table");
  EXPECT_EQ(q("SELECT success::text FROM _sqlx_migrations WHERE version = 20240101120001"), "true");
  EXPECT_GT(std::stoll(q("SELECT min(execution_time) FROM _sqlx_migrations")), 0);
  EXPECT_EQ(q("SELECT to_regclass('users_id')::text"), "users_id");

  // The table exactly as sqlx creates it.
  EXPECT_EQ(q("SELECT string_agg(column_name || ' ' || data_type || ' ' || is_nullable || ' ' || "
              "coalesce(column_default, '-'), ', ' ORDER BY ordinal_position) "
              "FROM information_schema.columns WHERE table_name = '_sqlx_migrations'"),
            "version bigint NO -, description text NO -, "
            "installed_on timestamp with time zone NO now(), success boolean NO -, "
            "checksum bytea NO -, execution_time bigint NO -");
  EXPECT_EQ(q("SELECT string_agg(a.attname, ',') FROM pg_index i JOIN pg_attribute a ON "
              "a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) "
              "WHERE i.indrelid = '_sqlx_migrations'::regclass AND i.indisprimary"),
            "version");

  // Embedded (in-memory) migrations agree with the directory's.
  const sqlx::migrator embedded(
      {sqlx::migration(20240101120000, "create users table", sqlx::migration_type::simple, sql)});
  EXPECT_EQ(embedded.migrations()[0].checksum,
            sqlx::migrator::from_directory(dir()).migrations()[0].checksum);
  EXPECT_TRUE(sqlx::migrator::from_directory(dir()).migrations()[1].no_transaction);
}

TEST_F(migrate, in_memory_migrations_run) {
  std::vector<sqlx::migration> list;
  list.emplace_back(2, "second", sqlx::migration_type::simple, "CREATE TABLE b (id int);");
  list.emplace_back(1, "first", sqlx::migration_type::simple, "CREATE TABLE a (id int);");
  const sqlx::migrator m(std::move(list));
  EXPECT_EQ(m.migrations()[0].version, 1);
  EXPECT_EQ(m.run(*db_).size(), 2u);
  EXPECT_EQ(q("SELECT string_agg(description, ',' ORDER BY version) FROM _sqlx_migrations"),
            "first,second");
  std::vector<sqlx::migration> dup;
  dup.emplace_back(1, "a", sqlx::migration_type::simple, "");
  dup.emplace_back(1, "b", sqlx::migration_type::reversible_up, "");
  EXPECT_THROW(sqlx::migrator{std::move(dup)}, sqlx::migration_source_error);
}

TEST_F(migrate, takes_sqlx_advisory_lock_key) {
  EXPECT_EQ(test_crc32("123456789"), 0xCBF43926u);  // the CRC-32 check value
  // The migration records the advisory lock its own session holds.
  file("1_see_lock.sql",
       "CREATE TABLE seen AS SELECT (classid::bigint << 32) | objid::bigint AS key "
       "FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid();");
  (void)run();
  const std::string db = q("SELECT current_database()");
  EXPECT_EQ(q("SELECT count(*) FROM seen"), "1");
  EXPECT_EQ(std::stoll(q("SELECT key FROM seen")), sqlx_lock_key(db));
  EXPECT_EQ(sqlx::migrator::lock_key(db), sqlx_lock_key(db));
  EXPECT_TRUE(lock_free(url_));  // released
}

TEST_F(migrate, concurrent_processes_apply_each_version_once) {
  file("1_log.sql", "CREATE TABLE log (version int); INSERT INTO log VALUES (1);");
  file("2_slow.sql", "SELECT pg_sleep(0.3); INSERT INTO log VALUES (2);");
  file("3_more.up.sql", "CREATE TABLE more (id int); INSERT INTO log VALUES (3);");
  file("3_more.down.sql", "DROP TABLE more;");
  std::vector<pid_t> pids;
  for (int i = 0; i < 8; ++i) {
    pids.push_back(sqlx::core::spawn_process({"env", "DATABASE_URL=" + url_, SQLX_CPP_SQLCHECK,
                                              "migrate", "run", "--source", dir().string()},
                                             (dir() / fmt::format("run{}.log", i)).string()));
  }
  for (std::size_t i = 0; i < pids.size(); ++i) {
    int status = 0;
    ASSERT_EQ(waitpid(pids[i], &status, 0), pids[i]);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
        << sqlx::test::read_file(dir() / fmt::format("run{}.log", i));
  }
  EXPECT_EQ(q("SELECT string_agg(version::text, ',' ORDER BY version) FROM log"), "1,2,3");
  EXPECT_EQ(q("SELECT string_agg(version::text, ',' ORDER BY version) FROM _sqlx_migrations "
              "WHERE success"),
            "1,2,3");
}

TEST_F(migrate, failure_half_way_leaves_no_trace) {
  file("1_ok.sql", "CREATE TABLE ok (id int);\n");
  file("2_bad.sql", "CREATE TABLE a (id int);\nINSERT INTO a VALUES (1);\nSELECT * FROM  nope;\n");
  const std::string message = expect_throw<sqlx::migration_failed_error>([&] { (void)run(); });
  EXPECT_NE(message.find("2_bad.sql"), std::string::npos) << message;
  EXPECT_NE(message.find("relation \"nope\" does not exist"), std::string::npos) << message;
  EXPECT_NE(message.find("line 3, column 16"), std::string::npos) << message;
  EXPECT_EQ(q("SELECT to_regclass('a')::text"), "<null>");
  EXPECT_EQ(q("SELECT string_agg(version::text, ',') FROM _sqlx_migrations"), "1");
  EXPECT_TRUE(lock_free(url_));
  // The connection is usable and idle.
  db_->execute("SELECT 1");
  EXPECT_EQ(PQtransactionStatus(db_->native_handle()), PQTRANS_IDLE);

  file("2_bad.sql", "CREATE TABLE a (id int);\nINSERT INTO a VALUES (1);\n");
  EXPECT_EQ(run().size(), 1u);
  EXPECT_EQ(q("SELECT count(*) FROM a"), "1");
}

TEST_F(migrate, refuses_changed_missing_and_dirty_versions) {
  file("1_a.sql", "CREATE TABLE a (id int);\n");
  file("2_b.sql", "CREATE TABLE b (id int);\n");
  (void)run();
  const std::string applied_hex =
      q("SELECT encode(checksum, 'hex') FROM _sqlx_migrations WHERE version = 2");

  // Edited after it ran.
  file("2_b.sql", "CREATE TABLE b (id bigint);\n");
  file("3_c.sql", "CREATE TABLE c (id int);\n");
  std::string message = expect_throw<sqlx::checksum_mismatch_error>([&] { (void)run(); });
  EXPECT_NE(message.find("migration 2"), std::string::npos) << message;
  EXPECT_NE(message.find("was changed after it was applied"), std::string::npos) << message;
  EXPECT_NE(message.find(applied_hex), std::string::npos) << message;
  EXPECT_EQ(q("SELECT to_regclass('c')::text"), "<null>");  // nothing ran
  EXPECT_TRUE(lock_free(url_));
  auto info = sqlx::migrator::from_directory(dir()).info(*db_);
  EXPECT_EQ(info[1].what, sqlx::migration_status::state::checksum_changed);
  sqlx::migrate_options allow;
  allow.allowed_checksums[2] = {"00", applied_hex};
  EXPECT_EQ(run(allow).size(), 1u);

  // Deleted after it ran.
  fs::remove(dir() / "1_a.sql");
  file("4_d.sql", "CREATE TABLE d (id int);\n");
  message = expect_throw<sqlx::missing_migration_error>([&] { (void)run(allow); });
  EXPECT_NE(message.find("migration 1 (a)"), std::string::npos) << message;
  EXPECT_NE(message.find("missing"), std::string::npos) << message;
  info = sqlx::migrator::from_directory(dir()).info(*db_, allow);
  EXPECT_EQ(info[0].what, sqlx::migration_status::state::missing);
  auto allow_missing = allow;
  allow_missing.allowed_missing = {1};
  EXPECT_EQ(run(allow_missing).size(), 1u);
  auto ignore = allow;
  ignore.ignore_missing = true;
  EXPECT_TRUE(run(ignore).empty());

  // Dirty.
  db_->execute("UPDATE _sqlx_migrations SET success = false WHERE version = 3");
  message = expect_throw<sqlx::dirty_migration_error>([&] { (void)run(allow_missing); });
  EXPECT_NE(message.find("migration 3 (c) is dirty"), std::string::npos) << message;
  EXPECT_TRUE(lock_free(url_));
}

TEST_F(migrate, schema_per_instance) {
  file("1_items.sql", "CREATE TABLE items (id int);\nINSERT INTO items VALUES (1);\n");
  const std::string before = q("SHOW search_path");
  for (const std::string schema : {"tenant one", "tenant_two"}) {
    sqlx::migrate_options o;
    o.schema = schema;
    EXPECT_EQ(run(o).size(), 1u);
    EXPECT_TRUE(run(o).empty());
    sqlx::pg::result r(PQexec(db_->native_handle(), "SHOW search_path"));
    EXPECT_EQ(r.value(0, 0), before);  // the caller's search_path is back
  }
  EXPECT_EQ(q("SELECT count(*) FROM \"tenant one\".items"), "1");
  EXPECT_EQ(q("SELECT count(*) FROM tenant_two._sqlx_migrations"), "1");
  EXPECT_EQ(q("SELECT to_regclass('public._sqlx_migrations')::text"), "<null>");
  EXPECT_EQ(q("SELECT to_regclass('public.items')::text"), "<null>");
  EXPECT_EQ(before, "\"$user\", public");
  db_->execute("CREATE TABLE back_in_public (id int)");
  EXPECT_EQ(q("SELECT to_regclass('public.back_in_public')::text"), "back_in_public");
  sqlx::migrate_options o;
  o.schema = "tenant_two";
  auto info = sqlx::migrator::from_directory(dir()).info(*db_, o);
  ASSERT_EQ(info.size(), 1u);
  EXPECT_EQ(info[0].what, sqlx::migration_status::state::applied);
}

TEST_F(migrate, refuses_to_run_inside_a_transaction) {
  file("1_a.sql", "CREATE TABLE a (id int);\n");
  db_->execute("BEGIN");
  EXPECT_THROW((void)run(), sqlx::migrate_error);
  EXPECT_EQ(PQtransactionStatus(db_->native_handle()), PQTRANS_INTRANS);  // left as it was
  db_->execute("ROLLBACK");
  EXPECT_EQ(run().size(), 1u);
}

TEST_F(migrate, source_errors) {
  EXPECT_THROW((void)sqlx::migrator::from_directory(dir() / "absent"),
               sqlx::migration_source_error);
  file("abc_x.sql", "");
  const std::string message = expect_throw<sqlx::migration_source_error>(
      [&] { (void)sqlx::migrator::from_directory(dir()); });
  EXPECT_NE(message.find("abc_x.sql"), std::string::npos) << message;
}

TEST_F(migrate, cli_migrate_commands) {
  temp_dir project;
  auto r = sqlcheck(project.path(), {"migrate", "add", "-r", "--sequential", "create users"});
  ASSERT_EQ(r.status, 0) << r.output;
  const fs::path migrations = project.path() / "migrations";
  EXPECT_TRUE(fs::exists(migrations / "0001_create_users.up.sql")) << r.output;
  EXPECT_EQ(sqlx::test::read_file(migrations / "0001_create_users.down.sql"),
            "-- Add down migration script here\n");
  r = sqlcheck(project.path(),
               {"migrate", "add", "add posts"});  // inferred: sequential, reversible
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_TRUE(fs::exists(migrations / "0002_add_posts.up.sql")) << r.output;
  write_file(migrations / "0001_create_users.up.sql", "CREATE TABLE users (id int);\n");
  write_file(migrations / "0001_create_users.down.sql", "DROP TABLE users;\n");
  write_file(migrations / "0002_add_posts.up.sql", "CREATE TABLE posts (id int);\n");
  write_file(migrations / "0002_add_posts.down.sql", "DROP TABLE posts;\n");

  r = sqlcheck(project.path(), {"migrate", "run", "--dry-run"}, url_);
  EXPECT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("Can apply 1/migrate create users"), std::string::npos) << r.output;
  r = sqlcheck(project.path(), {"migrate", "run", "--target-version", "1"}, url_);
  EXPECT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("Applied 1/migrate create users"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("Skipped 2/migrate add posts"), std::string::npos) << r.output;
  r = sqlcheck(project.path(), {"migrate", "info"}, url_);
  EXPECT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("1/installed create users"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("2/pending add posts"), std::string::npos) << r.output;
  r = sqlcheck(project.path(), {"migrate", "run"}, url_);
  EXPECT_EQ(r.status, 0) << r.output;
  r = sqlcheck(project.path(), {"migrate", "revert"}, url_);
  EXPECT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("Applied 2/revert add posts"), std::string::npos) << r.output;

  write_file(migrations / "0001_create_users.up.sql", "CREATE TABLE users (id bigint);\n");
  r = sqlcheck(project.path(), {"migrate", "info"}, url_);
  EXPECT_NE(r.output.find("1/installed (different checksum) create users"), std::string::npos)
      << r.output;
  r = sqlcheck(project.path(), {"migrate", "run"}, url_);
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_NE(r.output.find("was changed after it was applied"), std::string::npos) << r.output;

  r = sqlcheck(project.path(), {"migrate", "run", "--bogus"}, url_);
  EXPECT_EQ(r.status, 2) << r.output;
  r = sqlcheck(project.path(), {"migrate", "run"});
  EXPECT_EQ(r.status, 1) << r.output;
}

TEST_F(migrate, cli_database_commands) {
  temp_dir project;
  write_file(project.path() / "migrations" / "1_t.sql", "CREATE TABLE t (id int);\n");
  const std::string name = fmt::format("cli_db_{}", getpid());
  const std::string url = url_of("postgres:s3cretpw", name);
  auto r = sqlcheck(project.path(), {"database", "setup"}, url);
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_EQ(scalar(url, "SELECT count(*) FROM _sqlx_migrations"), "1");
  r = sqlcheck(project.path(), {"database", "create"}, url);  // exists: nothing to do
  EXPECT_EQ(r.status, 0) << r.output;
  r = sqlcheck(project.path(), {"database", "reset", "-y"}, url);
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_EQ(scalar(url, "SELECT count(*) FROM t"), "0");
  r = sqlcheck(project.path(), {"database", "drop"}, url);  // no answer on stdin: not dropped
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_EQ(r.output.find("s3cretpw"), std::string::npos) << r.output;
  r = sqlcheck(project.path(), {"database", "drop", "-y"}, url);
  EXPECT_EQ(r.status, 0) << r.output;
  EXPECT_FALSE(database_exists(name));
}

TEST_F(migrate, cli_database_drop_force_ends_other_sessions) {
  temp_dir project;
  const std::string name = fmt::format("cli_force_{}", getpid());
  const std::string url = url_of("postgres", name);
  ASSERT_EQ(sqlcheck(project.path(), {"database", "create"}, url).status, 0);
  auto session = sqlx::pg::connection::connect(url);  // someone still connected
  auto r = sqlcheck(project.path(), {"database", "drop", "-y"}, url);
  EXPECT_EQ(r.status, 1) << r.output;  // the server refuses: the database is being accessed
  EXPECT_NE(r.output.find("other session"), std::string::npos) << r.output;
  r = sqlcheck(project.path(), {"database", "drop", "-y", "-f"}, url);
  EXPECT_EQ(r.status, 0) << r.output;
  EXPECT_FALSE(database_exists(name));
}

TEST_F(migrate, cli_migrate_add_timestamp_and_sequential) {
  temp_dir project;
  auto r = sqlcheck(project.path(), {"migrate", "add", "--sequential", "first"});
  ASSERT_EQ(r.status, 0) << r.output;
  r = sqlcheck(project.path(), {"migrate", "add", "--timestamp", "second one"});
  ASSERT_EQ(r.status, 0) << r.output;
  r = sqlcheck(project.path(), {"migrate", "add", "-s", "-t", "both"});
  EXPECT_EQ(r.status, 2) << r.output;
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(project.path() / "migrations")) {
    names.push_back(e.path().filename().string());
  }
  std::ranges::sort(names);
  ASSERT_EQ(names.size(), 2U);
  EXPECT_EQ(names[0], "0001_first.sql");
  // A UTC timestamp of this year: yyyymmddhhmmss.
  const std::string year = fmt::format("{:%Y}", std::chrono::system_clock::now());
  EXPECT_TRUE(names[1].starts_with(year)) << names[1];
  EXPECT_EQ(names[1].size(), std::string("20261205120000_second_one.sql").size()) << names[1];
  EXPECT_TRUE(names[1].ends_with("_second_one.sql")) << names[1];
}

TEST_F(migrate, cli_migrate_embed_reports_bad_input) {
  temp_dir project;
  write_file(project.path() / "migrations" / "x1_bad.sql", "SELECT 1;\n");
  auto r = sqlcheck(project.path(), {"migrate", "embed", "--out", "e.cpp"});
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_NE(r.output.find("x1_bad.sql: not a migration name"), std::string::npos) << r.output;
  fs::remove(project.path() / "migrations" / "x1_bad.sql");
  r = sqlcheck(project.path(), {"migrate", "embed", "--out", "e.cpp", "--function", "1bad::name"});
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_NE(r.output.find("is not a C++ function name"), std::string::npos) << r.output;
  r = sqlcheck(project.path(), {"migrate", "embed"});
  EXPECT_EQ(r.status, 2) << r.output;
  EXPECT_FALSE(fs::exists(project.path() / "e.cpp"));
}

// The recipe of docs/schema-per-instance.md: migrate into the instance's schema, then pin the
// pool's connections to it with after_connect (or with the URL's options).
TEST_F(migrate, schema_per_instance_pool_recipe) {
  file("1_items.sql", "CREATE TABLE items (id int);\n");
  const auto migrations = sqlx::migrator::from_directory(dir());
  auto pinned_pool = [&](const std::string& schema) {
    sqlx::migrate_options o;
    o.schema = schema;
    (void)migrations.run(*db_, o);
    return sqlx::pg::pool_options{}
        .max_connections(2)
        .after_connect([schema](sqlx::pg::connection& c) {
          c.execute("SET search_path TO \"" + schema + "\"");
        })
        .connect(url_);
  };
  auto a = pinned_pool("instance_a");
  auto b = pinned_pool("instance_b");
  a.with_connection(
      [](sqlx::pg::connection& c) { c.execute("INSERT INTO items VALUES (1), (2)"); });
  b.with_connection([](sqlx::pg::connection& c) { c.execute("INSERT INTO items VALUES (3)"); });
  EXPECT_EQ(q("SELECT count(*) FROM instance_a.items"), "2");
  EXPECT_EQ(q("SELECT count(*) FROM instance_b.items"), "1");
  // The same through the URL, for poolers that reset session state (PgBouncer).
  const std::string pinned_url = url_ + (url_.find('?') == std::string::npos ? "?" : "&") +
                                 "options=-csearch_path%3Dinstance_b";
  auto c = sqlx::pg::connection::connect(pinned_url);
  c.execute("INSERT INTO items VALUES (4)");
  EXPECT_EQ(q("SELECT count(*) FROM instance_b.items"), "2");
}

}  // namespace
