// Compiles a checked query and embedded migrations against the installed sqlx-cpp:
//   app            lists the embedded migrations: `<version> <checksum>` per line
//   app URL        counts a table's rows (a checked query)
#include <cstdint>
#include <iostream>
#include <sqlx/migrate.hpp>
#include <sqlx/sqlx.hpp>

int main(int argc, char** argv) try {
  if (argc < 2) {
    const sqlx::migrator embedded = sqlx::embedded_migrations();
    for (const auto& m : embedded.migrations()) {
      std::cout << m.version << ' ' << sqlx::to_hex(m.checksum) << '\n';
    }
    return 0;
  }
  auto db = sqlx::pg::connection::connect(argv[1]);
  const std::int64_t n = SQLX_QUERY_SCALAR("SELECT count(*) FROM oauth_credentials").fetch_one(db);
  std::cout << n << " oauth credentials\n";
  return 0;
} catch (const std::exception& e) {
  std::cerr << e.what() << '\n';
  return 1;
}
