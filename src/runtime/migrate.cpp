// sqlx::migrator: sqlx's migration algorithm over the runtime connection (docs/migrations.md).
#include "sqlx/migrate.hpp"

#include <fmt/format.h>
#include <libpq-fe.h>
#include <openssl/evp.h>

#include <algorithm>
#include <charconv>
#include <tuple>
#include <unordered_map>

#include "internal/admin.hpp"
#include "internal/migration_dialect.hpp"
#include "internal/migration_name.hpp"
#include "internal/migration_sql.hpp"
#include "internal/pq.hpp"
#include "internal/read_file.hpp"

namespace sqlx {
namespace fs = std::filesystem;
namespace {

using pg::detail::exec_params;
using pg::detail::pq_result;
using pg::detail::quote_identifier;
using pg::detail::rollback_if_in_transaction;

constexpr std::string_view table = "_sqlx_migrations";

std::array<std::uint8_t, 48> sha384(std::string_view data) {
  std::array<std::uint8_t, 48> out{};
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), out.data(), &length, EVP_sha384(), nullptr) != 1 ||
      length != out.size()) {
    throw migrate_error("SHA-384 failed (OpenSSL)");
  }
  return out;
}

// CRC-32 (IEEE 802.3, reflected, as zlib and sqlx's CRC_32_ISO_HDLC).
std::uint32_t crc32(std::string_view data) noexcept {
  std::uint32_t crc = 0xFFFFFFFFu;
  for (const char ch : data) {
    crc ^= static_cast<std::uint8_t>(ch);
    for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return crc ^ 0xFFFFFFFFu;
}

std::string hex(const std::uint8_t* bytes, std::size_t n) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(n * 2);
  for (std::size_t i = 0; i < n; ++i) {
    out += digits[bytes[i] >> 4];
    out += digits[bytes[i] & 15];
  }
  return out;
}

std::vector<std::uint8_t> from_hex(std::string_view text) {
  std::vector<std::uint8_t> out;
  for (std::size_t i = 0; i + 1 < text.size(); i += 2) {
    unsigned value = 0;
    std::from_chars(text.data() + i, text.data() + i + 2, value, 16);
    out.push_back(static_cast<std::uint8_t>(value));
  }
  return out;
}

// The key of sqlx's advisory lock for the connection's database.
std::int64_t sqlx_lock_key(pg::connection& conn) {
  const pq_result r = exec_params(conn, "SELECT current_database()");
  return migrator::lock_key(PQgetvalue(r.get(), 0, 0));
}

// Migrations commit their own transactions: refuse to run inside the caller's.
void require_idle(pg::connection& conn) {
  if (PQtransactionStatus(conn.native_handle()) != PQTRANS_IDLE) {
    throw migrate_error(
        "migrations must run outside a transaction block: each one commits its own transaction "
        "(and -- no-transaction ones cannot run in one); commit or roll back first");
  }
}

// search_path set to the target schema (created unless `create` is false), restored after.
class schema_scope {
 public:
  schema_scope(pg::connection& conn, const std::optional<std::string>& schema, bool create)
      : conn_(conn) {
    if (!schema) return;
    if (schema->empty()) throw migrate_error("migrate_options::schema is empty");
    const pq_result r = exec_params(conn_, "SELECT current_setting('search_path')");
    saved_ = PQgetvalue(r.get(), 0, 0);
    // Checked first so that a migrated instance's start-up prints no "already exists" notice;
    // under the advisory lock, nobody creates it in between.
    if (create &&
        PQntuples(
            exec_params(conn_, "SELECT 1 FROM pg_namespace WHERE nspname = $1", {*schema}).get()) ==
            0) {
      conn_.execute("CREATE SCHEMA IF NOT EXISTS " + quote_identifier(*schema));
    }
    (void)exec_params(conn_, "SELECT set_config('search_path', $1, false)",
                      {quote_identifier(*schema)});
    active_ = true;
  }
  ~schema_scope() {
    if (!active_ || PQstatus(conn_.native_handle()) != CONNECTION_OK) return;
    rollback_if_in_transaction(conn_);
    const char* values[] = {saved_.c_str()};
    pq_result r{PQexecParams(conn_.native_handle(), "SELECT set_config('search_path', $1, false)",
                             1, nullptr, values, nullptr, nullptr, 0)};
  }
  schema_scope(const schema_scope&) = delete;
  schema_scope& operator=(const schema_scope&) = delete;

 private:
  pg::connection& conn_;
  std::string saved_;
  bool active_ = false;
};

using applied_row = detail::applied_migration;

bool table_exists(pg::connection& conn) {
  const pq_result r = exec_params(conn, "SELECT to_regclass('_sqlx_migrations') IS NOT NULL");
  return std::string_view(PQgetvalue(r.get(), 0, 0)) == "t";
}

void ensure_table(pg::connection& conn) {
  if (table_exists(conn)) return;  // no "already exists" notice at every start-up
  // Exactly sqlx's definition.
  conn.execute(
      "CREATE TABLE IF NOT EXISTS _sqlx_migrations (\n"
      "    version BIGINT PRIMARY KEY,\n"
      "    description TEXT NOT NULL,\n"
      "    installed_on TIMESTAMPTZ NOT NULL DEFAULT now(),\n"
      "    success BOOLEAN NOT NULL,\n"
      "    checksum BYTEA NOT NULL,\n"
      "    execution_time BIGINT NOT NULL\n"
      ");");
}

std::map<std::int64_t, applied_row> list_applied(pg::connection& conn) {
  std::map<std::int64_t, applied_row> rows;
  const pq_result r = exec_params(conn,
                                  "SELECT version, description, success, encode(checksum, 'hex') "
                                  "FROM _sqlx_migrations ORDER BY version");
  for (int i = 0; i < PQntuples(r.get()); ++i) {
    applied_row row;
    const std::string_view v = PQgetvalue(r.get(), i, 0);
    std::from_chars(v.data(), v.data() + v.size(), row.version);
    row.description = PQgetvalue(r.get(), i, 1);
    row.success = std::string_view(PQgetvalue(r.get(), i, 2)) == "t";
    row.checksum = from_hex(PQgetvalue(r.get(), i, 3));
    rows.emplace(row.version, std::move(row));
  }
  return rows;
}

bool same(const std::vector<std::uint8_t>& a, const std::array<std::uint8_t, 48>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end());
}

bool checksum_accepted(const migration& m, const applied_row& row, const migrate_options& options) {
  if (same(row.checksum, m.checksum)) return true;
  const auto it = options.allowed_checksums.find(m.version);
  if (it == options.allowed_checksums.end()) return false;
  const std::string applied = to_hex(row.checksum);
  return std::ranges::any_of(it->second, [&](const std::string& allowed) {
    std::string lower = allowed;
    std::ranges::transform(lower, lower.begin(), [](char c) {
      return static_cast<char>(c >= 'A' && c <= 'F' ? c - 'A' + 'a' : c);
    });
    return lower == applied;
  });
}

// sqlx's checks before anything runs: no dirty version, no applied version missing.
void check_dirty_and_missing(const std::vector<migration>& migrations,
                             const std::map<std::int64_t, applied_row>& applied,
                             const migrate_options& options) {
  for (const auto& [version, row] : applied) {
    if (!row.success) {
      throw dirty_migration_error(
          fmt::format("migration {} ({}) is dirty: it failed part-way in an earlier run "
                      "(success = false in {}), so the database is in an unknown state. Repair "
                      "the database by hand, then delete its row (DELETE FROM {} WHERE version "
                      "= {}) and run the migrations again",
                      version, row.description, table, table, version),
          version);
    }
  }
  if (options.ignore_missing) return;
  for (const auto& [version, row] : applied) {
    const bool present = std::ranges::any_of(
        migrations, [v = version](const migration& m) { return m.version == v; });
    if (!present && !options.allowed_missing.contains(version)) {
      throw missing_migration_error(
          fmt::format("migration {} ({}) was applied to the database but is missing from the "
                      "migrations: restore its file, or allow it (migrate_options::"
                      "allowed_missing, or ignore_missing / `sqlcheck migrate run "
                      "--ignore-missing`)",
                      version, row.description),
          version);
    }
  }
}

void check_checksums(const std::vector<migration>& migrations,
                     const std::map<std::int64_t, applied_row>& applied,
                     const migrate_options& options) {
  for (const auto& m : migrations) {
    if (m.is_down()) continue;
    const auto it = applied.find(m.version);
    if (it == applied.end() || checksum_accepted(m, it->second, options)) continue;
    throw checksum_mismatch_error(
        fmt::format("{} was changed after it was applied: the database has checksum {}, the "
                    "file has {}. Restore the file as it was applied (a change belongs in a new "
                    "migration), or accept the applied checksum for this version "
                    "(migrate_options::allowed_checksums[{}])",
                    m.name(), to_hex(it->second.checksum), to_hex(m.checksum), m.version),
        m.version);
  }
}

void apply(pg::connection& conn, const migration& m) {
  if (!m.no_transaction) conn.execute("BEGIN");
  try {
    pg::detail::run_migration_sql(conn, m, false);
    (void)exec_params(conn,
                      "INSERT INTO _sqlx_migrations (version, description, success, checksum, "
                      "execution_time) VALUES ($1, $2, TRUE, decode($3, 'hex'), -1)",
                      {std::to_string(m.version), m.description, to_hex(m.checksum)});
    if (!m.no_transaction) conn.execute("COMMIT");
  } catch (...) {
    rollback_if_in_transaction(conn);
    throw;
  }
}

void revert_one(pg::connection& conn, const migration& m) {
  if (!m.no_transaction) conn.execute("BEGIN");
  try {
    pg::detail::run_migration_sql(conn, m, true);
    (void)exec_params(conn, "DELETE FROM _sqlx_migrations WHERE version = $1",
                      {std::to_string(m.version)});
    if (!m.no_transaction) conn.execute("COMMIT");
  } catch (...) {
    rollback_if_in_transaction(conn);
    throw;
  }
}

bool has_version(const std::vector<migration>& migrations, std::int64_t version) {
  return std::ranges::any_of(migrations, [&](const migration& m) { return m.version == version; });
}

std::string read_bytes(const fs::path& file) {
  try {
    return detail::read_file(file);
  } catch (const detail::file_read_error& e) {
    throw migration_source_error(
        fmt::format("{}: cannot read the migration: {}", file.string(), e.reason()));
  }
}

}  // namespace

migration::migration(std::int64_t version_, std::string description_, migration_type type_,
                     std::string sql_, std::string origin_)
    : version(version_),
      description(std::move(description_)),
      type(type_),
      sql(std::move(sql_)),
      checksum(sha384(sql)),
      no_transaction(sql.starts_with("-- no-transaction")),
      origin(std::move(origin_)) {}

std::string migration::name() const {
  return origin.empty() ? fmt::format("migration {} ({})", version, description)
                        : fmt::format("migration {} ({})", version, origin);
}

std::string to_hex(const std::vector<std::uint8_t>& bytes) {
  return hex(bytes.data(), bytes.size());
}
std::string to_hex(const std::array<std::uint8_t, 48>& bytes) {
  return hex(bytes.data(), bytes.size());
}

std::int64_t migrator::lock_key(std::string_view database_name) noexcept {
  return std::int64_t{0x3d32ad9e} * static_cast<std::int64_t>(crc32(database_name));
}

migrator::migrator(std::vector<migration> migrations) : migrations_(std::move(migrations)) {
  // A total order (the origin breaks ties), so a plain sort is deterministic; stable_sort's
  // buffer is deprecated API that clang flags inside libstdc++.
  std::ranges::sort(migrations_, [](const migration& a, const migration& b) {
    return std::tie(a.version, a.type, a.origin) < std::tie(b.version, b.type, b.origin);
  });
  for (std::size_t i = 1; i < migrations_.size(); ++i) {
    const auto& a = migrations_[i - 1];
    const auto& b = migrations_[i];
    if (a.version == b.version && a.is_down() == b.is_down()) {
      throw migration_source_error(fmt::format("version {} is used twice: {} and {}", a.version,
                                               a.origin.empty() ? a.description : a.origin,
                                               b.origin.empty() ? b.description : b.origin));
    }
  }
}

migrator migrator::from_directory(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    throw migration_source_error(fmt::format("{}: migrations directory not found", dir.string()));
  }
  std::vector<migration> found;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (!fs::is_regular_file(entry.path(), ec)) continue;  // follows symlinks, as sqlx
    auto name =
        detail::parse_migration_file_name(entry.path().filename().string(), entry.path().string());
    if (!name) continue;
    found.emplace_back(name->version, std::move(name->description), name->type,
                       read_bytes(entry.path()), entry.path().string());
  }
  return migrator(std::move(found));
}

namespace detail {
namespace {

// Held for a scope: the dialect's lock and schema.
class lock_scope {
 public:
  explicit lock_scope(migration_dialect& d) : d_(d) { d_.lock(); }
  ~lock_scope() { d_.unlock(); }
  lock_scope(const lock_scope&) = delete;
  lock_scope& operator=(const lock_scope&) = delete;

 private:
  migration_dialect& d_;
};

class schema_guard {
 public:
  schema_guard(migration_dialect& d, const std::optional<std::string>& schema, bool create)
      : d_(d) {
    d_.enter_schema(schema, create);
  }
  ~schema_guard() { d_.leave_schema(); }
  schema_guard(const schema_guard&) = delete;
  schema_guard& operator=(const schema_guard&) = delete;

 private:
  migration_dialect& d_;
};

}  // namespace

std::vector<migration_step> run_migrations(const std::vector<migration>& migrations_,
                                           migration_dialect& dialect,
                                           const migrate_options& options) {
  if (options.target_version && !has_version(migrations_, *options.target_version)) {
    throw target_version_error(
        fmt::format("target version {} is not one of the migrations", *options.target_version),
        *options.target_version);
  }
  dialect.require_idle();
  const lock_scope lock(dialect);
  const schema_guard scope(dialect, options.schema, !options.dry_run);
  std::map<std::int64_t, applied_row> applied;
  if (!options.dry_run) dialect.ensure_table();
  if (!options.dry_run || dialect.table_exists()) applied = dialect.list_applied();
  check_dirty_and_missing(migrations_, applied, options);
  if (options.target_version && !applied.empty() &&
      *options.target_version < applied.rbegin()->first) {
    throw target_version_error(
        fmt::format("target version {} is older than the latest applied version {}: use "
                    "revert to go back",
                    *options.target_version, applied.rbegin()->first),
        *options.target_version);
  }
  check_checksums(migrations_, applied, options);

  std::vector<migration_step> steps;
  for (const auto& m : migrations_) {
    if (m.is_down() || applied.contains(m.version)) continue;
    migration_step step{m.version, m.description, m.type, migration_step::action::applied, {}};
    if (options.target_version && m.version > *options.target_version) {
      step.what = migration_step::action::skipped;
    } else if (options.dry_run) {
      step.what = migration_step::action::would_apply;
    } else {
      const auto start = std::chrono::steady_clock::now();
      dialect.apply(m);
      step.elapsed = std::chrono::steady_clock::now() - start;
      // As sqlx: measured around the whole transaction, recorded after it (-1 until then).
      dialect.record_execution_time(m.version, step.elapsed);
    }
    steps.push_back(std::move(step));
  }
  return steps;
}

std::vector<migration_step> revert_migrations(const std::vector<migration>& migrations_,
                                              migration_dialect& dialect,
                                              const migrate_options& options) {
  if (options.target_version && *options.target_version != 0 &&
      !has_version(migrations_, *options.target_version)) {
    throw target_version_error(
        fmt::format("target version {} is not one of the migrations", *options.target_version),
        *options.target_version);
  }
  dialect.require_idle();
  const lock_scope lock(dialect);
  const schema_guard scope(dialect, options.schema, !options.dry_run);
  std::map<std::int64_t, applied_row> applied;
  if (!options.dry_run) dialect.ensure_table();
  if (!options.dry_run || dialect.table_exists()) applied = dialect.list_applied();
  check_dirty_and_missing(migrations_, applied, options);
  const std::int64_t latest = applied.empty() ? 0 : applied.rbegin()->first;
  if (options.target_version && *options.target_version > latest) {
    throw target_version_error(
        fmt::format("target version {} is newer than the latest applied version {}",
                    *options.target_version, latest),
        *options.target_version);
  }
  std::vector<migration_step> steps;
  for (auto it = migrations_.rbegin(); it != migrations_.rend(); ++it) {
    const migration& m = *it;
    if (!m.is_down() || !applied.contains(m.version)) continue;
    migration_step step{m.version, m.description, m.type, migration_step::action::reverted, {}};
    if (options.target_version && m.version <= *options.target_version) {
      step.what = migration_step::action::skipped;
    } else if (options.dry_run) {
      step.what = migration_step::action::would_revert;
    } else {
      const auto start = std::chrono::steady_clock::now();
      dialect.revert(m);
      step.elapsed = std::chrono::steady_clock::now() - start;
    }
    steps.push_back(std::move(step));
    if (!options.target_version) break;  // one at a time without a target, as sqlx
  }
  return steps;
}

std::vector<migration_status> migration_info(const std::vector<migration>& migrations_,
                                             migration_dialect& dialect,
                                             const migrate_options& options) {
  const schema_guard scope(dialect, options.schema, false);
  std::map<std::int64_t, applied_row> applied;
  if (dialect.table_exists()) applied = dialect.list_applied();
  std::map<std::int64_t, migration_status> by_version;
  for (const auto& m : migrations_) {
    if (m.is_down()) continue;
    migration_status s{m.version,
                       m.description,
                       migration_status::state::pending,
                       false,
                       {},
                       std::vector<std::uint8_t>(m.checksum.begin(), m.checksum.end())};
    if (const auto it = applied.find(m.version); it != applied.end()) {
      s.applied_checksum = it->second.checksum;
      s.dirty = !it->second.success;
      s.what = checksum_accepted(m, it->second, options)
                   ? migration_status::state::applied
                   : migration_status::state::checksum_changed;
    }
    by_version.emplace(m.version, std::move(s));
  }
  for (const auto& [version, row] : applied) {
    if (by_version.contains(version)) continue;
    by_version.emplace(version, migration_status{version,
                                                 row.description,
                                                 migration_status::state::missing,
                                                 !row.success,
                                                 row.checksum,
                                                 {}});
  }
  std::vector<migration_status> out;
  for (auto& [version, s] : by_version) out.push_back(std::move(s));
  return out;
}

}  // namespace detail

namespace {

// PostgreSQL's dialect: sqlx's table, its advisory lock, search_path for a schema.
class pg_dialect final : public detail::migration_dialect {
 public:
  explicit pg_dialect(pg::connection& conn) : conn_(conn) {}

  void require_idle() override { sqlx::require_idle(conn_); }
  void lock() override { lock_.emplace(conn_, sqlx_lock_key(conn_), "the migration lock"); }
  void unlock() noexcept override { lock_.reset(); }
  void enter_schema(const std::optional<std::string>& schema, bool create) override {
    schema_.emplace(conn_, schema, create);
  }
  void leave_schema() noexcept override { schema_.reset(); }
  bool table_exists() override { return sqlx::table_exists(conn_); }
  void ensure_table() override { sqlx::ensure_table(conn_); }
  std::map<std::int64_t, applied_row> list_applied() override { return sqlx::list_applied(conn_); }
  void apply(const migration& m) override { sqlx::apply(conn_, m); }
  void record_execution_time(std::int64_t version, std::chrono::nanoseconds elapsed) override {
    (void)exec_params(conn_, "UPDATE _sqlx_migrations SET execution_time = $1 WHERE version = $2",
                      {std::to_string(elapsed.count()), std::to_string(version)});
  }
  void revert(const migration& m) override { revert_one(conn_, m); }

 private:
  pg::connection& conn_;
  std::optional<pg::detail::advisory_lock> lock_;
  std::optional<schema_scope> schema_;
};

}  // namespace

std::vector<migration_step> migrator::run(pg::connection& conn,
                                          const migrate_options& options) const {
  pg_dialect dialect(conn);
  return detail::run_migrations(migrations_, dialect, options);
}

std::vector<migration_step> migrator::revert(pg::connection& conn,
                                             const migrate_options& options) const {
  pg_dialect dialect(conn);
  return detail::revert_migrations(migrations_, dialect, options);
}

std::vector<migration_status> migrator::info(pg::connection& conn,
                                             const migrate_options& options) const {
  pg_dialect dialect(conn);
  return detail::migration_info(migrations_, dialect, options);
}

}  // namespace sqlx
