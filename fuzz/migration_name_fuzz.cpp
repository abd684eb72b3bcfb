// Migration file names and `-- no-transaction` files on arbitrary bytes: the lines before the
// first NUL are file names, the rest is every migration's SQL. A name is a migration, not one,
// or a migration_source_error; the migrator built from them sorts them or reports a version
// used twice. The SQL split into statements as a `-- no-transaction` file is run: views of the
// text in order, each one statement when split alone, nothing but space, comments and `;`
// between them. No crash, no other exception.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/internal/migration_name.hpp"
#include "runtime/internal/sql_split.hpp"
#include "sqlx/migrate.hpp"

namespace {

void check_split(std::string_view sql) {
  using sqlx::pg::detail::split_statements;
  std::size_t end = 0;  // of the previous statement
  for (const auto& statement : split_statements(sql)) {
    if (statement.offset < end || statement.offset + statement.text.size() > sql.size() ||
        statement.text.data() != sql.data() + statement.offset || statement.text.empty()) {
      __builtin_trap();
    }
    if (!split_statements(sql.substr(end, statement.offset - end)).empty()) __builtin_trap();
    const auto alone = split_statements(statement.text);
    if (alone.size() != 1 || alone[0].text != statement.text) __builtin_trap();
    end = statement.offset + statement.text.size();
  }
  if (!split_statements(sql.substr(end)).empty()) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t nul = input.find('\0');
  std::string_view names = input.substr(0, nul);
  const std::string sql(nul == std::string_view::npos ? std::string_view{} : input.substr(nul + 1));

  check_split(sql);

  std::vector<sqlx::migration> found;
  while (!names.empty()) {
    const std::size_t end = names.find('\n');
    const std::string_view name = names.substr(0, end);
    names = end == std::string_view::npos ? std::string_view{} : names.substr(end + 1);
    try {
      auto parsed = sqlx::detail::parse_migration_file_name(name, name);
      if (!parsed) {
        if (name.find('_') != std::string_view::npos && name.ends_with(".sql")) __builtin_trap();
        continue;
      }
      if (!name.ends_with(".sql") || parsed->description.find('_') != std::string::npos) {
        __builtin_trap();
      }
      const bool up = parsed->type == sqlx::migration_type::reversible_up;
      const bool down = parsed->type == sqlx::migration_type::reversible_down;
      const std::string_view rest = name.substr(name.find('_') + 1);
      if (up != rest.ends_with(".up.sql") || down != rest.ends_with(".down.sql")) __builtin_trap();
      found.emplace_back(parsed->version, std::move(parsed->description), parsed->type, sql,
                         std::string(name));
      if (found.back().no_transaction != sql.starts_with("-- no-transaction")) __builtin_trap();
    } catch (const sqlx::migration_source_error&) {
    }
  }
  try {
    const sqlx::migrator migrator(std::move(found));
    const auto& sorted = migrator.migrations();
    for (std::size_t i = 1; i < sorted.size(); ++i) {
      if (sorted[i - 1].version > sorted[i].version) __builtin_trap();
    }
  } catch (const sqlx::migration_source_error&) {
  }
  return 0;
}
