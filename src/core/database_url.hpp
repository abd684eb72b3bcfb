// Where sqlcheck finds its database: -D/--database-url, else DATABASE_URL, else .env.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace sqlx::core {

// The first of: `explicit_url`, $DATABASE_URL, DATABASE_URL in a `.env` file in `start_dir`
// or its parents. nullopt when none is set.
[[nodiscard]] std::optional<std::string> resolve_database_url(
    const std::optional<std::string>& explicit_url, const std::filesystem::path& start_dir);

// The URL with any password replaced by "***", for messages and logs.
// Works for URLs (postgres://user:secret@host/db) and key=value strings (password=secret).
[[nodiscard]] std::string redact_url(std::string_view url);

}  // namespace sqlx::core
