#include "sqlx/testing.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <utility>

#include "runtime/internal/admin.hpp"
#include "sqlx/detail/fnv1a.hpp"

namespace sqlx::testing {
namespace {

using pg::detail::quote_identifier;

// FNV-1a over each migration's version, kind and checksum: the same migrations give the same
// template in every process.
std::uint64_t fingerprint(const migrator& migrations) {
  std::uint64_t hash = sqlx::detail::fnv1a_offset_basis;
  auto mix = [&](const void* data, std::size_t size) {
    hash = sqlx::detail::fnv1a(static_cast<const unsigned char*>(data), size, hash);
  };
  for (const auto& m : migrations.migrations()) {
    mix(&m.version, sizeof m.version);
    mix(&m.type, sizeof m.type);
    mix(m.checksum.data(), m.checksum.size());
  }
  return hash;
}

std::string server_url_or_environment(const std::string& server_url) {
  if (!server_url.empty()) return server_url;
  const char* env = std::getenv("DATABASE_URL");
  if (env == nullptr || *env == '\0') {
    throw error(
        "sqlx::testing: no server: set DATABASE_URL to a PostgreSQL server where test "
        "databases may be created (e.g. postgres://postgres@localhost/postgres)");
  }
  return env;
}

// Makes the template once: under an advisory lock (other processes wait, then find it), a
// database is created and migrated under a temporary name and renamed only when complete.
void ensure_template(pg::connection& admin, const pg::detail::server_address& server,
                     const migrator& migrations, const std::string& name, std::uint64_t key) {
  const pg::detail::advisory_lock lock(admin, static_cast<std::int64_t>(key));
  if (pg::detail::database_exists(admin, name)) return;
  const std::string building = name + "_building";
  admin.execute("DROP DATABASE IF EXISTS " + quote_identifier(building));
  admin.execute("CREATE DATABASE " + quote_identifier(building));
  try {
    auto conn = pg::connection::connect(server.conninfo(building));
    (void)migrations.run(conn);
  } catch (...) {
    admin.execute("DROP DATABASE IF EXISTS " + quote_identifier(building) + " WITH (FORCE)");
    throw;
  }
  admin.execute("ALTER DATABASE " + quote_identifier(building) + " RENAME TO " +
                quote_identifier(name));
}

}  // namespace

test_database test_database::create(const migrator& migrations, const std::string& server_url) {
  const std::string url = server_url_or_environment(server_url);
  const auto server = pg::detail::parse_server_address(url);
  const std::string admin_conninfo = server.conninfo(server.database);
  auto admin = pg::connection::connect(admin_conninfo);

  const std::uint64_t key = fingerprint(migrations);
  const std::string template_name = fmt::format("_sqlx_cpp_template_{:016x}", key);
  ensure_template(admin, server, migrations, template_name, key);

  static std::atomic<unsigned> counter{0};
  std::string name = fmt::format("_sqlx_cpp_test_{}_{}", getpid(), ++counter);
  admin.execute("DROP DATABASE IF EXISTS " + quote_identifier(name) + " WITH (FORCE)");
  admin.execute("CREATE DATABASE " + quote_identifier(name) + " TEMPLATE " +
                quote_identifier(template_name));
  std::string test_url = server.conninfo(name);
  return test_database(admin_conninfo, std::move(name), std::move(test_url));
}

test_database::test_database(std::string admin_conninfo, std::string name, std::string url)
    : admin_conninfo_(std::move(admin_conninfo)), name_(std::move(name)), url_(std::move(url)) {}

test_database::test_database(test_database&& other) noexcept
    : admin_conninfo_(std::move(other.admin_conninfo_)),
      name_(std::exchange(other.name_, {})),
      url_(std::move(other.url_)) {}

test_database::~test_database() {
  if (name_.empty()) return;
  try {
    auto admin = pg::connection::connect(admin_conninfo_);
    admin.execute("DROP DATABASE IF EXISTS " + quote_identifier(name_) + " WITH (FORCE)");
  } catch (const std::exception& e) {
    // A destructor must not throw; the name says what to clean up by hand.
    fmt::print(stderr, "sqlx::testing: could not drop test database {}: {}\n", name_, e.what());
  }
}

migrator default_migrations() {
  const char* dir = std::getenv("SQLX_CPP_MIGRATIONS");
  return migrator::from_directory(dir != nullptr && *dir != '\0' ? dir : "migrations");
}

void database_test::SetUp() {
  database_.emplace(test_database::create(migrations()));
  connection_.emplace(pg::connection::connect(database_->url()));
}

void database_test::TearDown() {
  connection_.reset();
  database_.reset();
}

pg::connection& database_test::connection() {
  return connection_.value();
}

const std::string& database_test::url() const {
  return database_.value().url();
}

}  // namespace sqlx::testing
