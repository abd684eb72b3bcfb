// Whether a database URL is SQLite's: its scheme is `sqlite:` (sqlx's forms `sqlite://path`,
// `sqlite:path`, `sqlite::memory:`). The URL itself is read by the runtime,
// sqlx::sqlite::connect_options::parse, the one reader of SQLite URLs (docs/sqlite.md).
#pragma once

#include <string_view>

namespace sqlx::core {

[[nodiscard]] bool is_sqlite_url(std::string_view url) noexcept;

}  // namespace sqlx::core
