// Migrations at run time, byte-compatible with Rust sqlx's `_sqlx_migrations` table
// (docs/migrations.md): a database migrated by `sqlx migrate run` can be migrated on by
// sqlx::migrator or `sqlcheck migrate run`, and the other way round.
//
//   auto db = sqlx::pg::connection::connect(url);
//   sqlx::migrator::from_directory("migrations").run(db);
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "sqlx/error.hpp"
#include "sqlx/pg/connection.hpp"

namespace sqlx {

namespace sqlite {
class connection;
class pool;
}  // namespace sqlite

// sqlx's three kinds of file: `<v>_<d>.sql`, `<v>_<d>.up.sql`, `<v>_<d>.down.sql`.
enum class migration_type { simple, reversible_up, reversible_down };

// One migration: a file's exact bytes and what sqlx derives from them.
struct migration {
  // Computes the checksum (SHA-384 of `sql`) and no_transaction (`sql` starts with
  // "-- no-transaction"). `origin` names it in messages (the file's path; may be empty).
  migration(std::int64_t version, std::string description, migration_type type, std::string sql,
            std::string origin = {});

  std::int64_t version;
  std::string description;  // as stored: the file name's description, underscores as spaces
  migration_type type;
  std::string sql;
  std::array<std::uint8_t, 48> checksum;
  bool no_transaction;
  std::string origin;

  [[nodiscard]] bool is_down() const noexcept { return type == migration_type::reversible_down; }
  // "migration 3 (migrations/3_add_users.sql)" for messages.
  [[nodiscard]] std::string name() const;
};

// Everything the migrator throws derives from migrate_error (itself a sqlx::error); server
// and connection failures outside a migration's own SQL come as sqlx::pg::database_error and
// sqlx::pg::connection_error.
class migrate_error : public error {
 public:
  using error::error;
};

// Another process (or connection) held the SQLite migration lock longer than the connection's
// lock_timeout: the message names the lock file, how long was waited and who holds it.
class migration_lock_timeout_error : public migrate_error {
 public:
  using migrate_error::migrate_error;
};

// The source is unusable: a directory that does not exist, a file name with a version that is
// not a number, two files for one version.
class migration_source_error : public migrate_error {
 public:
  using migrate_error::migrate_error;
};

// Errors about one version.
class migration_version_error : public migrate_error {
 public:
  migration_version_error(const std::string& what, std::int64_t version)
      : migrate_error(what), version_(version) {}
  [[nodiscard]] std::int64_t version() const noexcept { return version_; }

 private:
  std::int64_t version_;
};

// An applied migration's file changed since it ran (its checksum differs).
class checksum_mismatch_error : public migration_version_error {
 public:
  using migration_version_error::migration_version_error;
};

// A version recorded as applied has no file in the source.
class missing_migration_error : public migration_version_error {
 public:
  using migration_version_error::migration_version_error;
};

// A version is recorded with success = false (a partly applied migration): fix the database
// by hand, then delete that row.
class dirty_migration_error : public migration_version_error {
 public:
  using migration_version_error::migration_version_error;
};

// target_version is not in the source, or is older (run) / newer (revert) than the database.
class target_version_error : public migration_version_error {
 public:
  using migration_version_error::migration_version_error;
};

// A migration's SQL failed: the message names the file, the server's message and the line and
// column of the error in the file. A transactional migration left no trace; a
// `-- no-transaction` one (run statement by statement) says how many statements took effect,
// and is not recorded. When the name was taken by an INVALID index (left by an earlier failed
// CREATE INDEX CONCURRENTLY), the message names it and the DROP INDEX CONCURRENTLY to run.
// server_error().position counts characters from the start of the file.
class migration_failed_error : public migration_version_error {
 public:
  migration_failed_error(const std::string& what, std::int64_t version,
                         pg::database_error::fields server)
      : migration_version_error(what, version), server_(std::move(server)) {}
  [[nodiscard]] const pg::database_error::fields& server_error() const noexcept { return server_; }

 private:
  pg::database_error::fields server_;
};

struct migrate_options {
  // Schema-per-instance: `CREATE SCHEMA IF NOT EXISTS "schema"`, then the migrations and the
  // `_sqlx_migrations` table run with search_path set to it (restored afterwards).
  std::optional<std::string> schema;
  // run: apply up to and including this version (it must exist in the source and not be older
  // than the latest applied). revert: revert every applied version above it (0: all).
  // Without it, run applies everything and revert reverts the latest applied version only.
  std::optional<std::int64_t> target_version;
  // Report what would run; changes nothing (not even the table or the schema).
  bool dry_run = false;
  // Applied versions missing from the source are not an error (sqlx's ignore_missing).
  bool ignore_missing = false;
  // Applied versions that may be missing from the source.
  std::set<std::int64_t> allowed_missing;
  // Per version, applied checksums (lowercase hex, as `sqlcheck migrate info` and the error
  // print them) accepted besides the file's own: for a file edited on purpose after it ran.
  std::map<std::int64_t, std::vector<std::string>> allowed_checksums;
};

struct migration_step {
  enum class action { applied, reverted, would_apply, would_revert, skipped };
  std::int64_t version;
  std::string description;
  migration_type type;
  action what;
  std::chrono::nanoseconds elapsed{0};
};

struct migration_status {
  enum class state {
    applied,           // in the database with the file's checksum (or an allowed one)
    pending,           // not applied yet
    checksum_changed,  // applied, but the file changed since
    missing,           // applied, but no file in the source
  };
  std::int64_t version;
  std::string description;
  state what;
  bool dirty = false;                          // recorded with success = false
  std::vector<std::uint8_t> applied_checksum;  // empty when not applied
  std::vector<std::uint8_t> local_checksum;    // empty when missing
};

class migrator {
 public:
  // No migrations.
  migrator() = default;
  // In-memory (embedded) migrations, in any order. Throws migration_source_error when two
  // migrations of one direction share a version.
  explicit migrator(std::vector<migration> migrations);

  // The migrations in `dir` as sqlx resolves them: regular files named
  // `<version>_<description>.sql` (other names ignored); a version that is not a number
  // throws migration_source_error.
  [[nodiscard]] static migrator from_directory(const std::filesystem::path& dir);

  // Sorted by version, a version's up before its down.
  [[nodiscard]] const std::vector<migration>& migrations() const noexcept { return migrations_; }

  // Applies the pending migrations in version order, under sqlx's advisory lock (waited for
  // without holding a snapshot, bounded by the session's lock_timeout): refuses to start on a
  // dirty version, a changed checksum or a missing version (unless allowed).
  [[nodiscard]] std::vector<migration_step> run(pg::connection& conn,
                                                const migrate_options& options = {}) const;
  // Runs the `.down.sql` of the latest applied version, or of every applied version above
  // options.target_version, newest first; each deletes its row.
  [[nodiscard]] std::vector<migration_step> revert(pg::connection& conn,
                                                   const migrate_options& options = {}) const;
  // Applied, pending, changed and missing versions, in version order. Takes no lock and
  // creates nothing.
  [[nodiscard]] std::vector<migration_status> info(pg::connection& conn,
                                                   const migrate_options& options = {}) const;

  // The same on SQLite (docs/sqlite.md, "Migrations"): sqlx's SQLite `_sqlx_migrations`
  // table, each migration in a BEGIN IMMEDIATE transaction unless `-- no-transaction`, and a
  // lock sqlx does not take: an exclusive flock() on "<database file>-migrate-lock", so that
  // processes starting at once apply each migration exactly once (the kernel releases it when
  // a holder dies). migrate_options::schema is PostgreSQL's only.
  [[nodiscard]] std::vector<migration_step> run(sqlite::connection& conn,
                                                const migrate_options& options = {}) const;
  // On a connection the pool lends.
  [[nodiscard]] std::vector<migration_step> run(sqlite::pool& pool,
                                                const migrate_options& options = {}) const;
  [[nodiscard]] std::vector<migration_step> revert(sqlite::connection& conn,
                                                   const migrate_options& options = {}) const;
  [[nodiscard]] std::vector<migration_status> info(sqlite::connection& conn,
                                                   const migrate_options& options = {}) const;

  // sqlx's advisory lock key for a database: 0x3d32ad9e * crc32(name).
  [[nodiscard]] static std::int64_t lock_key(std::string_view database_name) noexcept;

 private:
  std::vector<migration> migrations_;
};

// The migrations compiled into the program by `sqlx_cpp_embed_migrations(<target> DIR <dir>)`
// (CMake, docs/migrations.md); defined in the source file that function generates, so a
// program that calls it without embedding fails to link. With `FUNCTION ns::name` the function
// is `sqlx::migrator ns::name()` instead, declared by the user.
[[nodiscard]] migrator embedded_migrations();

// Lowercase hex of a checksum.
[[nodiscard]] std::string to_hex(const std::vector<std::uint8_t>& bytes);
[[nodiscard]] std::string to_hex(const std::array<std::uint8_t, 48>& bytes);

}  // namespace sqlx
