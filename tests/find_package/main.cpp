// Compiles a checked query against the installed sqlx-cpp: app [DATABASE_URL]
// Without a URL (as in the test) it only proves the program compiled, linked and starts.
#include <sqlx/sqlx.hpp>

#include <cstdint>
#include <iostream>

int main(int argc, char** argv) try {
  if (argc < 2) return 0;
  auto db = sqlx::pg::connection::connect(argv[1]);
  const std::int64_t n = SQLX_QUERY_SCALAR("SELECT count(*) FROM oauth_credentials").fetch_one(db);
  std::cout << n << " oauth credentials\n";
  return 0;
} catch (const std::exception& e) {
  std::cerr << e.what() << '\n';
  return 1;
}
