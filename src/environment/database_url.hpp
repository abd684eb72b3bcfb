// Where the tools find their database: -D/--database-url, else DATABASE_URL, else .env; and
// whether the build-time tools go online (sqlx's SQLX_OFFLINE rule).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "metadata/metadata.hpp"

namespace sqlx::core {

// The first of: `explicit_url`, $DATABASE_URL, DATABASE_URL in a `.env` file in `start_dir`
// or its parents. nullopt when none is set. Throws sqlx::error naming the `.env` file
// and line (never the value: it holds the password) when the value opens a quote it does not
// close.
[[nodiscard]] std::optional<std::string> resolve_database_url(
    const std::optional<std::string>& explicit_url, const std::filesystem::path& start_dir);

// Whether SQLX_OFFLINE asks for offline mode: set to 1, true, TRUE or yes.
[[nodiscard]] bool offline_requested();

// Online mode, as sqlx: the database to describe queries on at build time, or nullopt for
// offline (only `.sqlx-cpp/` is read). Offline when SQLX_OFFLINE is true, else the database is
// resolve_database_url(nullopt, start_dir): DATABASE_URL from the environment, else from a
// `.env` in `start_dir` or its parents. The one rule of `sqlcheck generate --online` and
// `--online-source` (what sqlx_cpp_check runs) and of query-check's live mode. Throws as
// resolve_database_url does for a broken `.env`.
[[nodiscard]] std::optional<std::string> online_database_url(
    const std::filesystem::path& start_dir);

// The database a URL names, by its scheme: `sqlite:` is SQLite (environment/sqlite_url.hpp),
// anything else PostgreSQL (postgres://, postgresql://, or a libpq key=value string).
[[nodiscard]] database database_of_url(std::string_view url) noexcept;

}  // namespace sqlx::core
