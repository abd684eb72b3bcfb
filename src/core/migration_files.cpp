#include "core/migration_files.hpp"

#include <libpq-fe.h>

#include <memory>

#include "sqlx/migrate.hpp"

namespace sqlx::core {

std::vector<migration_file> load_up_migrations(const std::filesystem::path& dir) {
  std::vector<migration_file> files;
  const auto migrator = sqlx::migrator::from_directory(dir);  // outlives the loop over it
  for (const auto& m : migrator.migrations()) {
    if (m.is_down()) continue;
    files.push_back(migration_file{
        m.version, m.description,
        m.type == sqlx::migration_type::simple ? migration_kind::simple
                                               : migration_kind::reversible_up,
        m.origin, m.sql, m.no_transaction});
  }
  return files;
}

namespace {

// A key=value string with the parameters `conn` was made with (password included).
std::string conninfo_of(PGconn* conn) {
  std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(PQconninfo(conn),
                                                                        &PQconninfoFree);
  std::string info;
  for (PQconninfoOption* o = options.get(); o != nullptr && o->keyword != nullptr; ++o) {
    if (o->val == nullptr || *o->val == '\0') continue;
    info += o->keyword;
    info += "='";
    for (const char* c = o->val; *c != '\0'; ++c) {
      if (*c == '\'' || *c == '\\') info += '\\';
      info += *c;
    }
    info += "' ";
  }
  return info;
}

}  // namespace

void apply_migrations(const pg_connection& conn, const std::vector<migration_file>& migrations) {
  std::vector<sqlx::migration> list;
  for (const auto& f : migrations) {
    list.emplace_back(f.version, f.description,
                      f.kind == migration_kind::simple ? sqlx::migration_type::simple
                                                       : sqlx::migration_type::reversible_up,
                      f.sql, f.path.string());
  }
  auto runtime = sqlx::pg::connection::connect(conninfo_of(conn.get()));
  (void)sqlx::migrator(std::move(list)).run(runtime);
}

}  // namespace sqlx::core
