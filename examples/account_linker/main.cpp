// The account-linking service's start-up and a few requests, end to end:
//   account_linker [DATABASE_URL]     (no URL: a throwaway server)
#include <fmt/format.h>

#include <cstdlib>
#include <iostream>
#include <memory>

#include "account_linker.hpp"
#include "server/cluster.hpp"
#include "sqlx/migrate.hpp"

int main(int argc, char** argv) try {
  std::unique_ptr<sqlx::core::temp_cluster> cluster;
  std::string url;
  if (argc > 1) {
    url = argv[1];
  } else {
    cluster = std::make_unique<sqlx::core::temp_cluster>(sqlx::core::temp_cluster::start());
    url = cluster->url();
    fmt::print("started a throwaway PostgreSQL on port {}\n", cluster->port());
  }
  auto db = sqlx::pg::connection::connect(url);
  // Start-up: the migrations compiled into the program (sqlx_cpp_embed_migrations), under
  // sqlx's advisory lock, so that many instances may start at once.
  for (const auto& step : sqlx::embedded_migrations().run(db)) {
    fmt::print("applied migration {} ({})\n", step.version, step.description);
  }
  using namespace account_linker;

  for (const auto& [id, name] : {std::pair{"1001", "Ada"}, {"1002", "Bob"}, {"1003", "Cy"}}) {
    fmt::print("registered {} as user {}\n", name, register_user(db, id, name));
  }
  db.execute(
      "INSERT INTO oauth_credentials VALUES "
      "('1001', 5001, 'ada_on_anilist', 'token-a', now() + interval '1 hour'), "
      "('1002', 5002, NULL, 'token-b', now() + interval '1 hour');"
      "INSERT INTO oauth_sessions (discord_user_id) VALUES ('1002'), ('1002');"
      "INSERT INTO guild_settings (guild_id, notifications, features) "
      "VALUES ('g-1', 'all', '{polls,quotes}')");

  if (auto c = find_credential(db, "1001")) {
    fmt::print("1001 -> anilist {} ({})\n", c->anilist_id, c->anilist_username.value_or("?"));
  }
  fmt::print("unknown user -> {}\n", find_credential(db, "404") ? "found" : "no credential");
  for (const auto& c : find_credentials(db, {"1001", "1002", "1003"})) {
    fmt::print("batch: {} -> {}\n", c.discord_user_id, c.anilist_id);
  }
  for (const auto& u : linked_users(db)) {
    fmt::print("linked view: {} {}\n", u.display_name,
               u.anilist_id ? std::to_string(*u.anilist_id) : "(not linked)");
  }
  const auto settings = settings_for(db, "g-1");
  fmt::print("guild g-1: notifications={} features={}\n", static_cast<int>(settings.notifications),
             fmt::join(settings.features, ","));
  fmt::print("unlinked 1002: {} credential row(s) deleted\n", unlink(db, "1002"));
  fmt::print("linked accounts now: {}\n", count_linked(db));
  return 0;
} catch (const std::exception& e) {
  std::cerr << "account_linker: " << e.what() << "\n";
  return 1;
}
