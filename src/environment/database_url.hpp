// Where sqlcheck finds its database: -D/--database-url, else DATABASE_URL, else .env.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace sqlx::core {

// The first of: `explicit_url`, $DATABASE_URL, DATABASE_URL in a `.env` file in `start_dir`
// or its parents. nullopt when none is set. Throws std::runtime_error naming the `.env` file
// and line (never the value: it holds the password) when the value opens a quote it does not
// close.
[[nodiscard]] std::optional<std::string> resolve_database_url(
    const std::optional<std::string>& explicit_url, const std::filesystem::path& start_dir);

}  // namespace sqlx::core
